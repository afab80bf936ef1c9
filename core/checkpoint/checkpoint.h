#pragma once
// A GPT-2 checkpoint directory in Hugging Face layout: config.json, model.safetensors or
// model.safetensors.index.json + shards, and the tokenizer files. Loading validates every
// tensor (presence, shape, dtype, finiteness) and names the file and tensor of any defect.
#include <torch/torch.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "checkpoint/gpt2_config.h"

namespace laminar {

class SafetensorsFile;

struct Gpt2BlockWeights {
  torch::Tensor ln1Weight, ln1Bias;
  torch::Tensor attnWeight, attnBias;          // c_attn: [d, 3d], [3d]  (Conv1D: x W + b)
  torch::Tensor attnProjWeight, attnProjBias;  // attn.c_proj: [d, d], [d]
  torch::Tensor ln2Weight, ln2Bias;
  torch::Tensor fcWeight, fcBias;              // mlp.c_fc: [d, 4d], [4d]
  torch::Tensor mlpProjWeight, mlpProjBias;    // mlp.c_proj: [4d, d], [d]
};

struct Gpt2Weights {
  torch::Tensor wte;  // [vocab, d]; the LM head is tied to it
  torch::Tensor wpe;  // [n_positions, d]
  std::vector<Gpt2BlockWeights> blocks;
  torch::Tensor lnFWeight, lnFBias;
  // F32 tensors alias these memory mappings (no copy); keep them alive with the weights.
  std::vector<std::shared_ptr<SafetensorsFile>> files;
};

struct CheckpointFiles {
  std::filesystem::path directory;
  std::filesystem::path config;
  std::vector<std::filesystem::path> weightFiles;  // one, or the shards of the index
  std::filesystem::path tokenizerDirectory;        // == directory when it has tokenizer files
};

// Finds the files of a checkpoint directory; throws laminar::Error saying what is missing.
CheckpointFiles locateCheckpoint(const std::filesystem::path& dir);

// Reads and validates the weights as float32 CPU tensors. F32 tensors are zero-copy views
// of the mapping; F16/BF16 are converted. Keys with or without "transformer."; legacy
// "h.N.attn.bias"/"masked_bias" buffers ignored; "lm_head.weight" accepted if equal to wte.
Gpt2Weights loadGpt2Weights(const CheckpointFiles& files, const Gpt2Config& config);

}  // namespace laminar
