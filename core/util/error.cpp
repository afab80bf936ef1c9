#include "util/error.h"

namespace laminar {

std::string fileError(const std::string& path, const std::string& message) {
  return path + ": " + message;
}

}  // namespace laminar
