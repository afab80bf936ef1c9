#include "util/message.h"

#include "util/error.h"

namespace laminar {

std::string Message::param(const std::string& name) const {
  for (const auto& [n, v] : params)
    if (n == name) return v;
  return {};
}

Message fileMessage(const std::string& path, MessageCode code, MessageParams params, const std::string& englishTail) {
  params.insert(params.begin(), {"file", path});
  return Message(code, std::move(params), fileError(path, englishTail));
}

Message systemFileMessage(const std::string& path, MessageCode code, const std::string& whatFailed,
                          const std::string& reason) {
  return fileMessage(path, code, {{"reason", reason}}, whatFailed + ": " + reason);
}

}  // namespace laminar
