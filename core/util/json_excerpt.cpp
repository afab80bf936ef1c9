#include "util/json_excerpt.h"

namespace laminar {

std::string jsonExcerpt(const nlohmann::json& value, size_t maxChars) {
  bool flat = true;
  if (value.is_structured()) {
    if (value.size() > 64) flat = false;
    for (auto it = value.begin(); flat && it != value.end(); ++it) flat = !it->is_structured();
  }
  std::string text;
  if (flat) {
    text = value.dump();  // depth 1 at most: bounded recursion
  } else {
    text = std::string(value.is_array() ? "an array of " : "an object of ") + std::to_string(value.size()) +
           (value.is_array() ? " entries" : " members") + " (nested)";
  }
  if (text.size() > maxChars) text = text.substr(0, maxChars > 3 ? maxChars - 3 : 0) + "...";
  return text;
}

}  // namespace laminar
