#pragma once
// Hugging Face's initialisation of GPT-2 (GPT2PreTrainedModel._init_weights plus the GPT-2
// paper's residual scaling), seeded. One definition of the rules for the trainer's starting
// point, the untrained twin written to disk and the in-memory untrained control.
#include "util/torch_api.h"

#include <cstdint>
#include <functional>
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

// How the normal values are drawn; either way they depend only on (config, seed).
enum class InitDraws {
  // One torch CPU generator (mt19937) seeded with `seed`, Tensor::normal_ in
  // gpt2TensorShapes order: what `laminar-cli train` starts from and the untrained twin on
  // disk holds (the bundled demo model was trained from these). Serial, about 45 M values/s.
  TorchSerial,
  // fillParallelNormal (training/parallel_normal.h), parameter k of gpt2TensorShapes drawing
  // stream k: every core at once, the same values for any thread count. Other values than
  // TorchSerial's for the same seed, from the same distribution. The in-memory untrained
  // control uses it: GPT-2 XL's 1.6 billion weights in seconds instead of 35 s.
  Parallel,
};

// Every parameter (gpt2TensorShapes order, float32, CPU, no grad) as HF initialises it:
// normal(0, hfInitStd) matrices and embeddings, zero biases, layer norms weight 1 bias 0.
std::vector<std::pair<std::string, torch::Tensor>> hfInitialParameters(const Gpt2Config& config, uint64_t seed,
                                                                       InitDraws draws = InitDraws::TorchSerial);

// Only the parameters whose names `wanted` accepts, with InitDraws::Parallel: the same values
// as hfInitialParameters(config, seed, InitDraws::Parallel) gives them, without drawing the
// others (each parameter has its own stream), e.g. one block just before it runs.
std::vector<std::pair<std::string, torch::Tensor>> hfInitialParametersWhere(
    const Gpt2Config& config, uint64_t seed, const std::function<bool(const std::string& name)>& wanted);

}  // namespace laminar
