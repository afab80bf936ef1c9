#pragma once
// Each laminar-cli subcommand lives in its own cmd_*.cpp and registers itself here, so
// adding one touches no other file.
#include <CLI/CLI.hpp>

#include <functional>
#include <vector>

namespace laminar::cli {

// Adds a subcommand to `app`; the returned function runs it after parsing (exit code).
using CommandFactory = std::function<std::function<int()>(CLI::App& app)>;

// Whether a command starts libtorch's or OpenBLAS's thread pools (a forward pass, training).
// Only those need main's restart that makes idle threads sleep (restartWithPassiveThreadWaits),
// which costs a second start: ~0.5 s of CPU in libtorch's static initialisation.
enum class ThreadPools { Used, Unused };

struct Command {
  CommandFactory factory;
  ThreadPools pools;
};

std::vector<Command>& commands();

struct RegisterCommand {
  explicit RegisterCommand(CommandFactory f, ThreadPools pools = ThreadPools::Used) {
    commands().push_back({std::move(f), pools});
  }
};

}  // namespace laminar::cli
