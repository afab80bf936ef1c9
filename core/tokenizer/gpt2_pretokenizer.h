#pragma once
// Splits text into the "words" GPT-2 runs BPE on, with OpenAI's pattern
//   's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
// compiled by PCRE2 in UTF + UCP mode, so \p{L}, \p{N} and \s are the real Unicode
// classes (as in the regex/Oniguruma engines Hugging Face uses), not ASCII stand-ins.
#include <cstddef>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

namespace laminar {

class Gpt2PreTokenizer {
 public:
  Gpt2PreTokenizer();
  ~Gpt2PreTokenizer();
  Gpt2PreTokenizer(const Gpt2PreTokenizer&) = delete;
  Gpt2PreTokenizer& operator=(const Gpt2PreTokenizer&) = delete;

  // [begin, end) byte ranges of the words of a valid UTF-8 text, in order, covering it.
  // Thread-safe.
  std::vector<std::pair<size_t, size_t>> split(std::string_view validUtf8) const;

  static const char* pattern();

 private:
  struct Compiled;
  std::unique_ptr<Compiled> compiled_;
};

}  // namespace laminar
