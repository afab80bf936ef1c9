#pragma once
// Starts tests/hub/fake_hub.py (the local hub imitation) for the lifetime of the object.
// The server exits when its stdin closes, so a crashed test leaves nothing running.
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <stdexcept>
#include <string>

extern char** environ;

namespace laminar::test {

class FakeHubServer {
 public:
  FakeHubServer() {
    int in[2], out[2];
    if (pipe(in) != 0 || pipe(out) != 0) throw std::runtime_error("pipe failed");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in[0], 0);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    posix_spawn_file_actions_addclose(&actions, in[1]);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    std::string script = FAKE_HUB_SCRIPT, reference = std::string(LAMINAR_SHARED_DIR) + "/reference/gpt2-tiny";
    const char* argv[] = {LAMINAR_PYTHON, script.c_str(), "--reference", reference.c_str(), nullptr};
    if (posix_spawn(&pid_, LAMINAR_PYTHON, &actions, nullptr, const_cast<char**>(argv), environ) != 0)
      throw std::runtime_error("cannot start " + script);
    posix_spawn_file_actions_destroy(&actions);
    close(in[0]);
    close(out[1]);
    stdin_ = in[1];
    std::FILE* f = fdopen(out[0], "r");
    char line[64] = {0};
    if (!f || !std::fgets(line, sizeof line, f) || std::sscanf(line, "PORT %d", &port_) != 1)
      throw std::runtime_error("fake hub did not report its port");
    std::fclose(f);
  }
  ~FakeHubServer() {
    close(stdin_);
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
  }
  FakeHubServer(const FakeHubServer&) = delete;
  FakeHubServer& operator=(const FakeHubServer&) = delete;

  int port() const { return port_; }
  std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  pid_t pid_ = -1;
  int stdin_ = -1;
  int port_ = 0;
};

}  // namespace laminar::test
