#pragma once
// A JSON value as an error message may quote it, bounded in length and, above all, in work:
// nlohmann's dump() recurses once per nesting level, and a hostile file nests 100,000 levels
// (a stack overflow, not a message). Scalars and flat arrays/objects of scalars are quoted;
// anything deeper is named by its kind and size.
#include <cstddef>
#include <string>

#include <nlohmann/json.hpp>

namespace laminar {

// At most maxBytes bytes of UTF-8 (cut between characters, "..." marking the cut).
std::string jsonExcerpt(const nlohmann::json& value, size_t maxBytes = 80);

}  // namespace laminar
