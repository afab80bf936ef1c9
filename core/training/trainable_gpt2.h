#pragma once
// GPT-2 with trainable parameters (autograd), the same architecture and parameter names as
// the inference model in core/model and Hugging Face's GPT2LMHeadModel: pre-LN blocks,
// Conv1D weights stored [in, out], gelu_new, LM head tied to wte.
#include "util/torch_api.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "checkpoint/gpt2_config.h"

namespace laminar {

class TrainableGpt2 {
 public:
  // Hugging Face's initialisation (GPT2PreTrainedModel._init_weights), seeded: matrices and
  // embeddings ~ N(0, 0.02), the two residual projections (attn.c_proj, mlp.c_proj) ~
  // N(0, 0.02 / sqrt(2 n_layer)), biases 0, layer-norm gains 1.
  TrainableGpt2(const Gpt2Config& config, uint64_t seed);

  const Gpt2Config& config() const { return config_; }
  // (canonical name, tensor) in gpt2TensorShapes order; the tensors require grad.
  const std::vector<std::pair<std::string, torch::Tensor>>& namedParameters() const { return params_; }
  std::vector<torch::Tensor> parameters() const;
  torch::Tensor& parameter(const std::string& name);
  void to(torch::Device device);  // moves the parameters (still leaves that require grad)

  // ids [B, T] (int64) -> logits [B, T, vocab]. The ops are those of Gpt2Model::run (addmm
  // on the packed rows, masked softmax attention), so both give the same numbers.
  torch::Tensor forward(const torch::Tensor& ids) const;
  // ids [B, T] -> the final layer norm's output [B*T, d] (the LM head's input).
  torch::Tensor finalHidden(const torch::Tensor& ids) const;
  // Mean next-token cross-entropy (nats) of targets [B, T] given ids [B, T].
  torch::Tensor loss(const torch::Tensor& ids, const torch::Tensor& targets) const;

 private:
  Gpt2Config config_;
  std::vector<std::pair<std::string, torch::Tensor>> params_;
  std::vector<torch::Tensor*> byIndex_;  // fast access in forward(), same order as params_
};

}  // namespace laminar
