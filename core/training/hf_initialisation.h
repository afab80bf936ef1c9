#pragma once
// Hugging Face's initialisation of GPT-2 (GPT2PreTrainedModel._init_weights plus the GPT-2
// paper's residual scaling), seeded. One definition for the trainer's starting point, the
// untrained twin written to disk and the in-memory untrained control, so all three are the
// same weights for the same (shape, seed).
#include "util/torch_api.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "checkpoint/gpt2_config.h"

namespace laminar {

// The standard deviation HF draws parameter `name` (canonical, e.g. "h.3.attn.c_proj.weight")
// from: 0.02 / sqrt(2 n_layer) for the residual projections attn.c_proj.weight and
// mlp.c_proj.weight, 0.02 for every other matrix and the embeddings wte / wpe; 0 for the
// tensors that are constant (biases 0, layer-norm weight 1, bias 0).
double hfInitStd(const Gpt2Config& config, const std::string& name);

// Every parameter (gpt2TensorShapes order, float32, CPU, no grad) as HF initialises it:
// normal(0, hfInitStd) matrices and embeddings, zero biases, layer norms weight 1 bias 0.
// The values come from one CPU generator seeded with `seed`, drawn in gpt2TensorShapes order,
// so they depend only on (config, seed).
std::vector<std::pair<std::string, torch::Tensor>> hfInitialParameters(const Gpt2Config& config, uint64_t seed);

}  // namespace laminar
