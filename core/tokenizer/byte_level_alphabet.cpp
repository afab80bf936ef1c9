#include "tokenizer/byte_level_alphabet.h"

#include "tokenizer/utf8.h"

namespace laminar {

ByteLevelAlphabet::ByteLevelAlphabet() {
  codePointToByte_.fill(-1);
  auto printable = [](int b) { return (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF); };
  char32_t next = 256;
  for (int b = 0; b < 256; ++b) {
    char32_t cp = printable(b) ? static_cast<char32_t>(b) : next++;
    byteToCodePoint_[b] = cp;
    codePointToByte_[cp] = b;
  }
}

const ByteLevelAlphabet& ByteLevelAlphabet::instance() {
  static const ByteLevelAlphabet alphabet;
  return alphabet;
}

std::optional<std::string> ByteLevelAlphabet::toBytes(std::string_view text) const {
  std::string bytes;
  bytes.reserve(text.size());
  for (size_t pos = 0; pos < text.size();) {
    size_t n = utf8::sequenceLength(text, pos);
    if (n == 0 || n > 2) return std::nullopt;  // alphabet code points are < U+0800
    char32_t cp = static_cast<unsigned char>(text[pos]);
    if (n == 2) cp = ((cp & 0x1F) << 6) | (static_cast<unsigned char>(text[pos + 1]) & 0x3F);
    if (cp >= codePointToByte_.size() || codePointToByte_[cp] < 0) return std::nullopt;
    bytes += static_cast<char>(codePointToByte_[cp]);
    pos += n;
  }
  return bytes;
}

std::string ByteLevelAlphabet::fromBytes(std::string_view bytes) const {
  std::string text;
  text.reserve(bytes.size() * 2);
  for (unsigned char b : bytes) utf8::appendCodePoint(text, byteToCodePoint_[b]);
  return text;
}

}  // namespace laminar
