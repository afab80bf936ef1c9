#include "checkpoint/checkpoint_files.h"

#include <set>

#include <nlohmann/json.hpp>

#include "util/atomic_file.h"
#include "util/error.h"
#include "util/tokenizer_files.h"

namespace laminar {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

bool isFile(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec);
}

// Shard names from the index must stay inside the checkpoint directory.
bool isPlainRelative(const fs::path& p) {
  if (p.empty() || p.is_absolute()) return false;
  for (const auto& part : p)
    if (part == "..") return false;
  return true;
}

}  // namespace

std::map<std::string, std::string> readWeightMap(const fs::path& index) {
  const std::string where = index.string();
  json j;
  try {
    j = json::parse(readFile(index));
  } catch (const json::exception& e) {
    throw Error(fileMessage(where, msg::kFileInvalidJson, {{"detail", e.what()}}, std::string("not valid JSON: ") + e.what()));
  }
  if (!j.is_object() || !j.contains("weight_map") || !j["weight_map"].is_object())
    throw Error(fileMessage(where, msg::kCheckpointIndexNoWeightMap, {}, "no \"weight_map\" object (tensor name -> shard file)"));
  std::map<std::string, std::string> map;
  for (const auto& [key, value] : j["weight_map"].items()) {
    if (!value.is_string())
      throw Error(fileMessage(where, msg::kCheckpointIndexShardNotName, {{"tensor", key}},
                              "weight_map: the shard of tensor '" + key + "' is not a file name"));
    std::string shard = value.get<std::string>();
    if (!isPlainRelative(shard))
      throw Error(fileMessage(where, msg::kCheckpointIndexShardOutside, {{"tensor", key}, {"shard", shard}},
                              "weight_map: tensor '" + key + "' names shard '" + shard +
                                  "', which is outside the checkpoint directory"));
    map[key] = shard;
  }
  if (map.empty()) throw Error(fileMessage(where, msg::kCheckpointIndexEmpty, {}, "weight_map is empty"));
  return map;
}

CheckpointFiles locateCheckpoint(const fs::path& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) throw Error(fileMessage(dir.string(), msg::kCheckpointNoSuchDirectory, {}, "no such checkpoint directory"));
  if (!fs::is_directory(dir, ec))
    throw Error(fileMessage(dir.string(), msg::kCheckpointNotADirectory, {},
                            "not a directory (give the checkpoint folder that holds config.json)"));
  CheckpointFiles files;
  files.directory = dir;
  files.config = dir / "config.json";
  if (!isFile(files.config))
    throw Error(fileMessage(dir.string(), msg::kCheckpointNoConfig, {}, "no config.json: not a Hugging Face checkpoint directory"));
  if (isFile(dir / "model.safetensors")) {
    files.weightFiles.push_back(dir / "model.safetensors");
  } else if (isFile(dir / "model.safetensors.index.json")) {
    files.weightIndex = dir / "model.safetensors.index.json";
    std::set<std::string> shards;
    for (const auto& [tensor, shard] : readWeightMap(files.weightIndex)) shards.insert(shard);
    for (const auto& shard : shards) {
      if (!isFile(dir / shard))
        throw Error(fileMessage(files.weightIndex.string(), msg::kCheckpointShardMissing,
                                {{"shard", shard}, {"folder", dir.string()}},
                                "shard '" + shard + "' listed in weight_map does not exist in " + dir.string()));
      files.weightFiles.push_back(dir / shard);
    }
  } else if (isFile(dir / "pytorch_model.bin")) {
    throw Error(fileMessage(dir.string(), msg::kCheckpointOnlyPytorchBin, {},
                            "has only pytorch_model.bin; Laminar reads model.safetensors (convert the "
                            "checkpoint, e.g. with transformers' save_pretrained(safe_serialization=True))"));
  } else {
    throw Error(fileMessage(dir.string(), msg::kCheckpointNoWeights, {}, "no model.safetensors or model.safetensors.index.json"));
  }
  if (!tokenizerFilesIn(dir).empty()) files.tokenizerDirectory = dir;
  return files;
}

}  // namespace laminar
