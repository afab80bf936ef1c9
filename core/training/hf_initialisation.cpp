#include "training/hf_initialisation.h"

#include <ATen/CPUGeneratorImpl.h>

#include <cmath>

#include "checkpoint/checkpoint.h"

namespace laminar {
namespace {

bool endsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool isLayerNorm(const std::string& name) { return name.find("ln_") != std::string::npos; }

}  // namespace

double hfInitStd(const Gpt2Config& config, const std::string& name) {
  if (isLayerNorm(name) || endsWith(name, ".bias")) return 0.0;
  // GPT-2 paper: the residual projections are scaled by 1/sqrt(N) with N = 2 n_layer
  // residual additions, so the residual stream's variance does not grow with depth.
  if (endsWith(name, "c_proj.weight")) return 0.02 / std::sqrt(2.0 * static_cast<double>(config.nLayer));
  return 0.02;
}

std::vector<std::pair<std::string, torch::Tensor>> hfInitialParameters(const Gpt2Config& config, uint64_t seed) {
  torch::NoGradGuard noGrad;
  auto gen = at::make_generator<at::CPUGeneratorImpl>(seed);
  std::vector<std::pair<std::string, torch::Tensor>> out;
  for (const auto& [name, shape] : gpt2TensorShapes(config)) {
    torch::Tensor t;
    if (isLayerNorm(name))
      t = endsWith(name, ".weight") ? torch::ones(shape) : torch::zeros(shape);
    else if (endsWith(name, ".bias"))
      t = torch::zeros(shape);
    else  // the only draws: their order fixes the values for a seed
      t = torch::empty(shape).normal_(0.0, hfInitStd(config, name), gen);
    out.emplace_back(name, t);
  }
  return out;
}

}  // namespace laminar
