#include "tokenizer/utf8.h"

namespace laminar::utf8 {
namespace {

// How many bytes of a well-formed sequence start at pos, following Table 3-7 of the
// Unicode Standard. Returns the length of the valid sequence, or, negated, the length
// of the longest prefix that could still have become valid (at least 1): that prefix is
// the "maximal subpart" replaced by one U+FFFD.
int scanSequence(std::string_view s, size_t pos) {
  auto byte = [&](size_t i) { return static_cast<unsigned char>(s[i]); };
  unsigned char b0 = byte(pos);
  if (b0 < 0x80) return 1;
  int need;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    need = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    need = 3;
    if (b0 == 0xE0) lo = 0xA0;  // no overlong forms
    if (b0 == 0xED) hi = 0x9F;  // no surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    need = 4;
    if (b0 == 0xF0) lo = 0x90;  // no overlong forms
    if (b0 == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
  } else {
    return -1;
  }
  for (int k = 1; k < need; ++k) {
    if (pos + k >= s.size()) return -k;
    unsigned char b = byte(pos + k);
    unsigned char l = k == 1 ? lo : 0x80, h = k == 1 ? hi : 0xBF;
    if (b < l || b > h) return -k;
  }
  return need;
}

}  // namespace

size_t sequenceLength(std::string_view text, size_t pos) {
  int n = scanSequence(text, pos);
  return n > 0 ? static_cast<size_t>(n) : 0;
}

size_t firstInvalidByte(std::string_view text) {
  for (size_t pos = 0; pos < text.size();) {
    int n = scanSequence(text, pos);
    if (n <= 0) return pos;
    pos += static_cast<size_t>(n);
  }
  return std::string_view::npos;
}

std::vector<int64_t> codePointIndexOfBytes(std::string_view validText) {
  std::vector<int64_t> index(validText.size() + 1);
  int64_t codePoint = 0;
  for (size_t pos = 0; pos < validText.size(); ++codePoint) {
    int n = scanSequence(validText, pos);
    if (n <= 0) n = 1;  // callers validate first; stay in bounds regardless
    for (int k = 0; k < n; ++k) index[pos + k] = codePoint;
    pos += static_cast<size_t>(n);
  }
  index[validText.size()] = codePoint;
  return index;
}

void appendCodePoint(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string decodeWithReplacement(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  for (size_t pos = 0; pos < bytes.size();) {
    int n = scanSequence(bytes, pos);
    if (n > 0) {
      out.append(bytes.data() + pos, static_cast<size_t>(n));
      pos += static_cast<size_t>(n);
    } else {
      appendCodePoint(out, 0xFFFD);
      pos += static_cast<size_t>(-n);
    }
  }
  return out;
}

std::string withByteNames(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(bytes.size());
  for (size_t pos = 0; pos < bytes.size();) {
    const int n = scanSequence(bytes, pos);
    if (n > 0) {
      out.append(bytes.data() + pos, static_cast<size_t>(n));
      pos += static_cast<size_t>(n);
    } else {
      const auto b = static_cast<unsigned char>(bytes[pos++]);
      out += "<0x";
      out += kHex[b >> 4];
      out += kHex[b & 0xF];
      out += '>';
    }
  }
  return out;
}

}  // namespace laminar::utf8
