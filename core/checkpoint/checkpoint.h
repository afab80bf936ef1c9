#pragma once
// A GPT-2 checkpoint's weights as tensors. The directory's files (checkpoint_files.h) and the
// parameters their headers hold (checkpoint_tensors.h) need no libtorch; loading validates every
// tensor (presence, shape, dtype, finiteness) and names the file and tensor of any defect.
#include "util/torch_api.h"

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "checkpoint/checkpoint_files.h"
#include "checkpoint/checkpoint_tensors.h"
#include "checkpoint/gpt2_config.h"
#include "io/safetensors.h"

namespace laminar {

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
  // When set, `blocks` is empty and block l's weights are made by blockSource(l) just before
  // block l runs, and dropped after it: the untrained control draws them so
  // (training/untrained_model.h), holding one block at a time instead of a second model.
  std::function<Gpt2BlockWeights(int layer)> blockSource;
  torch::Tensor lnFWeight, lnFBias;
  // F32 tensors alias these memory mappings (no copy); keep them alive with the weights.
  std::vector<std::shared_ptr<SafetensorsFile>> files;
};

// Reads and validates the weights as float32 CPU tensors. F32 tensors are zero-copy views
// of the mapping; F16/BF16 are converted. Keys with or without "transformer."; legacy
// "h.N.attn.bias"/"masked_bias" buffers ignored; "lm_head.weight" accepted if equal to wte.
// Every value is checked finite (NaN/Inf name the tensor and element).
// The F32 tensors point into read-only memory: never modify them in place (clone first).
Gpt2Weights loadGpt2Weights(const CheckpointFiles& files, const Gpt2Config& config);

// The tensor as float32 on the CPU: a zero-copy view of the mapping for aligned F32 data
// (the view keeps the file mapped), a converted copy for F16/BF16. Throws laminar::Error
// naming file and tensor for another dtype or a non-finite value.
torch::Tensor tensorToFloat32(const StoredTensor& tensor);

}  // namespace laminar
