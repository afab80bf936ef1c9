#pragma once
// Where a checkpoint directory's files are: config.json, model.safetensors or the index and
// its shards, and the tokenizer files if it has them. Free of libtorch's headers, so the app's
// and CLI's file lookups compile without them.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace laminar {

struct CheckpointFiles {
  std::filesystem::path directory;
  std::filesystem::path config;
  std::vector<std::filesystem::path> weightFiles;  // one, or the shards of the index
  std::filesystem::path weightIndex;               // model.safetensors.index.json if sharded, else empty
  std::filesystem::path tokenizerDirectory;        // == directory when it has tokenizer files, else empty
};

// Finds the files of a checkpoint directory; throws laminar::Error saying what is missing.
CheckpointFiles locateCheckpoint(const std::filesystem::path& dir);

// weight_map of a model.safetensors.index.json: tensor key -> shard file name (a plain
// relative name inside the directory). Throws laminar::Error naming the index and the key.
std::map<std::string, std::string> readWeightMap(const std::filesystem::path& index);

}  // namespace laminar
