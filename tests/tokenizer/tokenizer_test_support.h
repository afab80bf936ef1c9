#pragma once
// Shared by the tokenizer tests: where the files are, one tokenizer loaded once, and the
// reference fixture made by reference/make_reference.mjs (tiktoken + Tokenizers.js).
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include "tokenizer/bpe_tokenizer.h"

namespace laminar::test {

inline std::filesystem::path bundledTokenizerDir() { return std::filesystem::path(LAMINAR_SOURCE_DIR) / "resources" / "tokenizer"; }
inline std::filesystem::path referenceFixture() {
  return std::filesystem::path(LAMINAR_SOURCE_DIR) / "tests" / "tokenizer" / "data" / "bpe-reference.json";
}
inline std::filesystem::path huggingFaceGolden() {
  return std::filesystem::path(LAMINAR_SHARED_DIR) / "reference" / "tokenizer-golden.json";
}

inline nlohmann::json readJson(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path.string());
  return nlohmann::json::parse(in);
}

inline const BpeTokenizer& gpt2Tokenizer() {
  static const BpeTokenizer tokenizer = BpeTokenizer::fromDirectory(bundledTokenizerDir());
  return tokenizer;
}

inline std::vector<std::pair<int64_t, int64_t>> offsetsFromJson(const nlohmann::json& array) {
  std::vector<std::pair<int64_t, int64_t>> offsets;
  for (const auto& pair : array) offsets.emplace_back(pair.at(0).get<int64_t>(), pair.at(1).get<int64_t>());
  return offsets;
}

// Printable form of a text for failure messages (JSON escapes control characters).
inline std::string show(const std::string& text) {
  return nlohmann::json(text).dump(-1, ' ', true, nlohmann::json::error_handler_t::replace);
}

}  // namespace laminar::test
