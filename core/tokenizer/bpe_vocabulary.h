#pragma once
// The contents of a GPT-2 tokenizer's two files, checked and turned into the tables BPE
// runs on: token ids by raw bytes (not by their byte-level spelling) and ranked merges
// keyed by the ids of the two parts.
#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace laminar {

// GPT-2's one special token, matched in text before pre-tokenization.
inline constexpr std::string_view kEndOfText = "<|endoftext|>";

struct BpeVocabulary {
  struct Merge {
    int32_t rank;    // line order in merges.txt: lower merges first
    int32_t merged;  // id of the token the two parts become
  };
  static uint64_t pairKey(int32_t left, int32_t right) {
    return (static_cast<uint64_t>(static_cast<uint32_t>(left)) << 32) | static_cast<uint32_t>(right);
  }

  std::vector<std::string> bytesOfId;  // raw bytes of each token id
  std::vector<bool> idInUse;           // false for gaps in the id range
  std::unordered_map<std::string, int32_t> idOfBytes;
  std::array<int32_t, 256> idOfByte{};  // the single-byte tokens BPE starts from
  std::unordered_map<uint64_t, Merge> merges;
  int64_t endOfTextId = -1;  // "<|endoftext|>", or -1 when the vocabulary lacks it

  // Throws laminar::Error naming the file (and line) of any defect.
  static BpeVocabulary load(const std::filesystem::path& vocabJson, const std::filesystem::path& mergesTxt);
  // The same tables from a Hugging Face tokenizer.json (a BPE model with a ByteLevel
  // pre-tokenizer), for checkpoints that ship only that file.
  static BpeVocabulary loadTokenizerJson(const std::filesystem::path& tokenizerJson);
};

}  // namespace laminar
