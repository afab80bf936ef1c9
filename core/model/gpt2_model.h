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

namespace laminar {

struct ModelOptions {
  std::string device = "cpu";    // "cpu", "cuda", "cuda:1"
  std::string dtype = "float32"; // "float32"; "float16"/"bfloat16" on CUDA only
  int threads = 0;               // CPU intra-op threads; 0 = defaultThreadCount()
  int64_t maxBatchTokens = 8192; // sequences are padded into batches of at most this many slots
};

// What to capture. Only the requested rows leave the device (or the compute graph).
struct CaptureSpec {
  std::vector<std::string> hooks;  // concrete hook names, e.g. "blocks.3.attn.hook_q"
  // positions[i] = token positions of sequence i to keep (empty = all). Empty outer vector
  // = all positions of every sequence.
  std::vector<std::vector<int64_t>> positions;
  bool toCpu = true;  // false: captured tensors stay on the model's device (for analyses)
  // GPT-2 is causal: nothing after a sequence's last requested position can change a
  // requested value, so those tokens are not run at all (hook_pattern rows are padded back
  // to the full key length with the exact zeros the causal mask gives). false runs every
  // token. A sequence run alone gets the same bits either way; in a batch the values agree
  // to float32 rounding (BLAS rounds a row by its place in the batch: gpt2_model.cpp).
  bool skipTokensAfterLastPosition = true;
};

// hook name -> one tensor per sequence: [npos, width], or [H, npos, T] for hook_pattern.
using Captures = std::map<std::string, std::vector<torch::Tensor>>;

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

// The CPU threads a model uses when ModelOptions::threads is 0: the machine's cores.
int defaultThreadCount();

// Availability of the optional device paths, for --version and the device menu.
bool cudaAvailable();
std::string torchVersion();

}  // namespace laminar
