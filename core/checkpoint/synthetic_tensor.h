#pragma once
// The seeded random values of a synthetic checkpoint's parameters (synthetic_checkpoint.h
// writes them; its tests read them back against these).
#include "util/torch_api.h"

#include <cstdint>
#include <string>
#include <vector>

#include "checkpoint/gpt2_config.h"

namespace laminar {

// The value of one parameter (canonical name, e.g. "h.3.mlp.c_fc.weight") for a seed:
// matrices and embeddings ~ N(0, 0.02), biases ~ N(0, 0.01), layer-norm gains 1 + N(0, 0.02).
// Each tensor has its own generator derived from (seed, name), so values do not depend on
// the order or subset generated.
torch::Tensor syntheticTensor(const Gpt2Config& config, uint64_t seed, const std::string& name,
                              const std::vector<int64_t>& shape);

}  // namespace laminar
