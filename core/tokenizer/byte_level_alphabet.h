#pragma once
// GPT-2's byte-level alphabet (bytes_to_unicode in OpenAI's encoder.py): each of the 256
// byte values is shown as one printable code point, so that vocab.json and merges.txt can
// spell arbitrary bytes. Printable Latin-1 bytes stand for themselves; the other 68 bytes
// map, in order, to U+0100 onwards (space -> 'Ġ' U+0120, newline -> 'Ċ' U+010A).
#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace laminar {

class ByteLevelAlphabet {
 public:
  ByteLevelAlphabet();
  char32_t codePointOfByte(unsigned char byte) const { return byteToCodePoint_[byte]; }
  // The raw bytes a byte-level string stands for; nullopt if it has a code point outside
  // the alphabet (or is not valid UTF-8).
  std::optional<std::string> toBytes(std::string_view byteLevelText) const;
  std::string fromBytes(std::string_view bytes) const;  // the byte-level spelling
  static const ByteLevelAlphabet& instance();

 private:
  std::array<char32_t, 256> byteToCodePoint_{};
  std::array<int, 324> codePointToByte_{};  // every alphabet code point is below 324
};

}  // namespace laminar
