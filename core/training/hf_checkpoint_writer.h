#pragma once
// Writes a GPT-2 checkpoint directory in Hugging Face layout (config.json, model.safetensors,
// vocab.json, merges.txt) from in-memory parameters, so Laminar's loader and Python
// transformers (GPT2LMHeadModel.from_pretrained) read it as is.
#include "util/torch_api.h"

#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "checkpoint/gpt2_config.h"
#include "io/safetensors.h"

namespace laminar {

struct HfCheckpointContent {
  Gpt2Config config;
  // (canonical name without "transformer.", tensor) in gpt2TensorShapes order; any device/dtype.
  std::vector<std::pair<std::string, torch::Tensor>> parameters;
  DType dtype = DType::F16;                       // F32, F16 or BF16
  std::filesystem::path tokenizerDirectory;       // vocab.json + merges.txt to copy
  std::map<std::string, std::string> metadata;    // safetensors __metadata__ (besides "format": "pt")
  nlohmann::json extraConfig = nlohmann::json::object();  // merged into config.json (e.g. a note)
};

// Writes `outDir` atomically (whole or not at all). An existing `outDir` is replaced only if
// it is empty or was written by Laminar (config.json has "laminar_trained" or
// "laminar_synthetic_weights"); anything else is refused, naming the folder.
void writeHfCheckpoint(const std::filesystem::path& outDir, const HfCheckpointContent& content);

}  // namespace laminar
