#pragma once
// A user-facing message as data: a stable code, named parameters, and the complete English
// text. The CLI prints the English; the GUI translates by code and parameters
// (app/core_messages.cpp), so rewording the English here never leaves a translated
// interface showing English. Every code is listed once in message_codes.h.
#include <string>
#include <utility>
#include <vector>

#include "util/message_codes.h"

namespace laminar {

using MessageParams = std::vector<std::pair<std::string, std::string>>;  // name -> value, in order

struct Message {
  std::string code;        // "sentence_file.empty"; empty: an uncoded message, English only
  MessageParams params;    // e.g. {"file", "/tmp/her.txt"}
  std::string english;     // what the CLI prints (detail included)
  std::string detail;      // English lines after the message (a failed run's diagnostics); the GUI
                           // shows each of them translated in its own list instead

  Message() = default;
  explicit Message(std::string englishOnly) : english(std::move(englishOnly)) {}
  Message(MessageCode c, MessageParams p, std::string e) : code(c.c_str()), params(std::move(p)), english(std::move(e)) {}

  // The value of parameter `name`, or "" when absent.
  std::string param(const std::string& name) const;
};

// "path: tail" with the path as the first parameter ("file"): the form file errors take.
Message fileMessage(const std::string& path, MessageCode code, MessageParams params, const std::string& englishTail);

// "path: whatFailed: reason" for a failed system call, the reason (strerror or an error_code's
// text) carried as parameter "reason" so the GUI can translate it.
Message systemFileMessage(const std::string& path, MessageCode code, const std::string& whatFailed,
                          const std::string& reason);

}  // namespace laminar
