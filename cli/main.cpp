// laminar-cli: the headless face of core, for scripts and GPU servers (no Qt).
#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>
#include <iostream>

#include "cli/command_registry.h"
#include "model/torch_runtime.h"
#include "util/error.h"
#include "util/version.h"
#include "util/thread_wait_policy.h"

namespace laminar::cli {
std::vector<CommandFactory>& commands() {
  static std::vector<CommandFactory> registered;
  return registered;
}
}  // namespace laminar::cli

// Runs before libc and any sanitizer have started (util/thread_wait_policy.h): no
// instrumentation, no library calls. The subcommand is the first argument that is not an option.
extern "C" __attribute__((no_sanitize("address", "undefined"))) bool laminarRunStartsThreadPools(int argc,
                                                                                                 char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (argv[i][0] == '-') continue;
    for (const char* name : laminar::cli::kPoolFreeCommands) {
      const char* a = argv[i];
      const char* b = name;
      while (*a && *a == *b) ++a, ++b;
      if (*a == *b) return false;  // both ended: the same word
    }
    return true;
  }
  return true;
}

int main(int argc, char** argv) {
  using namespace laminar;
  (void)passiveThreadWaits();  // links in the step that sets the pools' wait policy
  CLI::App app{"laminar-cli — look inside GPT-2 from the command line"};
  app.require_subcommand(1);
  app.set_version_flag("--version",
                       [] {
                         return "laminar-cli " + versionString() + " (libtorch " + torchVersion() +
                                ", CPU GEMMs " + cpuGemmLibrary() + ", CUDA " +
                                (cudaAvailable() ? "available" : "not available") + ")";
                       });
  struct Runner {
    CLI::App* sub;
    std::function<int()> run;
  };
  std::vector<Runner> runners;
  for (auto& command : cli::commands()) {
    size_t before = app.get_subcommands({}).size();
    auto run = command(app);
    auto subs = app.get_subcommands({});
    if (subs.size() > before) runners.push_back({subs.back(), std::move(run)});
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : 1;
  }
  try {
    for (auto& runner : runners) {
      if (!runner.sub->parsed()) continue;
      return runner.run();
    }
  } catch (const Cancelled&) {
    std::cerr << "laminar-cli: cancelled\n";
    return 1;
  } catch (const Error& e) {
    std::cerr << "laminar-cli: " << e.what() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "laminar-cli: internal error: " << e.what() << "\n";
    return 2;
  }
  return 1;
}
