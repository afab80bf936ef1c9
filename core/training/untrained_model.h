#pragma once
// The untrained control of issue 10: a GPT-2 of a given shape with Hugging Face's seeded
// initialisation (training/hf_initialisation.h), built in memory as a Gpt2Model so an
// experiment can run on it exactly as on the loaded model, without writing a checkpoint
// (6 GB for GPT-2 XL). Whatever a figure shows on both models comes from the architecture
// and the method, not from training.
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "checkpoint/checkpoint.h"
#include "checkpoint/gpt2_config.h"
#include "model/gpt2_model.h"
#include "training/hf_initialisation.h"

namespace laminar {

// Gpt2Weights from named parameters in gpt2TensorShapes order (canonical names, any shapes
// checked against `config`); the tensors are shared, not copied. Throws laminar::Error naming
// a missing parameter or a wrong shape.
Gpt2Weights gpt2WeightsFromParameters(const Gpt2Config& config,
                                      const std::vector<std::pair<std::string, torch::Tensor>>& parameters);

// The untrained model of `config`'s shape for `seed`, moved to options.device / options.dtype.
// The default, InitDraws::Parallel, draws the embeddings and ln_f now and each block's
// weights just before that block runs (Gpt2Weights::blockSource), on every core: host memory
// holds one block at a time, and the values are those of hfInitialParameters(config, seed,
// InitDraws::Parallel). InitDraws::TorchSerial draws everything now, the same weights as
// TrainableGpt2(config, seed) and writeUntrainedTwin(.., config, seed, ..) (peak host memory:
// the float32 parameters once, plus the device copy for another device or dtype).
std::unique_ptr<Gpt2Model> makeUntrainedGpt2(const Gpt2Config& config, uint64_t seed,
                                             const ModelOptions& options = {},
                                             InitDraws draws = InitDraws::Parallel);

}  // namespace laminar
