#include "analysis/utf8_text.h"

#include "tokenizer/utf8.h"

namespace laminar {

CodePoints decodeUtf8(std::string_view text) {
  CodePoints out;
  out.cps.reserve(text.size());
  out.byteOffset.reserve(text.size() + 1);
  for (size_t i = 0; i < text.size();) {
    size_t n = utf8::sequenceLength(text, i);
    if (n == 0) n = 1;  // caller promised valid input; never loop forever
    const auto c = static_cast<unsigned char>(text[i]);
    char32_t cp = n == 1 ? c : (c & (0x7F >> n));
    for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    out.cps.push_back(cp);
    out.byteOffset.push_back(i);
    i += n;
  }
  out.byteOffset.push_back(text.size());
  return out;
}

bool isSpaceCodePoint(char32_t cp) {
  switch (cp) {
    case 0x20: case 0x09: case 0x0A: case 0x0B: case 0x0C: case 0x0D:
    case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F:
    case 0x3000:
      return true;
    default:
      return cp >= 0x2000 && cp <= 0x200A;
  }
}

}  // namespace laminar
