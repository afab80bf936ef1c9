#pragma once
// The untrained twin of a trained checkpoint: the same shape and the same seeded
// initialisation the trainer starts from (step 0), written in the same layout. It is the
// control for figures of the trained model: whatever both show comes from the architecture
// and the initialisation, not from training.
#include <cstdint>
#include <filesystem>

#include "checkpoint/gpt2_config.h"
#include "io/safetensors.h"

namespace laminar {

// Writes `outDir` atomically; config.json marks the weights as not trained
// ("laminar_synthetic_weights": true, with a note naming the seed).
void writeUntrainedTwin(const std::filesystem::path& outDir, const Gpt2Config& config, uint64_t seed,
                        const std::filesystem::path& tokenizerDirectory, DType dtype = DType::F16);

}  // namespace laminar
