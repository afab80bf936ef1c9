#include "tokenizer/unicode_classes.h"

#include <algorithm>
#include <array>
#include <iterator>

namespace laminar::unicode {
namespace {

#include "tokenizer/unicode_classes_16.inc"

constexpr bool sortedAndDisjoint() {
  for (size_t i = 0; i < std::size(kCodePointClassRanges); ++i) {
    if (kCodePointClassRanges[i].first > kCodePointClassRanges[i].last) return false;
    if (i > 0 && kCodePointClassRanges[i - 1].last >= kCodePointClassRanges[i].first) return false;
  }
  return true;
}
static_assert(sortedAndDisjoint(), "unicode_classes_16.inc must hold sorted, disjoint ranges");

// ASCII is most of most texts: one table look-up instead of a search.
constexpr std::array<CodePointClass, 128> kAsciiClasses = [] {
  std::array<CodePointClass, 128> classes{};
  for (const auto& range : kCodePointClassRanges)
    for (char32_t c = range.first; c <= range.last && c < 128; ++c) classes[c] = range.kind;
  return classes;
}();

}  // namespace

CodePointClass classOf(char32_t codePoint) {
  if (codePoint < 128) return kAsciiClasses[codePoint];
  // The last range starting at or before the code point, if it reaches that far.
  auto after = std::upper_bound(std::begin(kCodePointClassRanges), std::end(kCodePointClassRanges), codePoint,
                                [](char32_t c, const CodePointClassRange& range) { return c < range.first; });
  if (after == std::begin(kCodePointClassRanges)) return CodePointClass::Other;
  const CodePointClassRange& range = *std::prev(after);
  return codePoint <= range.last ? range.kind : CodePointClass::Other;
}

const char* classesUnicodeVersion() { return kUnicodeClassesVersion; }

}  // namespace laminar::unicode
