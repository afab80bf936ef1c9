// Token ids and offsets against implementations nobody here wrote: the Hugging Face golden
// file in shared/ (every entry), and bpe-reference.json (tiktoken and
// Hugging Face's Tokenizers.js agreeing on 519 texts: the golden's 28, edge cases, and
// seeded random Unicode strings).
#include <gtest/gtest.h>

#include <set>

#include "tokenizer_test_support.h"
#include "util/error.h"

namespace laminar::test {
namespace {

TEST(TokenizerReference, IdsAndOffsetsMatchTiktokenAndTokenizersJs) {
  const auto fixture = readJson(referenceFixture());
  ASSERT_TRUE(fixture.at("disagreements").empty()) << "the references disagree; see make_reference.mjs";
  const auto& cases = fixture.at("cases");
  ASSERT_GE(cases.size(), 500u);
  for (const auto& c : cases) {
    const std::string text = c.at("text");
    Encoding encoding = gpt2Tokenizer().encode(text);
    EXPECT_EQ(encoding.ids, c.at("ids").get<std::vector<int64_t>>()) << c.at("source") << " text " << show(text);
    EXPECT_EQ(encoding.offsets, offsetsFromJson(c.at("offsets"))) << c.at("source") << " text " << show(text);
  }
}

TEST(TokenizerReference, DecodeMatchesTextDecoderReplacement) {
  const auto fixture = readJson(referenceFixture());
  const auto& cases = fixture.at("decode_cases");
  ASSERT_GE(cases.size(), 300u);
  for (const auto& c : cases) {
    const auto ids = c.at("ids").get<std::vector<int64_t>>();
    EXPECT_EQ(gpt2Tokenizer().decode(ids), c.at("text").get<std::string>()) << c.at("ids").dump();
  }
}

// The golden in shared/ (made by Hugging Face tokenizers 0.23.2 and tiktoken 1.0.22 with
// GPT-2's own files): ids of GPT2Tokenizer (slow), GPT2TokenizerFast and tiktoken's gpt2
// encoding, and the fast tokenizer's code-point offsets, for 28 texts. Every entry is
// compared; none may be skipped. An entry whose ids do not spell its text fails on its own
// line first, so a golden made with the wrong files (as an earlier one was, with an empty
// vocabulary) fails the test instead of passing it.
TEST(TokenizerReference, HuggingFaceGoldenEveryEntry) {
  const auto golden = readJson(huggingFaceGolden());
  const auto& texts = golden.at("texts");
  ASSERT_EQ(texts.size(), 28u);
  const auto fixture = readJson(referenceFixture());
  std::set<std::string> inFixture;
  for (const auto& c : fixture.at("cases")) inFixture.insert(c.at("text").get<std::string>());

  int compared = 0;
  for (size_t i = 0; i < texts.size(); ++i) {
    const std::string text = texts[i];
    EXPECT_TRUE(inFixture.count(text)) << "golden text " << i << " missing from bpe-reference.json";
    const Encoding encoding = gpt2Tokenizer().encode(text);
    for (const char* key : {"hf_slow", "hf_fast", "tiktoken_gpt2"}) {
      ASSERT_EQ(golden.at(key).size(), texts.size()) << key;
      const auto ids = golden.at(key).at(i).get<std::vector<int64_t>>();
      EXPECT_EQ(ids.empty(), text.empty()) << key << " text " << i << " " << show(text);
      std::string spelled;
      EXPECT_NO_THROW(spelled = gpt2Tokenizer().decode(ids)) << key << " text " << i;
      EXPECT_EQ(spelled, text) << key << " text " << i << ": the golden's ids do not spell its text";
      EXPECT_EQ(encoding.ids, ids) << key << " text " << i << " " << show(text);
      ++compared;
    }
    EXPECT_EQ(encoding.offsets, offsetsFromJson(golden.at("hf_fast_offsets").at(i))) << "text " << i << " " << show(text);
  }
  EXPECT_EQ(compared, 84);  // 28 texts x (hf_slow, hf_fast, tiktoken_gpt2), none skipped
}

// "<|endoftext|>" in the text is one special token spanning 13 characters, as Hugging Face's
// GPT2Tokenizer treats it.
TEST(TokenizerReference, EndOfTextInTextIsTheSpecialToken) {
  const auto golden = readJson(huggingFaceGolden());
  const auto& texts = golden.at("texts");
  for (size_t i = 0; i < texts.size(); ++i) {
    const std::string text = texts[i];
    if (text.rfind("<|endoftext|>", 0) != 0) continue;
    const Encoding encoding = gpt2Tokenizer().encode(text);
    ASSERT_FALSE(encoding.ids.empty());
    EXPECT_EQ(encoding.ids[0], 50256);
    EXPECT_EQ(encoding.offsets[0], offsetsFromJson(golden.at("hf_fast_offsets").at(i)).at(0));
  }
  EXPECT_EQ(gpt2Tokenizer().encode("a<|endoftext|>b").ids, (std::vector<int64_t>{64, 50256, 65}));
  EXPECT_EQ(gpt2Tokenizer().eosTokenId(), 50256);
  EXPECT_EQ(gpt2Tokenizer().vocabSize(), 50257);
  EXPECT_EQ(gpt2Tokenizer().tokenText(50256), "<|endoftext|>");
}

}  // namespace
}  // namespace laminar::test
