#pragma once
// Each laminar-cli subcommand lives in its own cmd_*.cpp and registers itself here, so
// adding one touches no other file.
#include <CLI/CLI.hpp>

#include <functional>
#include <vector>

namespace laminar::cli {

// Adds a subcommand to `app`; the returned function runs it after parsing (exit code).
using CommandFactory = std::function<std::function<int()>(CLI::App& app)>;

std::vector<CommandFactory>& commandFactories();

struct RegisterCommand {
  explicit RegisterCommand(CommandFactory f) { commandFactories().push_back(std::move(f)); }
};

}  // namespace laminar::cli
