// laminar-cli: the headless face of core, for scripts and GPU servers (no Qt).
#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>
#include <iostream>

#include "cli/command_registry.h"
#include "model/torch_runtime.h"
#include "util/error.h"
#include "util/version.h"
#include "util/allocator_tuning.h"
#include "util/thread_wait_policy.h"

namespace laminar::cli {
std::vector<Command>& commands() {
  static std::vector<Command> registered;
  return registered;
}
}  // namespace laminar::cli

int main(int argc, char** argv) {
  using namespace laminar;
  CLI::App app{"laminar-cli — look inside GPT-2 from the command line"};
  app.require_subcommand(1);
  app.set_version_flag("--version",
                       [] {
                         return "laminar-cli " + versionString() + " (libtorch " + torchVersion() +
                                ", CUDA " + (cudaAvailable() ? "available" : "not available") + ")";
                       });
  struct Runner {
    CLI::App* sub;
    std::function<int()> run;
    cli::ThreadPools pools;
  };
  std::vector<Runner> runners;
  for (auto& command : cli::commands()) {
    size_t before = app.get_subcommands({}).size();
    auto run = command.factory(app);
    auto subs = app.get_subcommands({});
    if (subs.size() > before) runners.push_back({subs.back(), std::move(run), command.pools});
  }
  try {
    app.parse(argc, argv);  // starts no thread: the restart below may still replace the process
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : 1;
  }
  try {
    for (auto& runner : runners) {
      if (!runner.sub->parsed()) continue;
      if (runner.pools == cli::ThreadPools::Used) restartWithPassiveThreadWaits(argv);  // before any pool starts
      tuneAllocatorForTensors();  // before any thread has its own arena
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
