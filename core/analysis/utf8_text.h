#pragma once
// Texts of a sentence set as code points, so positions agree with the tokenizer's
// code-point offsets. Validation and encoding are the tokenizer's (tokenizer/utf8.h).
#include <cstddef>
#include <string_view>
#include <vector>

namespace laminar {

struct CodePoints {
  std::vector<char32_t> cps;
  std::vector<size_t> byteOffset;  // byte offset of each code point; back() == text size
};
// `text` must be valid UTF-8 (check with utf8::firstInvalidByte first).
CodePoints decodeUtf8(std::string_view text);

// Whitespace as the GPT-2 pre-tokenizer sees it at a word boundary (ASCII and the common
// Unicode spaces).
bool isSpaceCodePoint(char32_t cp);

}  // namespace laminar
