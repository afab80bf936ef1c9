// laminar-cli: the headless face of core, for scripts and GPU servers (no Qt).
#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>
#include <iostream>
#include <string_view>

#include "cli/command_registry.h"
#include "model/gpt2_model.h"
#include "util/error.h"
#include "util/version.h"
#include "util/allocator_tuning.h"
#include "util/thread_wait_policy.h"

namespace laminar::cli {
std::vector<CommandFactory>& commandFactories() {
  static std::vector<CommandFactory> factories;
  return factories;
}

// Whether the subcommand runs libtorch's or OpenBLAS's thread pools, so that their idle
// threads' wait policy matters (restartWithPassiveThreadWaits). The restart starts the
// program twice, and each start of a program linked to libtorch costs ~0.5 s of CPU in its
// static initialisation: commands that only read files or the network skip it. Read from argv
// before CLI11 parses it (the restart must come before any pool starts); the first word
// that is not an option is the subcommand (the top level has only --help and --version).
static bool runsThreadPools(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view word = argv[i];
    if (word.rfind('-', 0) == 0) continue;
    return word != "tokenize" && word != "models" && word != "download" && word != "info";
  }
  return false;  // --help, --version or a usage error
}
}  // namespace laminar::cli

int main(int argc, char** argv) {
  if (laminar::cli::runsThreadPools(argc, argv))
    laminar::restartWithPassiveThreadWaits(argv);  // before any thread pool starts
  laminar::tuneAllocatorForTensors();            // before any thread has its own arena
  using namespace laminar;
  CLI::App app{"laminar-cli — look inside GPT-2 from the command line"};
  app.require_subcommand(1);
  app.set_version_flag("--version",
                       [] {
                         return "laminar-cli " + versionString() + " (libtorch " + torchVersion() +
                                ", CUDA " + (cudaAvailable() ? "available" : "not available") + ")";
                       });
  std::vector<std::pair<CLI::App*, std::function<int()>>> runners;
  for (auto& factory : cli::commandFactories()) {
    size_t before = app.get_subcommands({}).size();
    auto run = factory(app);
    auto subs = app.get_subcommands({});
    if (subs.size() > before) runners.emplace_back(subs.back(), std::move(run));
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : 1;
  }
  try {
    for (auto& [sub, run] : runners)
      if (sub->parsed()) return run();
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
