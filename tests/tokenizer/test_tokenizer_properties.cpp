// Properties that hold for every input, checked on seeded random Unicode: exact round
// trips, offsets that are monotone and cover the text, results independent of the cache
// and of threads, clear errors for bad input, and no blow-up on long words.
#include <gtest/gtest.h>

#include <chrono>
#include <random>
#include <thread>

#include "tokenizer/utf8.h"
#include "tokenizer_test_support.h"
#include "util/error.h"

namespace laminar::test {
namespace {

// Random valid UTF-8 drawn from many scripts, spaces, marks, emoji and planes.
std::string randomText(std::mt19937& rng, int maxCodePoints) {
  static const std::vector<std::pair<char32_t, char32_t>> ranges = {
      {0x20, 0x7E}, {0x20, 0x20}, {0x61, 0x7A}, {0x09, 0x0D}, {0x00, 0x1F}, {0x27, 0x27}, {0x80, 0x24F},
      {0x300, 0x36F}, {0x370, 0x4FF}, {0x590, 0x6FF}, {0x900, 0x97F}, {0xE00, 0xE7F}, {0x1680, 0x1680},
      {0x180E, 0x180E}, {0x2000, 0x206F}, {0x3000, 0x30FF}, {0x4E00, 0x9FFF}, {0xAC00, 0xD7A3}, {0xFEFF, 0xFEFF},
      {0xFF00, 0xFFFF}, {0x1D400, 0x1D7FF}, {0x1F300, 0x1FAFF}, {0x10000, 0x10FFFF}, {0xE000, 0xF8FF}};
  std::uniform_int_distribution<size_t> pickRange(0, ranges.size() - 1);
  std::uniform_int_distribution<int> pickLength(0, maxCodePoints);
  std::string text;
  for (int i = pickLength(rng); i > 0; --i) {
    auto [lo, hi] = ranges[pickRange(rng)];
    char32_t cp = std::uniform_int_distribution<char32_t>(lo, hi)(rng);
    if (cp >= 0xD800 && cp <= 0xDFFF) cp = 0xFFFD;
    utf8::appendCodePoint(text, cp);
  }
  if (rng() % 20 == 0) text += "<|endoftext|>" + text;
  return text;
}

int64_t codePointCount(const std::string& text) { return utf8::codePointIndexOfBytes(text).back(); }

TEST(TokenizerProperties, DecodeOfEncodeIsTheText) {
  std::mt19937 rng(1);
  for (int k = 0; k < 3000; ++k) {
    std::string text = randomText(rng, 60);
    EXPECT_EQ(gpt2Tokenizer().decode(gpt2Tokenizer().encode(text).ids), text) << show(text);
  }
}

TEST(TokenizerProperties, OffsetsAreMonotoneAndCoverTheText) {
  std::mt19937 rng(2);
  for (int k = 0; k < 3000; ++k) {
    std::string text = randomText(rng, 60);
    Encoding e = gpt2Tokenizer().encode(text);
    ASSERT_EQ(e.ids.size(), e.offsets.size());
    int64_t n = codePointCount(text);
    if (n == 0) {
      EXPECT_TRUE(e.ids.empty());
      continue;
    }
    ASSERT_FALSE(e.ids.empty()) << show(text);
    EXPECT_EQ(e.offsets.front().first, 0) << show(text);
    EXPECT_EQ(e.offsets.back().second, n) << show(text);
    for (size_t i = 0; i < e.offsets.size(); ++i) {
      auto [start, end] = e.offsets[i];
      EXPECT_LT(start, end) << show(text) << " token " << i;
      if (i == 0) continue;
      auto [prevStart, prevEnd] = e.offsets[i - 1];
      EXPECT_GE(start, prevStart) << show(text) << " token " << i;
      EXPECT_GE(end, prevEnd) << show(text) << " token " << i;
      // No gap; an overlap only where two tokens share one split character.
      EXPECT_TRUE(start == prevEnd || (start == prevEnd - 1 && start >= prevStart)) << show(text) << " token " << i;
    }
  }
}

TEST(TokenizerProperties, ResultsDoNotDependOnCacheOrThreads) {
  std::mt19937 rng(3);
  std::vector<std::string> texts;
  for (int k = 0; k < 400; ++k) texts.push_back(randomText(rng, 50));
  // Serial results from the shared (warm) tokenizer...
  std::vector<Encoding> expected;
  for (const auto& t : texts) expected.push_back(gpt2Tokenizer().encode(t));
  // ... equal those of a fresh one (cold cache) used from four threads at once.
  auto fresh = BpeTokenizer::fromDirectory(bundledTokenizerDir());
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int round = 0; round < 3; ++round)
        for (size_t i = (t * 97) % texts.size(), n = 0; n < texts.size(); ++n, i = (i + 1) % texts.size()) {
          Encoding e = fresh.encode(texts[i]);
          if (e.ids != expected[i].ids || e.offsets != expected[i].offsets) ++mismatches[t];
        }
    });
  for (auto& th : threads) th.join();
  for (int t = 0; t < 4; ++t) EXPECT_EQ(mismatches[t], 0) << "thread " << t;
}

TEST(TokenizerProperties, InvalidUtf8IsAnError) {
  // The error names the first byte of the ill-formed sequence.
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"\xFF", "byte 0"}, {"ab\xC3", "byte 2"}, {"x\xED\xA0\x80", "byte 1"}, {"\xC0\xAF", "byte 0"}, {"ok \xF4\x90\x80\x80", "byte 3"},
      // Overlong forms (RFC 3629: after E0 comes A0..BF, after F0 comes 90..BF): a code point
      // spelled with more bytes than it needs, as U+0000, U+0400, U+07FF, U+FFFF and U+007F.
      {"\xE0\x80\x80", "byte 0"}, {"z\xE0\x90\x80", "byte 1"}, {"zz\xE0\x9F\xBF", "byte 2"},
      {"\xF0\x80\x80\x80", "byte 0"}, {"z\xF0\x8F\xBF\xBF", "byte 1"}, {"\xC1\xBF", "byte 0"}};
  for (const auto& [text, where] : cases) {
    try {
      gpt2Tokenizer().encode(text);
      ADD_FAILURE() << "no error for " << show(text);
    } catch (const Error& e) {
      EXPECT_EQ(std::string(e.what()), "tokenizer: the text is not valid UTF-8 (" + where + ")") << show(text);
    }
  }
  // The shortest forms at those bounds are valid (U+0080, U+0800, U+D7FF, U+E000, U+10000, U+10FFFF).
  for (const std::string text : {"\xC2\x80", "\xE0\xA0\x80", "\xED\x9F\xBF", "\xEE\x80\x80", "\xF0\x90\x80\x80", "\xF4\x8F\xBF\xBF"}) {
    std::string decoded;
    EXPECT_NO_THROW(decoded = gpt2Tokenizer().decode(gpt2Tokenizer().encode(text).ids)) << show(text);
    EXPECT_EQ(decoded, text) << show(text);
  }
}

// The word cache tells apart words that share a long beginning, as identifiers in code often
// do; both are short enough to be cached. Encoded one after the other on one tokenizer,
// each gets what a fresh tokenizer, which never saw the other, gives it.
TEST(TokenizerProperties, WordsSharingALongPrefixAreCachedApart) {
  std::string longer;
  for (int i = 0; i < 5; ++i) longer += "Supercalifragilisticexpialidocious";  // 170 letters: one word
  const std::vector<std::pair<std::string, std::string>> pairs = {
      {" getInternationalizationConfigurationForUser", " getInternationalizationConfigurationForAdministrator"},
      {longer + "ly", longer + "ness"}};
  auto fresh = [](const std::string& word) { return BpeTokenizer::fromDirectory(bundledTokenizerDir()).encode(word); };
  auto tokenizer = BpeTokenizer::fromDirectory(bundledTokenizerDir());
  for (const auto& [first, second] : pairs) {
    const Encoding expectedFirst = fresh(first), expectedSecond = fresh(second);
    ASSERT_NE(expectedFirst.ids, expectedSecond.ids) << show(first) << " " << show(second);
    const Encoding gotFirst = tokenizer.encode(first);
    const Encoding gotSecond = tokenizer.encode(second);
    EXPECT_EQ(gotFirst.ids, expectedFirst.ids) << show(first);
    EXPECT_EQ(gotFirst.offsets, expectedFirst.offsets) << show(first);
    EXPECT_EQ(gotSecond.ids, expectedSecond.ids) << show(second);
    EXPECT_EQ(gotSecond.offsets, expectedSecond.offsets) << show(second);
    EXPECT_EQ(tokenizer.decode(gotSecond.ids), second);
  }
}

TEST(TokenizerProperties, DecodeRejectsUnknownIdsAndReplacesSplitCharacters) {
  EXPECT_THROW(gpt2Tokenizer().decode({50257}), Error);
  EXPECT_THROW(gpt2Tokenizer().decode({-1}), Error);
  EXPECT_THROW(gpt2Tokenizer().tokenText(1 << 30), Error);
  // "🤖" is more than one GPT-2 token; its first alone is part of a character.
  Encoding robot = gpt2Tokenizer().encode("🤖");
  ASSERT_GT(robot.ids.size(), 1u);
  EXPECT_EQ(gpt2Tokenizer().tokenText(robot.ids[0]), "\xEF\xBF\xBD");
  std::string bytes;
  for (int64_t id : robot.ids) bytes += gpt2Tokenizer().tokenBytes(id);
  EXPECT_EQ(bytes, "🤖");
  for (auto offset : robot.offsets) EXPECT_EQ(offset, (std::pair<int64_t, int64_t>{0, 1}));
}

// Expected values: Python's bytes.decode("utf-8", errors="backslashreplace"), which names
// every byte that is not part of a well-formed sequence (\xe1 here written <0xE1>).
TEST(TokenizerProperties, ByteNamesMarkEveryByteOutsideAWholeCharacter) {
  EXPECT_EQ(utf8::withByteNames("\xE1\xBB"), "<0xE1><0xBB>");
  EXPECT_EQ(utf8::withByteNames("\xAF"), "<0xAF>");
  EXPECT_EQ(utf8::withByteNames("ch\xE1\xBB"), "ch<0xE1><0xBB>");
  EXPECT_EQ(utf8::withByteNames("\xE0\x80\x80"), "<0xE0><0x80><0x80>");  // overlong
  EXPECT_EQ(utf8::withByteNames("\xF0\x9F\xA4"), "<0xF0><0x9F><0xA4>");  // 🤖 without its last byte
  EXPECT_EQ(utf8::withByteNames("\xED\xA0\x80"), "<0xED><0xA0><0x80>");  // a surrogate
  EXPECT_EQ(utf8::withByteNames("a\xFF" "b\xC3\xA9"), "a<0xFF>b\xC3\xA9");
  EXPECT_EQ(utf8::withByteNames("ữ🤖"), "ữ🤖");
  EXPECT_EQ(utf8::withByteNames(""), "");
}

// Every GPT-2 token: its label is its text where the token is whole characters, and names
// exactly its bytes otherwise (reading each <0xNN> back gives tokenBytes).
TEST(TokenizerProperties, TokenLabelsAreTheTextOrNameEachByteOfAPiece) {
  const BpeTokenizer& tokenizer = gpt2Tokenizer();
  int pieces = 0;
  for (int64_t id = 0; id < tokenizer.vocabSize(); ++id) {
    const std::string bytes = tokenizer.tokenBytes(id), label = tokenizer.tokenLabel(id);
    ASSERT_EQ(utf8::firstInvalidByte(label), std::string::npos) << id;
    if (utf8::firstInvalidByte(bytes) == std::string::npos) {
      ASSERT_EQ(label, tokenizer.tokenText(id)) << id;
      continue;
    }
    ++pieces;
    std::string back;
    for (size_t i = 0; i < label.size();) {
      if (label.compare(i, 3, "<0x") == 0 && i + 6 <= label.size() && label[i + 5] == '>') {
        back += static_cast<char>(std::stoi(label.substr(i + 3, 2), nullptr, 16));
        i += 6;
      } else {
        back += label[i++];
      }
    }
    ASSERT_EQ(back, bytes) << id << " " << label;
  }
  EXPECT_GT(pieces, 256);  // at least the 128 lone bytes >= 0x80 and many multi-byte pieces
  // Vietnamese "chữ": "ữ" (E1 BB AF) is split, and the labels show which bytes each piece holds.
  const Encoding chu = tokenizer.encode("chữ");
  std::string joined;
  for (int64_t id : chu.ids) joined += tokenizer.tokenLabel(id) + "|";
  EXPECT_NE(joined.find("<0xAF>"), std::string::npos) << joined;
  EXPECT_THROW(tokenizer.tokenLabel(tokenizer.vocabSize()), Error);
}

TEST(TokenizerProperties, LongWordsAndWhitespaceRunsStayFast) {
  std::mt19937 rng(4);
  std::string letters;
  for (int i = 0; i < 200000; ++i) letters += static_cast<char>('a' + rng() % 26);
  std::string emoji;
  for (int i = 0; i < 20000; ++i) utf8::appendCodePoint(emoji, 0x1F300 + rng() % 0x300);
  const std::vector<std::string> texts = {std::string(1000000, ' '), std::string(300000, 'a'), letters, emoji,
                                          std::string(200000, '\n') + "x", std::string(100000, '!')};
  for (const auto& text : texts) {
    auto start = std::chrono::steady_clock::now();
    Encoding e = gpt2Tokenizer().encode(text);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_EQ(gpt2Tokenizer().decode(e.ids), text);
    EXPECT_LT(seconds, 10.0) << text.size() << " bytes took " << seconds << " s";
  }
}

}  // namespace
}  // namespace laminar::test
