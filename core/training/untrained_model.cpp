#include "training/untrained_model.h"

#include <map>

#include "training/hf_initialisation.h"
#include "util/error.h"

namespace laminar {
namespace {

// The parameter called `name`, checked against the shape `config` gives it.
class ParameterTable {
 public:
  ParameterTable(const Gpt2Config& config, const std::vector<std::pair<std::string, torch::Tensor>>& parameters) {
    for (const auto& [name, t] : parameters) byName_[name] = t;
    for (const auto& [name, shape] : gpt2TensorShapes(config)) shapes_[name] = shape;
  }
  torch::Tensor operator()(const std::string& name) const {
    auto it = byName_.find(name);
    if (it == byName_.end()) throw Error("untrained GPT-2: parameter '" + name + "' is missing");
    if (it->second.sizes().vec() != shapes_.at(name))
      throw Error("untrained GPT-2: parameter '" + name + "' has the wrong shape");
    return it->second.detach();
  }

 private:
  std::map<std::string, torch::Tensor> byName_;
  std::map<std::string, std::vector<int64_t>> shapes_;
};

Gpt2BlockWeights blockWeights(const ParameterTable& p, int64_t layer) {
  const std::string h = "h." + std::to_string(layer) + ".";
  return {p(h + "ln_1.weight"),     p(h + "ln_1.bias"),     p(h + "attn.c_attn.weight"), p(h + "attn.c_attn.bias"),
          p(h + "attn.c_proj.weight"), p(h + "attn.c_proj.bias"), p(h + "ln_2.weight"),       p(h + "ln_2.bias"),
          p(h + "mlp.c_fc.weight"),  p(h + "mlp.c_fc.bias"),  p(h + "mlp.c_proj.weight"), p(h + "mlp.c_proj.bias")};
}

bool inBlock(const std::string& name) { return name.rfind("h.", 0) == 0; }

}  // namespace

Gpt2Weights gpt2WeightsFromParameters(const Gpt2Config& config,
                                      const std::vector<std::pair<std::string, torch::Tensor>>& parameters) {
  const ParameterTable p(config, parameters);
  Gpt2Weights w;
  w.wte = p("wte.weight");
  w.wpe = p("wpe.weight");
  for (int64_t l = 0; l < config.nLayer; ++l) w.blocks.push_back(blockWeights(p, l));
  w.lnFWeight = p("ln_f.weight");
  w.lnFBias = p("ln_f.bias");
  return w;
}

std::unique_ptr<Gpt2Model> makeUntrainedGpt2(const Gpt2Config& config, uint64_t seed, const ModelOptions& options,
                                             InitDraws draws) {
  Gpt2Config marked = config;
  marked.syntheticWeights = true;  // views and results must not present it as a trained model
  if (draws == InitDraws::TorchSerial) {
    Gpt2Weights weights = gpt2WeightsFromParameters(config, hfInitialParameters(config, seed, draws));
    return std::make_unique<Gpt2Model>(std::move(marked), std::move(weights), options);
  }
  // Embeddings and ln_f now; each block drawn just before it runs (one block in memory, not
  // a second model: fresh memory is what costs most here, seconds per GB on a VM).
  const ParameterTable outside(config, hfInitialParametersWhere(config, seed, [](const std::string& n) { return !inBlock(n); }));
  Gpt2Weights w;
  w.wte = outside("wte.weight");
  w.wpe = outside("wpe.weight");
  w.lnFWeight = outside("ln_f.weight");
  w.lnFBias = outside("ln_f.bias");
  w.blockSource = [config, seed](int layer) {
    const std::string h = "h." + std::to_string(layer) + ".";
    const ParameterTable block(
        config, hfInitialParametersWhere(config, seed, [&](const std::string& n) { return n.rfind(h, 0) == 0; }));
    return blockWeights(block, layer);
  };
  return std::make_unique<Gpt2Model>(std::move(marked), std::move(w), options);
}

}  // namespace laminar
