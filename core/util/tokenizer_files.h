#pragma once
// Which files of a folder a GPT-2 tokenizer is read from. One answer for the tokenizer, the
// checkpoint locator and the hub's listing: the last two do not link the tokenizer library,
// and when they disagreed with it, a checkpoint that ships only tokenizer.json ran on the
// bundled tokenizer instead of its own.
#include <filesystem>
#include <vector>

namespace laminar {

struct TokenizerFilePair {
  const char* vocab;
  const char* merges;
};
// In the order they are preferred: Hugging Face's GPT2Tokenizer files, OpenAI's release.
inline constexpr TokenizerFilePair kTokenizerFilePairs[] = {{"vocab.json", "merges.txt"}, {"encoder.json", "vocab.bpe"}};
// Hugging Face's fast tokenizer, one file, read when neither pair is complete.
inline constexpr const char* kTokenizerJsonName = "tokenizer.json";

// The files the tokenizer would read from `dir`: the first complete pair, else tokenizer.json,
// else none (empty). Regular files only (links to them count); never throws.
std::vector<std::filesystem::path> tokenizerFilesIn(const std::filesystem::path& dir);

}  // namespace laminar
