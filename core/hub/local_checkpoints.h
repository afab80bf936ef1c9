#pragma once
// Finds GPT-2 checkpoints already on disk: snapshots in the hub cache and folders the user
// added. Reads only config.json (no torch) so listing is instant even for GPT-2 XL.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "util/message.h"

namespace laminar::hub {

struct LocalCheckpoint {
  enum class Source { HubCache, UserFolder };
  Source source = Source::UserFolder;
  std::string name;                  // "openai-community/gpt2-xl" or the folder name
  std::string revision;              // commit of a cache snapshot; empty for a folder
  std::vector<std::string> refs;     // branches/tags pointing at this snapshot ("main")
  std::filesystem::path directory;   // the folder to load (snapshot or user folder)
  // Shape from config.json (0 when unreadable).
  int64_t nEmbd = 0, nLayer = 0, nHead = 0, nPositions = 0, vocabSize = 0;
  std::string modelType;             // config "model_type" ("gpt2")
  std::string shape;                 // "gpt2-xl" for the known shapes, else "WxLxH"
  bool synthetic = false;            // written by make-synthetic (random weights)
  uint64_t sizeBytes = 0;            // all files of the checkpoint, links followed
  bool hasWeights = false;           // model.safetensors, or the index and all its shards
  bool hasTokenizer = false;         // tokenizer files of its own (util/tokenizer_files.h)
  Message problem;                   // why it cannot be loaded (coded, for the GUI); no text when usable

  bool usable() const { return problem.english.empty(); }
};

const char* sourceName(LocalCheckpoint::Source source);  // "cache" / "folder"

// Inspects one folder; `problem` says what is missing or unreadable. Never throws for a
// defective checkpoint (a listing must show it), only for programming errors.
LocalCheckpoint inspectCheckpoint(const std::filesystem::path& directory);

// Every snapshot of every models--*/ folder of the cache (a missing cache is empty).
std::vector<LocalCheckpoint> scanHubCache(const std::filesystem::path& cacheRoot);

// A user folder is a checkpoint itself, or a folder of checkpoints (one level down).
std::vector<LocalCheckpoint> scanUserFolder(const std::filesystem::path& folder);

// The cache, then each user folder, in order.
std::vector<LocalCheckpoint> scanLocalCheckpoints(const std::filesystem::path& cacheRoot,
                                                  const std::vector<std::filesystem::path>& folders);

// "gpt2" / "gpt2-medium" / "gpt2-large" / "gpt2-xl" for the known shapes, else "WxLxH".
std::string shapeName(int64_t nEmbd, int64_t nLayer, int64_t nHead);

}  // namespace laminar::hub

namespace laminar::hub {

// What a --model argument names: an existing folder as-is; else a known id ("gpt2-xl") or
// repository id ("org/name", optionally "org/name@revision") found in the hub cache.
// Throws laminar::Error saying how to download it when it is not on disk.
std::filesystem::path resolveModelLocation(const std::string& nameOrPath,
                                           const std::filesystem::path& cacheRoot);

}  // namespace laminar::hub
