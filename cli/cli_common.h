#pragma once
// Small pieces several laminar-cli subcommands share.
#include <cstdint>
#include <string>
#include <vector>

namespace laminar {
struct CheckpointFiles;
class BpeTokenizer;
namespace cli {

// The checkpoint's own tokenizer files if its directory has them, else the bundled GPT-2 one.
BpeTokenizer tokenizerForCheckpoint(const CheckpointFiles& files);
// A JSON array of strings, tokenized with the checkpoint's tokenizer.
std::vector<std::vector<int64_t>> tokenizeTextsJson(const std::string& path, const CheckpointFiles& files);

}  // namespace cli
}  // namespace laminar
