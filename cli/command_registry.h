#pragma once
// Each laminar-cli subcommand lives in its own cmd_*.cpp and registers itself here, so
// adding one touches no other file.
#include <CLI/CLI.hpp>

#include <functional>
#include <vector>

namespace laminar::cli {

// Adds a subcommand to `app`; the returned function runs it after parsing (exit code).
using CommandFactory = std::function<std::function<int()>(CLI::App& app)>;

std::vector<CommandFactory>& commands();

// The subcommands that start neither libtorch's nor OpenBLAS's thread pools (no forward pass,
// no training): main.cpp spares them the restart that makes idle pool threads sleep
// (util/thread_wait_policy.h). A list, not a flag at registration, because it is read before
// any constructor runs.
inline constexpr const char* kPoolFreeCommands[] = {"tokenize", "models", "download", "info"};

struct RegisterCommand {
  explicit RegisterCommand(CommandFactory f) { commands().push_back(std::move(f)); }
};

}  // namespace laminar::cli
