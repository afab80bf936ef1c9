#pragma once
// GPT-2 byte-level BPE, identical to Hugging Face GPT2Tokenizer: the GPT-2 pre-tokenisation
// pattern with real Unicode classes (PCRE2), byte-to-unicode mapping, ranked merges.
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
  // A directory with vocab.json + merges.txt (Hugging Face) or encoder.json + vocab.bpe
  // (OpenAI). Throws laminar::Error naming the file and line of any defect.
  static BpeTokenizer fromDirectory(const std::filesystem::path& dir);
  static BpeTokenizer fromFiles(const std::filesystem::path& vocabJson, const std::filesystem::path& merges);
  static bool directoryHasTokenizer(const std::filesystem::path& dir);

  BpeTokenizer(BpeTokenizer&&) noexcept;
  BpeTokenizer& operator=(BpeTokenizer&&) noexcept;
  ~BpeTokenizer();

  Encoding encode(const std::string& utf8Text) const;
  std::vector<int64_t> encodeIds(const std::string& utf8Text) const { return encode(utf8Text).ids; }
  std::string decode(const std::vector<int64_t>& ids) const;  // invalid UTF-8 -> U+FFFD, as HF
  std::string tokenText(int64_t id) const;                    // decoded text of one token
  int64_t vocabSize() const;
  int64_t eosTokenId() const;  // id of "<|endoftext|>"

 private:
  struct Impl;
  explicit BpeTokenizer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace laminar
