#pragma once
// GPT-2 byte-level BPE, identical to Hugging Face GPT2Tokenizer: the GPT-2 pre-tokenisation
// pattern with Unicode 16.0 classes (gpt2_pretokenizer.h), byte-to-unicode mapping, ranked merges.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace laminar {

struct Encoding {
  std::vector<int64_t> ids;
  // [start, end) of each token in Unicode code points of the input text. A token that
  // covers only part of a multi-byte character gets the span of that whole character.
  std::vector<std::pair<int64_t, int64_t>> offsets;
};

class BpeTokenizer {
 public:
  // A directory (a tokenizer's or a checkpoint's) with vocab.json + merges.txt (Hugging
  // Face) or encoder.json + vocab.bpe (OpenAI), or else a Hugging Face tokenizer.json.
  // Throws laminar::Error naming the file and line of any defect.
  static BpeTokenizer fromDirectory(const std::filesystem::path& dir);
  static BpeTokenizer fromFiles(const std::filesystem::path& vocabJson, const std::filesystem::path& merges);
  static BpeTokenizer fromTokenizerJson(const std::filesystem::path& tokenizerJson);
  static bool directoryHasTokenizer(const std::filesystem::path& dir);

  BpeTokenizer(BpeTokenizer&&) noexcept;
  BpeTokenizer& operator=(BpeTokenizer&&) noexcept;
  ~BpeTokenizer();

  // Thread-safe. Throws laminar::Error if the text is not valid UTF-8. "<|endoftext|>"
  // in the text becomes the special token, as in Hugging Face's GPT2Tokenizer.
  Encoding encode(const std::string& utf8Text) const;
  std::vector<int64_t> encodeIds(const std::string& utf8Text) const { return encode(utf8Text).ids; }
  std::string decode(const std::vector<int64_t>& ids) const;  // invalid UTF-8 -> U+FFFD, as HF
  std::string tokenText(int64_t id) const;                    // decoded text of one token
  std::string tokenBytes(int64_t id) const;                   // raw bytes of one token (may be part of a character)
  // One token for a reader: its whole characters as text, the bytes of a character split
  // between tokens as <0xNN> (utf8::withByteNames). What the views and results label tokens with.
  std::string tokenLabel(int64_t id) const;
  int64_t vocabSize() const;   // largest id + 1 (50257 for GPT-2)
  int64_t eosTokenId() const;  // id of "<|endoftext|>", -1 if the vocabulary lacks it
  // decode/tokenText/tokenBytes/tokenLabel throw laminar::Error for an id outside the vocabulary.

 private:
  struct Impl;
  explicit BpeTokenizer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace laminar
