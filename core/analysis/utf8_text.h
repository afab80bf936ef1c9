#pragma once
// Just enough UTF-8 for sentence sets: strict validation (no overlongs, no surrogates) and
// decoding to code points, so positions agree with the tokenizer's code-point offsets.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace laminar {

// Byte offset of the first invalid sequence, or npos when `text` is valid UTF-8.
size_t findInvalidUtf8(std::string_view text);

struct CodePoints {
  std::vector<char32_t> cps;
  std::vector<size_t> byteOffset;  // byte offset of each code point; back() == text size
};
// `text` must be valid UTF-8 (check with findInvalidUtf8 first).
CodePoints decodeUtf8(std::string_view text);

void appendUtf8(std::string& out, char32_t cp);

// Whitespace as the GPT-2 pre-tokenizer sees it at a word boundary (ASCII and the common
// Unicode spaces).
bool isSpaceCodePoint(char32_t cp);

}  // namespace laminar
