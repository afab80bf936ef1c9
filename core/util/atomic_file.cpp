#include "util/atomic_file.h"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>

#include "util/error.h"

namespace laminar {
namespace fs = std::filesystem;

namespace {
fs::path temporaryFor(const fs::path& target) {
  return fs::path(target.string() + ".tmp-" + std::to_string(::getpid()));
}

// The pid in "<name><marker><pid>", or 0 when `entry` is not such a sibling of `name`.
pid_t siblingPid(const std::string& entry, const std::string& name, const std::string& marker) {
  const std::string prefix = name + marker;
  if (entry.size() <= prefix.size() || entry.compare(0, prefix.size(), prefix) != 0) return 0;
  pid_t pid = 0;
  for (size_t i = prefix.size(); i < entry.size(); ++i) {
    if (entry[i] < '0' || entry[i] > '9' || pid > 100'000'000) return 0;
    pid = pid * 10 + (entry[i] - '0');
  }
  return pid;
}

bool processGone(pid_t pid) { return pid > 0 && ::kill(pid, 0) != 0 && errno == ESRCH; }

// A writer killed before commit (SIGKILL, power loss) leaves "<target>.tmp-<pid>"; one killed
// inside AtomicDirectory::commit may leave the previous version as "<target>.old-<pid>" with
// no target. Both are tidied by the next writer of the same target: temporaries of dead
// processes are removed, and an orphaned previous version is put back first.
void cleanUpAfterDeadWriters(const fs::path& target) {
  std::error_code ec;
  const fs::path parent = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  const std::string name = target.filename().string();
  for (fs::directory_iterator it(parent, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string entry = it->path().filename().string();
    std::error_code ignored;
    if (processGone(siblingPid(entry, name, ".old-"))) {
      if (!fs::exists(target, ignored)) fs::rename(it->path(), target, ignored);
      else fs::remove_all(it->path(), ignored);
    } else if (processGone(siblingPid(entry, name, ".tmp-"))) {
      fs::remove_all(it->path(), ignored);
    }
  }
}
[[noreturn]] void throwWriteFailed(const fs::path& target) {
  const std::string reason = std::strerror(errno);
  throw Error(systemFileMessage(target.string(), msg::kFileWriteFailed, "write failed", reason));
}

[[noreturn]] void throwCannotRename(const fs::path& target, const std::error_code& ec) {
  throw Error(systemFileMessage(target.string(), msg::kFileCannotRename, "cannot rename into place", ec.message()));
}

}  // namespace

AtomicFile::AtomicFile(fs::path target) : target_(std::move(target)), temp_(temporaryFor(target_)) {
  cleanUpAfterDeadWriters(target_);
  file_ = std::fopen(temp_.c_str(), "wb");
  if (!file_)
    throw Error(systemFileMessage(target_.string(), msg::kFileCannotCreate, "cannot create", std::strerror(errno)));
}

AtomicFile::~AtomicFile() {
  if (file_) std::fclose(file_);
  if (!committed_) {
    std::error_code ec;
    fs::remove(temp_, ec);
  }
}

void AtomicFile::write(const void* data, size_t size) {
  if (size && std::fwrite(data, 1, size, file_) != size) throwWriteFailed(target_);
}

void AtomicFile::commit() {
  if (std::fflush(file_) != 0 || ::fsync(fileno(file_)) != 0) throwWriteFailed(target_);
  std::fclose(file_);
  file_ = nullptr;
  std::error_code ec;
  fs::rename(temp_, target_, ec);
  if (ec) throwCannotRename(target_, ec);
  committed_ = true;
}

void writeFileAtomically(const fs::path& target, std::string_view content) {
  AtomicFile f(target);
  f.write(content);
  f.commit();
}

AtomicDirectory::AtomicDirectory(fs::path target) : target_(std::move(target)), temp_(temporaryFor(target_)) {
  cleanUpAfterDeadWriters(target_);
  std::error_code ec;
  fs::remove_all(temp_, ec);
  fs::create_directories(temp_, ec);
  if (ec)
    throw Error(systemFileMessage(target_.string(), msg::kFileCannotCreateFolder,
                                  "cannot create directory", ec.message()));
}

AtomicDirectory::~AtomicDirectory() {
  if (!committed_) {
    std::error_code ec;
    fs::remove_all(temp_, ec);
  }
}

void AtomicDirectory::commit() {
  std::error_code ec;
  fs::path old;
  if (fs::exists(target_)) {
    old = fs::path(target_.string() + ".old-" + std::to_string(::getpid()));
    fs::rename(target_, old, ec);
    if (ec)
      throw Error(systemFileMessage(target_.string(), msg::kFileCannotReplaceFolder,
                                    "cannot replace existing directory", ec.message()));
  }
  fs::rename(temp_, target_, ec);
  if (ec) {
    const std::error_code renameError = ec;
    if (!old.empty()) fs::rename(old, target_, ec);
    throwCannotRename(target_, renameError);
  }
  if (!old.empty()) fs::remove_all(old, ec);
  committed_ = true;
}

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw Error(systemFileMessage(path.string(), msg::kFileCannotOpen, "cannot open", std::strerror(errno)));
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw Error(fileMessage(path.string(), msg::kFileReadFailed, {}, "read failed"));
  return ss.str();
}

}  // namespace laminar
