#pragma once
// The three Unicode classes of the GPT-2 pre-tokenization pattern, \p{L}, \p{N} and \s, from
// a table generated from the Unicode Character Database (unicode_classes_16.inc, made by
// tools/unicode/make_unicode_classes.mjs) rather than from the system's regex library, whose
// Unicode version lags: Hugging Face tokenizers and tiktoken follow Unicode 16.0.
#include <cstdint>

namespace laminar::unicode {

enum class CodePointClass : uint8_t {
  Other,       // everything else: punctuation, symbols, marks, controls, unassigned, ...
  Letter,      // general category L (Lu, Ll, Lt, Lm, Lo)
  Number,      // general category N (Nd, Nl, No)
  WhiteSpace,  // the White_Space property (= Oniguruma's \s: U+0009..U+000D, U+0085, Zs, Zl, Zp)
};

struct CodePointClassRange {
  char32_t first, last;  // inclusive
  CodePointClass kind;
};

// Class of one code point (any value; above U+10FFFF is Other).
CodePointClass classOf(char32_t codePoint);

// The Unicode version of the table, e.g. "16.0.0".
const char* classesUnicodeVersion();

}  // namespace laminar::unicode
