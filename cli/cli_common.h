#pragma once
// Small pieces several laminar-cli subcommands share.
#include <cstdint>
#include <string>
#include <vector>

namespace laminar {
class Gpt2Model;
class BpeTokenizer;
namespace cli {

// The model's own tokenizer files if its directory has them, else the bundled GPT-2 one.
BpeTokenizer tokenizerForModel(const Gpt2Model& model);
// A JSON array of strings, tokenized for `model` (token ids checked against its vocabulary).
std::vector<std::vector<int64_t>> tokenizeTextsJson(const std::string& path, const Gpt2Model& model);

}  // namespace cli
}  // namespace laminar
