#pragma once
// Synthetic GPT-2 checkpoints: any shape, seeded random weights, in Hugging Face layout.
// They are the offline demo model and the benchmark model; config.json and the safetensors
// metadata both say that the weights are random, so nobody mistakes their figures for
// findings.
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

#include "checkpoint/gpt2_config.h"

namespace laminar {

struct SyntheticCheckpointOptions {
  Gpt2Config config = Gpt2Config::forShape("gpt2");  // syntheticWeights is set on writing
  uint64_t seed = 0;
  // Folder with vocab.json + merges.txt, encoder.json + vocab.bpe or tokenizer.json (copied
  // into the checkpoint); empty = Laminar's bundled tokenizer (findDataPath("tokenizer/...")).
  std::filesystem::path tokenizerSource;
  std::function<void(double fraction)> progress;  // 0..1 as tensors are written (optional)
  const std::atomic<bool>* cancel = nullptr;      // set -> throws laminar::Cancelled, nothing left behind
};

// Writes `outDir` atomically (complete or not at all; an existing folder is replaced only
// once the new one is whole, and only if it is empty or an earlier synthetic checkpoint): config.json, model.safetensors (keys "transformer.*", metadata
// {"laminar_synthetic_weights": "true"}), vocab.json, merges.txt. Streams tensor by tensor,
// so GPT-2 XL never needs more memory than its largest tensor.
void writeSyntheticCheckpoint(const std::filesystem::path& outDir, const SyntheticCheckpointOptions& options);

}  // namespace laminar
