#pragma once
// Splits text into the "words" GPT-2 runs BPE on, exactly as OpenAI's pattern
//   's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
// does in Hugging Face tokenizers (Oniguruma) and tiktoken, with \p{L}, \p{N} and \s the
// Unicode 16.0 classes of unicode_classes.h. A scanner over code points rather than a regex
// engine, so the classes are those of the generated table and never the system library's.
#include <cstddef>
#include <string_view>
#include <utility>
#include <vector>

namespace laminar {

class Gpt2PreTokenizer {
 public:
  // [begin, end) byte ranges of the words of a valid UTF-8 text, in order, covering it.
  // Thread-safe.
  std::vector<std::pair<size_t, size_t>> split(std::string_view validUtf8) const;
};

}  // namespace laminar
