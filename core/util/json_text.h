#pragma once
// A file's text parsed as JSON, its failures as laminar::Error naming the file and, for a
// syntax error, the line: "FILE: line 3: not valid JSON: syntax error while parsing value -
// unexpected ']'; expected '[', '{', or a literal". One place for what sentence files,
// texts.json and the tokenizer's JSON files each did slightly differently (one dropped the
// reason and kept only nlohmann's "last read: ..." tail).
#include <cstddef>
#include <string>

#include <nlohmann/json.hpp>

namespace laminar {

// 1-based line of byte `offset` in `text` (an offset past the end counts as the end).
size_t lineOfOffset(const std::string& text, size_t offset);

// nlohmann::json::parse(text). Throws laminar::Error: file.invalid_json_at_line (file, line,
// detail) for a syntax error, file.invalid_json (file, detail) for a number beyond double.
nlohmann::json parseJsonText(const std::string& text, const std::string& file);

}  // namespace laminar
