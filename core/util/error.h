#pragma once
// One exception type for every defect the user can cause (bad file, bad option, bad
// checkpoint). Its message is complete and user-facing: it names the file, line or tensor.
// Programming errors stay std::logic_error and friends.
#include <stdexcept>
#include <string>

namespace laminar {

class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message) : std::runtime_error(message) {}
};

// Thrown when the user (or a GUI Cancel button) stops a run; never an error to report.
class Cancelled : public std::runtime_error {
 public:
  Cancelled() : std::runtime_error("cancelled") {}
};

// "path: message" — the form every file-related error takes.
std::string fileError(const std::string& path, const std::string& message);

}  // namespace laminar
