#include "tokenizer/gpt2_pretokenizer.h"

#include "tokenizer/unicode_classes.h"

namespace laminar {
namespace {

using unicode::CodePointClass;

struct CodePointAt {
  CodePointClass kind;
  size_t length;  // in bytes
};

// The code point starting at text[pos] of a valid UTF-8 text. A byte that does not start a
// complete sequence (the caller validated, so only if it did not) counts as one Other.
CodePointAt codePointAt(std::string_view text, size_t pos) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[pos + i]); };
  const unsigned char lead = byte(0);
  if (lead < 0x80) return {unicode::classOf(lead), 1};
  const size_t length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  if (lead < 0xC0 || pos + length > text.size()) return {CodePointClass::Other, 1};
  char32_t c = lead & (0x7F >> length);
  for (size_t i = 1; i < length; ++i) c = (c << 6) | (byte(i) & 0x3F);
  return {unicode::classOf(c), length};
}

// End of the longest run of code points of one class starting at pos.
size_t endOfRun(std::string_view text, size_t pos, CodePointClass kind) {
  while (pos < text.size()) {
    const CodePointAt next = codePointAt(text, pos);
    if (next.kind != kind) break;
    pos += next.length;
  }
  return pos;
}

// End of the word starting at pos: the alternatives of the pattern in order, first match wins.
size_t endOfWord(std::string_view text, size_t pos) {
  const size_t n = text.size();
  // 's|'t|'re|'ve|'m|'ll|'d (case-sensitive, as in GPT-2)
  if (text[pos] == '\'' && pos + 1 < n) {
    const char a = text[pos + 1];
    if (a == 's' || a == 't' || a == 'm' || a == 'd') return pos + 2;
    if (pos + 2 < n) {
      const char b = text[pos + 2];
      if ((a == 'r' && b == 'e') || (a == 'v' && b == 'e') || (a == 'l' && b == 'l')) return pos + 3;
    }
  }
  // " ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+": a space joins the run of whatever non-space follows.
  size_t start = pos;
  if (text[pos] == ' ' && pos + 1 < n && codePointAt(text, pos + 1).kind != CodePointClass::WhiteSpace) start = pos + 1;
  const CodePointAt first = codePointAt(text, start);
  if (first.kind != CodePointClass::WhiteSpace) return endOfRun(text, start + first.length, first.kind);
  // "\s+(?!\S)|\s+": a run of white space, less its last code point when a non-space follows
  // (that last one then starts the next word, where a ' ' joins the run after it).
  size_t end = pos, lastStart = pos;
  while (end < n) {
    const CodePointAt next = codePointAt(text, end);
    if (next.kind != CodePointClass::WhiteSpace) break;
    lastStart = end;
    end += next.length;
  }
  if (end == n || lastStart == pos) return end;
  return lastStart;
}

}  // namespace

std::vector<std::pair<size_t, size_t>> Gpt2PreTokenizer::split(std::string_view text) const {
  std::vector<std::pair<size_t, size_t>> words;
  for (size_t pos = 0; pos < text.size();) {
    const size_t end = endOfWord(text, pos);
    words.emplace_back(pos, end);
    pos = end;
  }
  return words;
}

}  // namespace laminar
