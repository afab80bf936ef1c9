#include "util/json_excerpt.h"

namespace laminar {

std::string jsonExcerpt(const nlohmann::json& value, size_t maxBytes) {
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
  if (text.size() > maxBytes) {
    // Cut between characters, not inside one: half a character would reach the user as a
    // replacement mark in the app and as an invalid byte in a terminal or a log.
    size_t cut = maxBytes > 3 ? maxBytes - 3 : 0;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text = text.substr(0, cut) + "...";
  }
  return text;
}

}  // namespace laminar
