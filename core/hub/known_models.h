#pragma once
// The GPT-2 checkpoints Laminar offers to download: the four openai-community repositories
// of the Hugging Face hub, with approximate download sizes for the model dialog.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace laminar::hub {

struct KnownModel {
  std::string id;           // "gpt2-xl": what users type
  std::string repo;         // "openai-community/gpt2-xl"
  std::string displayName;  // "GPT-2 XL"
  int64_t parameters;       // 1.56e9 for XL
  int64_t nEmbd, nLayer, nHead;
  uint64_t approxDownloadBytes;  // config + weights + vocab + merges, as on the hub
};

const std::vector<KnownModel>& knownModels();

// "gpt2-xl", "openai-community/gpt2-xl" or "gpt2-xl" in any case; nullopt when unknown.
std::optional<KnownModel> findKnownModel(const std::string& name);

// The repository to download for a name the user typed: a known id, or any "org/name"
// repository id as-is. Throws laminar::Error listing the known ids otherwise.
std::string repoForName(const std::string& name);

}  // namespace laminar::hub
