#include "training/hf_initialisation.h"

#include <ATen/CPUGeneratorImpl.h>

#include <cmath>

#include "checkpoint/checkpoint.h"
#include "training/parallel_normal.h"

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

namespace {

// Parameter `name` of gpt2TensorShapes, drawn from `gen` (TorchSerial) or from stream
// `stream` (Parallel); the constant ones draw nothing.
torch::Tensor initialParameter(const Gpt2Config& config, const std::string& name, const std::vector<int64_t>& shape,
                               uint64_t seed, uint64_t stream, InitDraws draws, at::Generator& gen) {
  if (isLayerNorm(name)) return endsWith(name, ".weight") ? torch::ones(shape) : torch::zeros(shape);
  if (endsWith(name, ".bias")) return torch::zeros(shape);
  torch::Tensor t = torch::empty(shape);
  if (draws == InitDraws::Parallel)
    fillParallelNormal(t.data_ptr<float>(), t.numel(), hfInitStd(config, name), seed, stream);
  else  // one serial stream: the order of these draws fixes the values for a seed
    t.normal_(0.0, hfInitStd(config, name), gen);
  return t;
}

std::vector<std::pair<std::string, torch::Tensor>> initialParameters(
    const Gpt2Config& config, uint64_t seed, InitDraws draws, const std::function<bool(const std::string&)>& wanted) {
  torch::NoGradGuard noGrad;
  auto gen = at::make_generator<at::CPUGeneratorImpl>(seed);
  std::vector<std::pair<std::string, torch::Tensor>> out;
  uint64_t stream = 0;  // the parameter's index in gpt2TensorShapes order
  for (const auto& [name, shape] : gpt2TensorShapes(config)) {
    if (!wanted || wanted(name)) out.emplace_back(name, initialParameter(config, name, shape, seed, stream, draws, gen));
    ++stream;
  }
  return out;
}

}  // namespace

std::vector<std::pair<std::string, torch::Tensor>> hfInitialParameters(const Gpt2Config& config, uint64_t seed,
                                                                       InitDraws draws) {
  return initialParameters(config, seed, draws, {});
}

std::vector<std::pair<std::string, torch::Tensor>> hfInitialParametersWhere(
    const Gpt2Config& config, uint64_t seed, const std::function<bool(const std::string& name)>& wanted) {
  return initialParameters(config, seed, InitDraws::Parallel, wanted);
}

}  // namespace laminar
