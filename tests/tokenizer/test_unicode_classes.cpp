// The pre-tokenizer's Unicode classes follow Unicode 16.0, as Hugging Face tokenizers and
// tiktoken do, and not the system regex library's older tables (issue 15). The full check is
// the differential test against Hugging Face (differential/hf_differential.mjs); these pin
// the cases that issue found and the table look-up itself.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "tokenizer/unicode_classes.h"
#include "tokenizer_test_support.h"

namespace laminar::test {
namespace {

using unicode::CodePointClass;

struct HuggingFaceCase {
  std::string text;
  std::vector<int64_t> ids;
  std::vector<std::pair<int64_t, int64_t>> offsets;
};

// Egyptian Hieroglyphs Extended-A (U+13F77, U+13C7A, U+1381F, assigned in Unicode 16.0) before
// a contraction: a letter ends the letter run, so "'re", "'t", "'ve" stay contraction tokens.
// Ids and offsets as Hugging Face tokenizers 0.23.2 (Rust, npm binding, the vendored binary in
// differential/hf-tokenizers) gives them with these vocabulary and merges files.
const std::vector<HuggingFaceCase>& issue15Cases() {
  static const std::vector<HuggingFaceCase> cases = {
      {"\U00013F77're9Ti\u1EBFng",
       {172, 241, 121, 115, 821, 24, 40533, 157, 118, 123, 782},
       {{0, 1}, {0, 1}, {0, 1}, {0, 1}, {1, 4}, {4, 5}, {5, 7}, {7, 8}, {7, 8}, {7, 8}, {8, 10}}},
      {"@'d't[?\u1B35\U00013C7A't\U0001F916",
       {31, 6, 67, 470, 58, 30, 157, 105, 113, 172, 241, 109, 118, 470, 8582, 97, 244},
       {{0, 1}, {1, 2}, {2, 3}, {3, 5}, {5, 6}, {6, 7}, {7, 8}, {7, 8}, {7, 8}, {8, 9}, {8, 9}, {8, 9}, {8, 9}, {9, 11},
        {11, 12}, {11, 12}, {11, 12}}},
      {"\U0001381F'veg\x7f"
       "1,000/",
       {172, 241, 254, 253, 1053, 70, 221, 16, 11, 830, 14},
       {{0, 1}, {0, 1}, {0, 1}, {0, 1}, {1, 4}, {4, 5}, {5, 6}, {6, 7}, {7, 8}, {8, 11}, {11, 12}}},
  };
  return cases;
}

TEST(TokenizerUnicode16, IssueCasesMatchHuggingFace) {
  for (const auto& c : issue15Cases()) {
    const Encoding encoding = gpt2Tokenizer().encode(c.text);
    EXPECT_EQ(encoding.ids, c.ids) << show(c.text);
    EXPECT_EQ(encoding.offsets, c.offsets) << show(c.text);
  }
}

TEST(TokenizerUnicode16, TableIsUnicode16) { EXPECT_STREQ(unicode::classesUnicodeVersion(), "16.0.0"); }

// classOf (ASCII table, binary search over ranges) against the general category of every
// code point in data/unicode-16-categories.json, which the generator wrote from the same
// Unicode Character Database; White_Space is spelled out here from the standard's PropList.
TEST(TokenizerUnicode16, ClassOfEveryCodePointFollowsItsGeneralCategory) {
  const auto data = readJson(std::filesystem::path(LAMINAR_SOURCE_DIR) / "tests/tokenizer/data/unicode-16-categories.json");
  ASSERT_EQ(data.at("unicode"), "16.0.0");
  const std::vector<std::pair<char32_t, char32_t>> whiteSpace = {
      {0x09, 0x0D}, {0x20, 0x20}, {0x85, 0x85}, {0xA0, 0xA0}, {0x1680, 0x1680}, {0x2000, 0x200A},
      {0x2028, 0x2029}, {0x202F, 0x202F}, {0x205F, 0x205F}, {0x3000, 0x3000}};
  auto isWhiteSpace = [&](char32_t c) {
    for (auto [first, last] : whiteSpace)
      if (c >= first && c <= last) return true;
    return false;
  };
  std::vector<bool> seen(0x110000, false);
  size_t wrong = 0;
  for (const auto& [category, ranges] : data.at("categories").items()) {
    ASSERT_EQ(category.size(), 2u) << category;
    const CodePointClass expectedIfNotSpace =
        category[0] == 'L' ? CodePointClass::Letter : category[0] == 'N' ? CodePointClass::Number : CodePointClass::Other;
    for (const auto& range : ranges) {
      const auto first = range.at(0).get<char32_t>(), last = range.at(1).get<char32_t>();
      for (char32_t c = first; c <= last; ++c) {
        seen.at(c) = true;
        const CodePointClass expected = isWhiteSpace(c) ? CodePointClass::WhiteSpace : expectedIfNotSpace;
        if (unicode::classOf(c) != expected && ++wrong <= 10)
          ADD_FAILURE() << "U+" << std::hex << static_cast<uint32_t>(c) << " (" << category << ") has class "
                        << static_cast<int>(unicode::classOf(c)) << ", expected " << static_cast<int>(expected);
      }
    }
  }
  EXPECT_EQ(wrong, 0u);
  EXPECT_EQ(std::count(seen.begin(), seen.end(), false), 0) << "the categories do not cover the code space";
  EXPECT_EQ(unicode::classOf(0x110000), CodePointClass::Other);
  EXPECT_EQ(unicode::classOf(0xFFFFFFFF), CodePointClass::Other);
}

// Characters that are space to some definitions but not to Unicode's White_Space (U+180E was
// until Unicode 6.3, and still is to PCRE2's \s; U+200B, U+FEFF and U+001C..U+001F are to
// JavaScript's or Python's), and White_Space members others miss (U+0085).
TEST(TokenizerUnicode16, WhiteSpaceIsTheUnicodeProperty) {
  for (char32_t c : {0x180Eu, 0x200Bu, 0xFEFFu, 0x1Cu, 0x1Fu, 0x2060u})
    EXPECT_EQ(unicode::classOf(c), CodePointClass::Other) << std::hex << static_cast<uint32_t>(c);
  for (char32_t c : {0x85u, 0xA0u, 0x1680u, 0x2028u, 0x3000u})
    EXPECT_EQ(unicode::classOf(c), CodePointClass::WhiteSpace) << std::hex << static_cast<uint32_t>(c);
}

}  // namespace
}  // namespace laminar::test
