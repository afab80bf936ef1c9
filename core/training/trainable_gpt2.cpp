#include "training/trainable_gpt2.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "checkpoint/checkpoint.h"
#include "training/hf_initialisation.h"
#include "util/error.h"

namespace laminar {
namespace {

// gelu_new as Hugging Face writes it out (same expression as core/model).
torch::Tensor geluNew(const torch::Tensor& x) {
  static const double kSqrt2OverPi = std::sqrt(2.0 / M_PI);
  return 0.5 * x * (1.0 + torch::tanh(kSqrt2OverPi * (x + 0.044715 * torch::pow(x, 3.0))));
}

// Parameter slots of one block, in gpt2TensorShapes order.
enum Slot { kLn1W, kLn1B, kAttnW, kAttnB, kAttnProjW, kAttnProjB, kLn2W, kLn2B, kFcW, kFcB, kMlpProjW, kMlpProjB, kSlots };

}  // namespace

TrainableGpt2::TrainableGpt2(const Gpt2Config& config, uint64_t seed) : config_(config) {
  if (config_.activationFunction != "gelu_new")
    throw Error("training supports activation_function gelu_new only, not '" + config_.activationFunction + "'");
  params_ = hfInitialParameters(config_, seed);
  for (auto& p : params_) p.second.set_requires_grad(true);
  for (auto& p : params_) byIndex_.push_back(&p.second);
}

std::vector<torch::Tensor> TrainableGpt2::parameters() const {
  std::vector<torch::Tensor> out;
  for (const auto& p : params_) out.push_back(p.second);
  return out;
}

torch::Tensor& TrainableGpt2::parameter(const std::string& name) {
  for (auto& p : params_)
    if (p.first == name) return p.second;
  throw Error("no parameter '" + name + "' in GPT-2 with n_layer=" + std::to_string(config_.nLayer));
}

void TrainableGpt2::to(torch::Device device) {
  torch::NoGradGuard noGrad;
  for (auto& p : params_) p.second = p.second.to(device).detach().set_requires_grad(true);
}

torch::Tensor TrainableGpt2::finalHidden(const torch::Tensor& ids) const {
  const int64_t B = ids.size(0), T = ids.size(1), d = config_.nEmbd, nHead = config_.nHead,
                headDim = config_.headDim();
  if (T > config_.nPositions)
    throw Error("training sequence of " + std::to_string(T) + " tokens exceeds n_positions = " +
                std::to_string(config_.nPositions));
  const torch::Tensor& wte = *byIndex_[0];
  const torch::Tensor& wpe = *byIndex_[1];
  auto positions = torch::arange(T, ids.options()).repeat({B});
  // Packed rows [B*T, d], as Gpt2Model::run keeps them.
  torch::Tensor x = wte.index_select(0, ids.reshape({-1})) + wpe.index_select(0, positions);
  const double scale = 1.0 / std::sqrt(static_cast<double>(headDim));
  const double lowest = static_cast<double>(std::numeric_limits<float>::lowest());
  torch::Tensor causalBlocked =
      torch::ones({T, T}, torch::TensorOptions().dtype(torch::kBool).device(ids.device())).tril().logical_not();
  for (int64_t l = 0; l < config_.nLayer; ++l) {
    auto w = [&](Slot s) -> const torch::Tensor& { return *byIndex_[2 + l * kSlots + s]; };
    torch::Tensor ln1 = torch::layer_norm(x, {d}, w(kLn1W), w(kLn1B), config_.layerNormEpsilon);
    torch::Tensor qkv = torch::addmm(w(kAttnB), ln1, w(kAttnW));
    auto heads = qkv.view({B, T, 3, nHead, headDim}).permute({2, 0, 3, 1, 4});  // [3,B,H,T,hd]
    torch::Tensor q = heads[0], k = heads[1], v = heads[2];
    torch::Tensor scores = torch::matmul(q, k.transpose(-1, -2)) * scale;
    torch::Tensor probs = torch::softmax(scores.masked_fill(causalBlocked, lowest), -1);
    torch::Tensor z = torch::matmul(probs, v).permute({0, 2, 1, 3}).reshape({B * T, d});
    torch::Tensor mid = x + torch::addmm(w(kAttnProjB), z, w(kAttnProjW));
    torch::Tensor ln2 = torch::layer_norm(mid, {d}, w(kLn2W), w(kLn2B), config_.layerNormEpsilon);
    torch::Tensor post = geluNew(torch::addmm(w(kFcB), ln2, w(kFcW)));
    x = mid + torch::addmm(w(kMlpProjB), post, w(kMlpProjW));
  }
  const size_t lnF = 2 + static_cast<size_t>(config_.nLayer) * kSlots;
  return torch::layer_norm(x, {d}, *byIndex_[lnF], *byIndex_[lnF + 1], config_.layerNormEpsilon);
}

torch::Tensor TrainableGpt2::forward(const torch::Tensor& ids) const {
  return torch::matmul(finalHidden(ids), byIndex_[0]->t()).view({ids.size(0), ids.size(1), config_.vocabSize});
}

torch::Tensor TrainableGpt2::loss(const torch::Tensor& ids, const torch::Tensor& targets) const {
  // The vocabulary-wide logits in slices of rows: each slice stays below glibc's mmap
  // threshold (32 MB), so its memory is reused from step to step instead of being mapped
  // and zeroed by the kernel every time (that cost 40% of the run time).
  constexpr int64_t kRowsPerSlice = 64;
  const torch::Tensor h = finalHidden(ids);
  const torch::Tensor t = targets.reshape({-1});
  const torch::Tensor& wte = *byIndex_[0];
  torch::Tensor total = torch::zeros({}, h.options());
  for (int64_t r = 0; r < h.size(0); r += kRowsPerSlice) {
    const int64_t n = std::min(kRowsPerSlice, h.size(0) - r);
    torch::Tensor logits = torch::matmul(h.narrow(0, r, n), wte.t());
    total = total + torch::cross_entropy_loss(logits, t.narrow(0, r, n), {}, at::Reduction::Sum);
  }
  return total / static_cast<double>(t.numel());
}

}  // namespace laminar
