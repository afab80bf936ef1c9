#pragma once
// GPT-2 forward pass in libtorch, numerically matching Hugging Face transformers
// (GPT2Model, fp32), with selective capture at TransformerLens hook points.
#include "util/torch_api.h"

#include <atomic>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "checkpoint/checkpoint.h"
#include "checkpoint/gpt2_config.h"
#include "model/captures.h"
#include "model/model_options.h"

namespace laminar {

// Fired after each block with that block's captures (block 0 also carries hook_embed /
// hook_pos_embed); after the last block a final call with layer == nLayer carries
// ln_final / logits if requested.
using BlockCallback = std::function<void(int layer, const Captures& blockCaptures)>;

struct LoadTimings {
  double seconds = 0;  // from load() call to a usable model
};

class Gpt2Model {
 public:
  // Loads config.json and weights from a Hugging Face layout directory.
  static std::unique_ptr<Gpt2Model> load(const std::filesystem::path& dir, const ModelOptions& options = {});
  Gpt2Model(Gpt2Config config, Gpt2Weights weights, const ModelOptions& options);

  const Gpt2Config& config() const { return config_; }
  const ModelOptions& options() const { return options_; }
  torch::Device device() const { return device_; }
  const CheckpointFiles& files() const { return files_; }
  const LoadTimings& loadTimings() const { return loadTimings_; }
  size_t weightBytes() const;  // bytes of parameters as held on the device (blocks made on demand: none)
  int threads() const { return threads_; }  // CPU intra-op threads run() uses

  // Runs every sequence through the model, layer by layer across all sequences (so the
  // callback sees block l for every sequence before block l+1 runs). Sequences of
  // different lengths are right-padded and masked: results equal one-at-a-time runs.
  // With `onBlock`, each block's captures go to it and are not kept: run() then returns none.
  // `cancel` is checked between blocks; when set, throws laminar::Cancelled.
  // Throws laminar::Error for token ids outside the vocabulary or sequences too long.
  Captures run(const std::vector<std::vector<int64_t>>& ids, const CaptureSpec& spec,
               const BlockCallback& onBlock = {}, const std::atomic<bool>* cancel = nullptr) const;

  // The logit lens: residual-stream rows [..., d] (e.g. blocks.{l}.hook_resid_post, any device
  // or float dtype) through ln_f and the tied unembedding -> [..., vocab] on the model's device
  // in its compute dtype. The same code as run()'s logits: the last block's resid_post rows
  // give run()'s "logits" rows. Throws laminar::Error if the width is not n_embd.
  torch::Tensor logitLens(const torch::Tensor& residual) const;

 private:
  // Block l's weights on the device: held, or made now by weights_.blockSource.
  Gpt2BlockWeights blockWeights(int layer) const;

  Gpt2Config config_;
  Gpt2Weights weights_;  // on device_, in the compute dtype
  ModelOptions options_;
  torch::Device device_;
  torch::ScalarType dtype_;
  CheckpointFiles files_;
  LoadTimings loadTimings_;
  int threads_ = 1;
};

}  // namespace laminar
