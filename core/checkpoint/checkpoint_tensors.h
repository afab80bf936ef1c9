#pragma once
// The GPT-2 parameters a checkpoint's weight files hold, found and checked against the config
// from the safetensors headers alone (no tensor data read, no libtorch).
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "checkpoint/checkpoint_files.h"
#include "checkpoint/gpt2_config.h"
#include "io/safetensors.h"
#include "util/message.h"

namespace laminar {

// One GPT-2 parameter as the weight files store it, found and checked (name, dtype, shape)
// without reading its data.
struct StoredTensor {
  std::string name;        // canonical GPT-2 name without "transformer.", e.g. "h.0.ln_1.weight"
  std::string storedName;  // the key in the file, e.g. "transformer.h.0.ln_1.weight"
  std::shared_ptr<SafetensorsFile> file;
  const TensorView* view = nullptr;  // into file
};

struct CheckpointTensors {
  std::vector<std::shared_ptr<SafetensorsFile>> files;  // in CheckpointFiles::weightFiles order
  std::vector<StoredTensor> parameters;                 // gpt2TensorShapes order
  std::optional<StoredTensor> lmHead;                   // "lm_head.weight" if stored (must equal wte)
  std::vector<std::string> ignoredBuffers;              // legacy attn.bias / attn.masked_bias keys
};

// Every GPT-2 parameter (canonical names, without "transformer.") and its shape for `config`,
// in the order Hugging Face's save_pretrained lists them per block.
std::vector<std::pair<std::string, std::vector<int64_t>>> gpt2TensorShapes(const Gpt2Config& config);

// Opens the weight files and checks the set of tensors against `config`: every parameter
// present once (with or without "transformer."), no unknown tensor, shapes right, dtype
// F32/F16/BF16, shards agreeing with the index. Reads headers only (cheap even for GPT-2 XL).
CheckpointTensors openCheckpointTensors(const CheckpointFiles& files, const Gpt2Config& config);

// A message naming the tensor's file and stored name, then `params`.
Message storedTensorMessage(const StoredTensor& tensor, MessageCode code, MessageParams params, const std::string& english);

}  // namespace laminar
