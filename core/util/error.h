#pragma once
// One exception type for every defect the user can cause (bad file, bad option, bad
// checkpoint). Its message is complete and user-facing: it names the file, line or tensor.
// Programming errors stay std::logic_error and friends.
#include <stdexcept>
#include <string>

#include "util/message.h"

namespace laminar {

// A coded Error (from a Message) lets the GUI translate it by code; what() is the English.
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message) : std::runtime_error(message), message_(message) {}
  explicit Error(Message message) : std::runtime_error(message.english), message_(std::move(message)) {}
  const Message& message() const { return message_; }  // code empty when uncoded

 private:
  Message message_;
};

// Thrown when the user (or a GUI Cancel button) stops a run; never an error to report.
class Cancelled : public std::runtime_error {
 public:
  Cancelled() : std::runtime_error("cancelled") {}
};

// "path: message" — the form every file-related error takes.
std::string fileError(const std::string& path, const std::string& message);

}  // namespace laminar
