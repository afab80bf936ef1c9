#include "model/gpt2_model.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <set>
#include <thread>

#include "model/hook_points.h"
#include "util/error.h"

namespace laminar {
namespace {

using Clock = std::chrono::steady_clock;

torch::ScalarType parseComputeDType(const std::string& name) {
  if (name == "float32" || name == "fp32") return torch::kFloat32;
  if (name == "float16" || name == "fp16") return torch::kFloat16;
  if (name == "bfloat16" || name == "bf16") return torch::kBFloat16;
  throw Error("unknown dtype '" + name + "' (expected float32, float16 or bfloat16)");
}

torch::Device parseDevice(const std::string& name) {
  if (name == "cpu") return torch::Device(torch::kCPU);
  if (name.rfind("cuda", 0) == 0) {
    if (!torch::cuda::is_available())
      throw Error("device '" + name + "' requested, but this libtorch has no usable CUDA device");
    try {
      torch::Device d(name);
      if (d.has_index() && d.index() >= static_cast<int>(torch::cuda::device_count()))
        throw Error("device '" + name + "' does not exist (" + std::to_string(torch::cuda::device_count()) +
                    " CUDA devices)");
      return d;
    } catch (const c10::Error&) {
      throw Error("cannot parse device '" + name + "' (expected cpu, cuda or cuda:N)");
    }
  }
  throw Error("unknown device '" + name + "' (expected cpu, cuda or cuda:N)");
}

torch::Tensor moveTo(const torch::Tensor& t, torch::Device device, torch::ScalarType dtype) {
  if (t.device() == device && t.scalar_type() == dtype) return t;
  return t.to(device, dtype).contiguous();
}

// gelu_new written out, as Hugging Face does (the built-in tanh gelu is not bit-identical).
torch::Tensor geluNew(const torch::Tensor& x) {
  static const double kSqrt2OverPi = std::sqrt(2.0 / M_PI);
  return 0.5 * x * (1.0 + torch::tanh(kSqrt2OverPi * (x + 0.044715 * torch::pow(x, 3.0))));
}

torch::Tensor activation(const std::string& name, const torch::Tensor& x) {
  if (name == "gelu_new") return geluNew(x);
  if (name == "gelu_pytorch_tanh") return torch::gelu(x, "tanh");
  if (name == "gelu") return torch::gelu(x);
  if (name == "relu") return torch::relu(x);
  throw Error("activation_function '" + name + "' is not supported");
}

// A row's bits from BLAS depend on where it sits in the GEMM: OpenBLAS (Haswell kernels)
// gives a row the same bits only when its index agrees mod 12 and the row count is a
// multiple of 48 (rows of a last partial 48-block go through other kernels, another
// summation order). GEMM row counts and the attention length are therefore padded to
// multiples of 48 with zero rows: a sequence run alone then has the same bits whether or not
// the tokens after its last requested position run (tests/model/test_truncation.cpp). In a
// batch the sequences' offsets move when earlier ones are shortened, so there the shortcut
// agrees to float32 rounding (as padding and chunking always have), not bit for bit.
constexpr int64_t kRowBlock = 48;
int64_t roundUpToBlock(int64_t n) { return (n + kRowBlock - 1) / kRowBlock * kRowBlock; }

// x [n, in] @ W [in, out] + b: Hugging Face's Conv1D.
torch::Tensor conv1d(const torch::Tensor& x, const torch::Tensor& w, const torch::Tensor& b) {
  const int64_t rows = x.size(0), padded = roundUpToBlock(rows);
  if (padded == rows) return torch::addmm(b, x, w);
  torch::Tensor xp = torch::cat({x, torch::zeros({padded - rows, x.size(1)}, x.options())});
  return torch::addmm(b, xp, w).narrow(0, 0, rows);
}

// One group of sequences processed together. Position-wise work (GEMMs, layer norms) runs
// on the packed tokens with no padding; only attention sees a right-padded [B, T] layout.
struct Chunk {
  std::vector<int> sequences;      // indices into the caller's sequence list
  std::vector<int64_t> lengths;    // per sequence in this chunk
  std::vector<int64_t> offsets;    // start of each sequence in the packed rows
  int64_t tokens = 0;
  int64_t maxLen = 0;
  torch::Tensor toPadded;          // [B*T] packed row for each padded slot (tokens = zero row)
  torch::Tensor toPacked;          // [tokens] padded slot of each packed row
  torch::Tensor hidden;            // [tokens, d] residual stream
};

// Which hook suffixes are wanted at each layer (and globally).
struct HookPlan {
  std::vector<std::set<std::string>> perLayer;
  std::set<std::string> global;
  bool wants(int layer, const std::string& suffix) const { return perLayer[layer].count(suffix) > 0; }
};

}  // namespace

bool cudaAvailable() { return torch::cuda::is_available(); }

int defaultThreadCount() { return std::max(1u, std::thread::hardware_concurrency()); }

std::string torchVersion() {
#ifdef TORCH_VERSION
  return TORCH_VERSION;
#else
  return std::to_string(TORCH_VERSION_MAJOR) + "." + std::to_string(TORCH_VERSION_MINOR) + "." +
         std::to_string(TORCH_VERSION_PATCH);
#endif
}

std::unique_ptr<Gpt2Model> Gpt2Model::load(const std::filesystem::path& dir, const ModelOptions& options) {
  auto start = Clock::now();
  CheckpointFiles files = locateCheckpoint(dir);
  Gpt2Config config = Gpt2Config::fromFile(files.config);
  Gpt2Weights weights = loadGpt2Weights(files, config);
  auto model = std::make_unique<Gpt2Model>(std::move(config), std::move(weights), options);
  model->files_ = std::move(files);
  model->loadTimings_.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return model;
}

Gpt2Model::Gpt2Model(Gpt2Config config, Gpt2Weights weights, const ModelOptions& options)
    : config_(std::move(config)),
      weights_(std::move(weights)),
      options_(options),
      device_(parseDevice(options.device)),
      dtype_(parseComputeDType(options.dtype)) {
  if (device_.is_cpu() && dtype_ != torch::kFloat32)
    throw Error("dtype " + options.dtype + " is only supported on CUDA; use float32 on the CPU");
  // libtorch's own default can be a single thread (e.g. its OpenMP build here): 0 means
  // every core the machine reports.
  threads_ = options.threads > 0 ? options.threads : defaultThreadCount();
  if (torch::get_num_threads() != threads_) torch::set_num_threads(threads_);
  torch::InferenceMode guard;
  auto mv = [&](torch::Tensor& t) { t = moveTo(t, device_, dtype_); };
  mv(weights_.wte);
  mv(weights_.wpe);
  mv(weights_.lnFWeight);
  mv(weights_.lnFBias);
  for (auto& b : weights_.blocks) {
    for (torch::Tensor* t : {&b.ln1Weight, &b.ln1Bias, &b.attnWeight, &b.attnBias, &b.attnProjWeight,
                             &b.attnProjBias, &b.ln2Weight, &b.ln2Bias, &b.fcWeight, &b.fcBias,
                             &b.mlpProjWeight, &b.mlpProjBias})
      mv(*t);
  }
  // The mappings are only needed while some tensor still aliases them (CPU float32).
  if (!(device_.is_cpu() && dtype_ == torch::kFloat32)) weights_.files.clear();
}

size_t Gpt2Model::weightBytes() const {
  size_t total = 0;
  auto add = [&](const torch::Tensor& t) {
    if (t.defined()) total += static_cast<size_t>(t.numel()) * t.element_size();
  };
  add(weights_.wte);
  add(weights_.wpe);
  add(weights_.lnFWeight);
  add(weights_.lnFBias);
  for (const auto& b : weights_.blocks)
    for (const torch::Tensor* t : {&b.ln1Weight, &b.ln1Bias, &b.attnWeight, &b.attnBias, &b.attnProjWeight,
                                   &b.attnProjBias, &b.ln2Weight, &b.ln2Bias, &b.fcWeight, &b.fcBias,
                                   &b.mlpProjWeight, &b.mlpProjBias})
      add(*t);
  return total;
}

Captures Gpt2Model::run(const std::vector<std::vector<int64_t>>& ids, const CaptureSpec& spec,
                        const BlockCallback& onBlock, const std::atomic<bool>* cancel) const {
  const int nLayer = static_cast<int>(config_.nLayer);
  const int64_t d = config_.nEmbd, nHead = config_.nHead, headDim = config_.headDim();
  const int nSeq = static_cast<int>(ids.size());

  // --- validate input -------------------------------------------------------------------
  for (int s = 0; s < nSeq; ++s) {
    const auto& seq = ids[s];
    if (seq.empty()) throw Error("sequence " + std::to_string(s) + " is empty");
    if (static_cast<int64_t>(seq.size()) > config_.nPositions)
      throw Error("sequence " + std::to_string(s) + " has " + std::to_string(seq.size()) +
                  " tokens; the model accepts at most n_positions = " + std::to_string(config_.nPositions));
    for (size_t t = 0; t < seq.size(); ++t)
      if (seq[t] < 0 || seq[t] >= config_.vocabSize)
        throw Error("sequence " + std::to_string(s) + ", position " + std::to_string(t) + ": token id " +
                    std::to_string(seq[t]) + " is outside the vocabulary (0.." +
                    std::to_string(config_.vocabSize - 1) + ")");
  }
  if (!spec.positions.empty() && static_cast<int>(spec.positions.size()) != nSeq)
    throw Error("capture positions given for " + std::to_string(spec.positions.size()) + " sequences, but " +
                std::to_string(nSeq) + " sequences were passed");
  std::vector<torch::Tensor> rowIndex(nSeq);  // per sequence: positions to keep (undefined = all)
  for (int s = 0; s < nSeq; ++s) {
    if (spec.positions.empty() || spec.positions[s].empty()) continue;
    for (int64_t p : spec.positions[s])
      if (p < 0 || p >= static_cast<int64_t>(ids[s].size()))
        throw Error("capture position " + std::to_string(p) + " is outside sequence " + std::to_string(s) +
                    " (length " + std::to_string(ids[s].size()) + ")");
    rowIndex[s] = torch::tensor(spec.positions[s], torch::kLong).to(device_);
  }
  // Tokens each sequence runs: up to its last requested position when positions are given.
  std::vector<int64_t> runLength(nSeq);
  for (int s = 0; s < nSeq; ++s) {
    runLength[s] = static_cast<int64_t>(ids[s].size());
    if (spec.skipTokensAfterLastPosition && rowIndex[s].defined())
      runLength[s] = *std::max_element(spec.positions[s].begin(), spec.positions[s].end()) + 1;
  }
  HookPlan plan;
  plan.perLayer.resize(nLayer);
  for (const auto& name : spec.hooks) {
    auto parsed = parseHookPoint(name, nLayer);
    if (!parsed)
      throw Error("unknown hook point '" + name + "' for a model with " + std::to_string(nLayer) +
                  " blocks (e.g. blocks.0.attn.hook_q, blocks.0.hook_mlp_out, hook_embed, logits)");
    if (parsed->layer < 0)
      plan.global.insert(parsed->suffix);
    else
      plan.perLayer[parsed->layer].insert(parsed->suffix);
  }

  torch::InferenceMode guard;
  // OpenMP thread counts are per calling thread: a model loaded on one thread and run on
  // another keeps its count.
  if (torch::get_num_threads() != threads_) torch::set_num_threads(threads_);
  auto checkCancel = [&] {
    if (cancel && cancel->load(std::memory_order_relaxed)) throw Cancelled();
  };

  // --- chunking: consecutive sequences, at most maxBatchTokens padded slots each -----------
  std::vector<Chunk> chunks;
  const int64_t budget = std::max<int64_t>(1, options_.maxBatchTokens);
  for (int s = 0; s < nSeq; ++s) {
    int64_t len = runLength[s];
    bool fits = !chunks.empty() &&
                static_cast<int64_t>(chunks.back().sequences.size() + 1) * std::max(chunks.back().maxLen, len) <= budget;
    if (!fits) chunks.emplace_back();
    Chunk& c = chunks.back();
    c.sequences.push_back(s);
    c.lengths.push_back(len);
    c.offsets.push_back(c.tokens);
    c.tokens += len;
    c.maxLen = std::max(c.maxLen, len);
  }
  for (auto& c : chunks) c.maxLen = roundUpToBlock(c.maxLen);  // whole row blocks in attention (see conv1d)

  Captures all;
  auto keep = [&](Captures& block, const std::string& name, int seq, torch::Tensor rows) {
    if (spec.toCpu) rows = rows.to(torch::kCPU, torch::kFloat32);
    auto& slot = block[name];
    if (slot.empty()) slot.resize(nSeq);
    slot[seq] = rows.contiguous();
  };
  // Captures the requested rows of a packed [tokens, w] tensor, per sequence.
  auto capturePacked = [&](Captures& block, const std::string& name, const Chunk& c, const torch::Tensor& packed) {
    for (size_t i = 0; i < c.sequences.size(); ++i) {
      int s = c.sequences[i];
      torch::Tensor rows = packed.narrow(0, c.offsets[i], c.lengths[i]);
      if (rowIndex[s].defined()) rows = rows.index_select(0, rowIndex[s]);
      keep(block, name, s, rows);
    }
  };
  auto publish = [&](int layer, Captures& block) {
    if (onBlock) onBlock(layer, block);
    for (auto& [name, tensors] : block) all[name] = std::move(tensors);
  };

  // --- embeddings --------------------------------------------------------------------------
  Captures embedCaptures;
  {
    Captures block;
    for (auto& c : chunks) {
      std::vector<int64_t> flatIds, flatPos, toPadded(c.sequences.size() * c.maxLen, c.tokens), toPacked;
      for (size_t i = 0; i < c.sequences.size(); ++i) {
        const auto& seq = ids[c.sequences[i]];
        for (int64_t t = 0; t < c.lengths[i]; ++t) {
          flatIds.push_back(seq[t]);
          flatPos.push_back(t);
          toPadded[i * c.maxLen + t] = c.offsets[i] + t;
          toPacked.push_back(static_cast<int64_t>(i) * c.maxLen + t);
        }
      }
      c.toPadded = torch::tensor(toPadded, torch::kLong).to(device_);
      c.toPacked = torch::tensor(toPacked, torch::kLong).to(device_);
      torch::Tensor tokenEmb = weights_.wte.index_select(0, torch::tensor(flatIds, torch::kLong).to(device_));
      torch::Tensor posEmb = weights_.wpe.index_select(0, torch::tensor(flatPos, torch::kLong).to(device_));
      c.hidden = tokenEmb + posEmb;
      if (plan.global.count("hook_embed")) capturePacked(block, "hook_embed", c, tokenEmb);
      if (plan.global.count("hook_pos_embed")) capturePacked(block, "hook_pos_embed", c, posEmb);
    }
    embedCaptures = std::move(block);  // they travel with block 0's callback
  }

  const double scale = 1.0 / std::sqrt(static_cast<double>(headDim));
  const double lowest = dtype_ == torch::kFloat16    ? -65504.0
                        : dtype_ == torch::kBFloat16 ? -3.3895313892515355e38
                                                     : static_cast<double>(std::numeric_limits<float>::lowest());

  for (int l = 0; l < nLayer; ++l) {
    checkCancel();
    const Gpt2BlockWeights& w = weights_.blocks[l];
    Captures block;
    if (l == 0) block = std::move(embedCaptures);
    auto want = [&](const char* suffix) { return plan.wants(l, suffix); };
    auto name = [&](const char* suffix) { return blockHook(l, suffix); };

    for (auto& c : chunks) {
      checkCancel();
      torch::Tensor x = c.hidden;
      if (want("hook_resid_pre")) capturePacked(block, name("hook_resid_pre"), c, x);
      torch::Tensor ln1 = torch::layer_norm(x, {d}, w.ln1Weight, w.ln1Bias, config_.layerNormEpsilon);
      if (want("ln1.hook_normalized")) capturePacked(block, name("ln1.hook_normalized"), c, ln1);
      torch::Tensor qkv = conv1d(ln1, w.attnWeight, w.attnBias);
      auto parts = qkv.split(d, 1);
      if (want("attn.hook_q")) capturePacked(block, name("attn.hook_q"), c, parts[0]);
      if (want("attn.hook_k")) capturePacked(block, name("attn.hook_k"), c, parts[1]);
      if (want("attn.hook_v")) capturePacked(block, name("attn.hook_v"), c, parts[2]);

      // Attention on the right-padded layout. With right padding every real query only sees
      // real keys through the causal mask, so padding never changes a real position.
      const int64_t B = static_cast<int64_t>(c.sequences.size()), T = c.maxLen;
      torch::Tensor qkvPadded =
          torch::cat({qkv, torch::zeros({1, 3 * d}, qkv.options())}).index_select(0, c.toPadded);
      auto heads = qkvPadded.view({B, T, 3, nHead, headDim}).permute({2, 0, 3, 1, 4});  // [3,B,H,T,hd]
      torch::Tensor q = heads[0], k = heads[1], v = heads[2];
      torch::Tensor scores = torch::matmul(q, k.transpose(-1, -2)) * scale;  // [B,H,T,T]
      torch::Tensor causal = torch::ones({T, T}, torch::TensorOptions().dtype(torch::kBool).device(device_)).tril();
      scores = scores.masked_fill(causal.logical_not(), lowest);
      torch::Tensor probs = torch::softmax(scores, -1);
      if (want("attn.hook_pattern")) {
        for (int64_t i = 0; i < B; ++i) {
          int s = c.sequences[i];
          int64_t len = c.lengths[i];
          torch::Tensor p = probs[i].narrow(1, 0, len).narrow(2, 0, len);  // [H, len, len]
          if (rowIndex[s].defined()) p = p.index_select(1, rowIndex[s]);
          const int64_t fullLen = static_cast<int64_t>(ids[s].size());
          if (fullLen > len) p = torch::constant_pad_nd(p, {0, fullLen - len});  // keys never run
          keep(block, name("attn.hook_pattern"), s, p);
        }
      }
      torch::Tensor z = torch::matmul(probs, v).permute({0, 2, 1, 3}).reshape({B * T, d});
      z = z.index_select(0, c.toPacked);  // back to packed rows
      torch::Tensor attnOut = conv1d(z, w.attnProjWeight, w.attnProjBias);
      if (want("hook_attn_out")) capturePacked(block, name("hook_attn_out"), c, attnOut);
      torch::Tensor mid = x + attnOut;
      if (want("hook_resid_mid")) capturePacked(block, name("hook_resid_mid"), c, mid);
      torch::Tensor ln2 = torch::layer_norm(mid, {d}, w.ln2Weight, w.ln2Bias, config_.layerNormEpsilon);
      if (want("ln2.hook_normalized")) capturePacked(block, name("ln2.hook_normalized"), c, ln2);
      torch::Tensor pre = conv1d(ln2, w.fcWeight, w.fcBias);
      if (want("mlp.hook_pre")) capturePacked(block, name("mlp.hook_pre"), c, pre);
      torch::Tensor post = activation(config_.activationFunction, pre);
      if (want("mlp.hook_post")) capturePacked(block, name("mlp.hook_post"), c, post);
      torch::Tensor mlpOut = conv1d(post, w.mlpProjWeight, w.mlpProjBias);
      if (want("hook_mlp_out")) capturePacked(block, name("hook_mlp_out"), c, mlpOut);
      c.hidden = mid + mlpOut;
      if (want("hook_resid_post")) capturePacked(block, name("hook_resid_post"), c, c.hidden);
    }
    publish(l, block);
  }

  if (plan.global.count("ln_final.hook_normalized") || plan.global.count("logits")) {
    checkCancel();
    Captures block;
    for (auto& c : chunks) {
      torch::Tensor lnF = torch::layer_norm(c.hidden, {d}, weights_.lnFWeight, weights_.lnFBias,
                                            config_.layerNormEpsilon);
      if (plan.global.count("ln_final.hook_normalized")) capturePacked(block, "ln_final.hook_normalized", c, lnF);
      if (plan.global.count("logits")) {
        // The tied LM head only on the requested rows: full logits are vocab-wide.
        for (size_t i = 0; i < c.sequences.size(); ++i) {
          int s = c.sequences[i];
          torch::Tensor rows = lnF.narrow(0, c.offsets[i], c.lengths[i]);
          if (rowIndex[s].defined()) rows = rows.index_select(0, rowIndex[s]);
          keep(block, "logits", s, torch::matmul(rows, weights_.wte.t()));
        }
      }
    }
    publish(nLayer, block);
  }
  return all;
}

torch::Tensor Gpt2Model::unembedResidual(const torch::Tensor& residual) const {
  torch::NoGradGuard noGrad;
  const int64_t d = config_.nEmbd;
  torch::Tensor x = residual.to(device_, dtype_);
  torch::Tensor lnF = torch::layer_norm(x, {d}, weights_.lnFWeight, weights_.lnFBias, config_.layerNormEpsilon);
  return torch::matmul(lnF, weights_.wte.t());  // [rows, d] x [d, vocab]
}

}  // namespace laminar
