#include "model/gpt2_model.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <set>

#include "model/causal_attention.h"
#include "model/conv1d.h"
#include "model/hook_points.h"
#include "model/torch_runtime.h"
#include "util/allocator_tuning.h"
#include "util/error.h"

namespace laminar {
namespace {

using Clock = std::chrono::steady_clock;

torch::ScalarType parseComputeDType(const std::string& name) {
  if (name == "float32" || name == "fp32") return torch::kFloat32;
  if (name == "float16" || name == "fp16") return torch::kFloat16;
  if (name == "bfloat16" || name == "bf16") return torch::kBFloat16;
  throw Error(Message(msg::kDeviceUnknownDtype, {{"name", name}},
                      "unknown dtype '" + name + "' (expected float32, float16 or bfloat16)"));
}

torch::Device parseDevice(const std::string& name) {
  if (name == "cpu") return torch::Device(torch::kCPU);
  if (name.rfind("cuda", 0) == 0) {
    if (!torch::cuda::is_available())
      throw Error(Message(msg::kDeviceNoCuda, {{"name", name}},
                          "device '" + name + "' requested, but this libtorch has no usable CUDA device"));
    try {
      torch::Device d(name);
      if (d.has_index() && d.index() >= static_cast<int>(torch::cuda::device_count()))
        throw Error(Message(msg::kDeviceNoSuchDevice, {{"name", name}, {"count", std::to_string(torch::cuda::device_count())}},
                            "device '" + name + "' does not exist (" + std::to_string(torch::cuda::device_count()) +
                                " CUDA devices)"));
      return d;
    } catch (const c10::Error&) {
      throw Error(Message(msg::kDeviceCannotParse, {{"name", name}},
                          "cannot parse device '" + name + "' (expected cpu, cuda or cuda:N)"));
    }
  }
  throw Error(Message(msg::kDeviceUnknown, {{"name", name}}, "unknown device '" + name + "' (expected cpu, cuda or cuda:N)"));
}

torch::Tensor moveTo(const torch::Tensor& t, torch::Device device, torch::ScalarType dtype) {
  if (t.device() == device && t.scalar_type() == dtype) return t;
  return t.to(device, dtype).contiguous();
}

Gpt2BlockWeights moveBlock(Gpt2BlockWeights b, torch::Device device, torch::ScalarType dtype) {
  for (torch::Tensor* t : {&b.ln1Weight, &b.ln1Bias, &b.attnWeight, &b.attnBias, &b.attnProjWeight, &b.attnProjBias,
                           &b.ln2Weight, &b.ln2Bias, &b.fcWeight, &b.fcBias, &b.mlpProjWeight, &b.mlpProjBias})
    *t = moveTo(*t, device, dtype);
  return b;
}

// gelu_new written out, as Hugging Face does (the built-in tanh gelu is not bit-identical):
// 0.5 * x * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x^3))), each operation in the same order
// and precision, but in place: two fresh [tokens, 4d] tensors instead of eight.
torch::Tensor geluNew(const torch::Tensor& x) {
  static const double kSqrt2OverPi = std::sqrt(2.0 / M_PI);
  torch::Tensor t = torch::pow(x, 3.0);
  t.mul_(0.044715).add_(x).mul_(kSqrt2OverPi).tanh_().add_(1.0);
  return t.mul_(x.mul(0.5));
}

torch::Tensor activation(const std::string& name, const torch::Tensor& x) {
  if (name == "gelu_new") return geluNew(x);
  if (name == "gelu_pytorch_tanh") return torch::gelu(x, "tanh");
  if (name == "gelu") return torch::gelu(x);
  if (name == "relu") return torch::relu(x);
  throw Error(Message(msg::kModelUnsupportedActivation, {{"name", name}}, "activation_function '" + name + "' is not supported"));
}

// A row's bits from a BLAS GEMM depend on where it sits in it (model/conv1d.h): GEMMs run on
// whole blocks of kRowBlock rows and the attention length is padded to whole blocks, so a
// sequence run alone has the same bits whether or not the tokens after its last requested
// position run (tests/model/test_truncation.cpp). In a batch the sequences' offsets move when
// earlier ones are shortened, so on libtorch's BLAS or its batched attention the shortcut agrees
// to float32 rounding there (as padding and chunking always have). On the CPU's default path it
// is bit for bit in batches too: oneDNN gives a row the same bits wherever it sits
// (Conv1d.ARowsBitsDoNotDependOnItsPlaceAmongTheRows) and the attention loops compute a query
// from its own sequence alone.

// One group of sequences processed together. Position-wise work (GEMMs, layer norms) runs
// on the packed tokens with no padding; only attention sees a right-padded [B, T] layout.
struct Chunk {
  std::vector<int> sequences;      // indices into the caller's sequence list
  std::vector<int64_t> lengths;    // per sequence in this chunk
  std::vector<int64_t> offsets;    // start of each sequence in the packed rows
  int64_t tokens = 0;
  int64_t maxLen = 0;              // T of the padded layout: whole row blocks (see conv1d)
  torch::Tensor toPadded;          // [B*T] packed row for each padded slot (tokens = zero row)
  torch::Tensor toPacked;          // [tokens] padded slot of each packed row
  torch::Tensor future;            // [T, T] true above the diagonal: keys a query may not see
  torch::Tensor hidden;            // [tokens, d] residual stream
};

// Consecutive sequences, at most `budget` padded slots per chunk.
std::vector<Chunk> makeChunks(const std::vector<int64_t>& runLength, int64_t budget) {
  std::vector<Chunk> chunks;
  budget = std::max<int64_t>(1, budget);
  for (int s = 0; s < static_cast<int>(runLength.size()); ++s) {
    const int64_t len = runLength[s];
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
  for (auto& c : chunks) c.maxLen = roundUpToRowBlock(c.maxLen);  // whole row blocks in attention
  return chunks;
}

// Token ids and positions of a chunk's packed rows ([tokens] each), and the maps between the
// packed and the padded layout with the padded layout's causal mask.
std::pair<torch::Tensor, torch::Tensor> packTokens(Chunk& c, const std::vector<std::vector<int64_t>>& ids,
                                                   torch::Device device) {
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
  c.toPadded = torch::tensor(toPadded, torch::kLong).to(device);
  c.toPacked = torch::tensor(toPacked, torch::kLong).to(device);
  c.future = torch::ones({c.maxLen, c.maxLen}, torch::TensorOptions().dtype(torch::kBool).device(device)).triu(1);
  return {torch::tensor(flatIds, torch::kLong).to(device), torch::tensor(flatPos, torch::kLong).to(device)};
}

// Which hook points are wanted at each layer (and outside the blocks).
struct HookPlan {
  std::vector<std::set<std::string>> perLayer;
  std::set<std::string> global;
  bool wants(int layer, HookSuffix suffix) const { return perLayer[layer].count(suffix.str()) > 0; }
  bool wants(const char* globalHook) const { return global.count(globalHook) > 0; }
};

HookPlan planHooks(const std::vector<std::string>& hooks, int nLayer) {
  HookPlan plan;
  plan.perLayer.resize(nLayer);
  for (const auto& name : hooks) {
    auto parsed = parseHookPoint(name, nLayer);
    if (!parsed)
      throw Error("unknown hook point '" + name + "' for a model with " + std::to_string(nLayer) +
                  " blocks (e.g. blocks.0.attn.hook_q, blocks.0.hook_mlp_out, hook_embed, logits)");
    if (parsed->layer < 0)
      plan.global.insert(parsed->suffix);
    else
      plan.perLayer[parsed->layer].insert(parsed->suffix);
  }
  return plan;
}

// Throws laminar::Error naming the sequence and position of the first bad input.
void validateSequences(const std::vector<std::vector<int64_t>>& ids, const CaptureSpec& spec,
                       const Gpt2Config& config) {
  const int nSeq = static_cast<int>(ids.size());
  for (int s = 0; s < nSeq; ++s) {
    const auto& seq = ids[s];
    if (seq.empty()) throw Error("sequence " + std::to_string(s) + " is empty");
    if (static_cast<int64_t>(seq.size()) > config.nPositions)
      throw Error("sequence " + std::to_string(s) + " has " + std::to_string(seq.size()) +
                  " tokens; the model accepts at most n_positions = " + std::to_string(config.nPositions));
    for (size_t t = 0; t < seq.size(); ++t)
      if (seq[t] < 0 || seq[t] >= config.vocabSize)
        throw Error("sequence " + std::to_string(s) + ", position " + std::to_string(t) + ": token id " +
                    std::to_string(seq[t]) + " is outside the vocabulary (0.." +
                    std::to_string(config.vocabSize - 1) + ")");
  }
  if (!spec.positions.empty() && static_cast<int>(spec.positions.size()) != nSeq)
    throw Error("capture positions given for " + std::to_string(spec.positions.size()) + " sequences, but " +
                std::to_string(nSeq) + " sequences were passed");
  for (int s = 0; s < nSeq && !spec.positions.empty(); ++s)
    for (int64_t p : spec.positions[s])
      if (p < 0 || p >= static_cast<int64_t>(ids[s].size()))
        throw Error("capture position " + std::to_string(p) + " is outside sequence " + std::to_string(s) +
                    " (length " + std::to_string(ids[s].size()) + ")");
}

// Capture, a concern of its own: which rows of which hook points leave the forward pass, and
// when they are handed to the caller (a block's captures as soon as the block has run).
class Capturer {
 public:
  Capturer(const std::vector<std::vector<int64_t>>& ids, const CaptureSpec& spec, HookPlan plan,
           torch::Device device, const BlockCallback& onBlock)
      : ids_(ids), spec_(spec), plan_(std::move(plan)), onBlock_(onBlock), rowIndex_(ids.size()) {
    for (size_t s = 0; s < ids.size(); ++s)
      if (!spec.positions.empty() && !spec.positions[s].empty())
        rowIndex_[s] = torch::tensor(spec.positions[s], torch::kLong).to(device);
  }

  bool wants(const char* globalHook) const { return plan_.wants(globalHook); }

  // Tokens sequence s runs: up to its last requested position when positions are given
  // (GPT-2 is causal, so later tokens cannot change a requested value).
  int64_t runLength(int s) const { return tokensToRun(spec_, s, static_cast<int64_t>(ids_[s].size())); }

  // The requested rows of sequence `s` out of its [len, w] rows.
  torch::Tensor requestedRows(int s, const torch::Tensor& rows) const {
    return rowIndex_[s].defined() ? rows.index_select(0, rowIndex_[s]) : rows;
  }

  // A packed [tokens, w] tensor at a global hook point, or at block `layer`'s `suffix`.
  void packed(const char* globalHook, const Chunk& c, const torch::Tensor& x) {
    if (wants(globalHook)) capturePacked(globalHook, c, x);
  }
  void packed(int layer, HookSuffix suffix, const Chunk& c, const torch::Tensor& x) {
    if (plan_.wants(layer, suffix)) capturePacked(hookName(layer, suffix), c, x);
  }

  bool wantsPattern(int layer) const { return plan_.wants(layer, hook::kAttnPattern); }
  // attn.hook_pattern from the padded probabilities [B, H, T, T]: per sequence [H, rows, len].
  void pattern(int layer, const Chunk& c, const torch::Tensor& probs) {
    if (!plan_.wants(layer, hook::kAttnPattern)) return;
    const std::string name = hookName(layer, hook::kAttnPattern);
    for (size_t i = 0; i < c.sequences.size(); ++i) {
      const int s = c.sequences[i];
      const int64_t len = c.lengths[i];
      torch::Tensor p = probs[static_cast<int64_t>(i)].narrow(1, 0, len).narrow(2, 0, len);  // [H, len, len]
      if (rowIndex_[s].defined()) p = p.index_select(1, rowIndex_[s]);
      const int64_t fullLen = static_cast<int64_t>(ids_[s].size());
      if (fullLen > len) p = torch::constant_pad_nd(p, {0, fullLen - len});  // keys never run: exact zeros
      keep(name, s, p);
    }
  }

  // One sequence's finished tensor (e.g. its logits rows).
  void keep(const std::string& name, int seq, torch::Tensor rows) {
    if (spec_.toCpu) rows = rows.to(torch::kCPU, torch::kFloat32);
    auto& slot = block_[name];
    if (slot.empty()) slot.resize(ids_.size());
    slot[seq] = rows.contiguous();
  }

  // Hands the captures since the last publish to the callback (layer == nLayer: after ln_f),
  // which owns them from then on: kept for run()'s return only without one. (An analysis run
  // kept every layer's rows to the end for nothing: 2 MB a layer for experiment 1 on her.txt,
  // 1.8 GB over GPT-2 XL's 48 layers for 1,000 texts.)
  void publish(int layer) {
    if (onBlock_) onBlock_(layer, block_);
    else
      for (auto& [name, tensors] : block_) all_[name] = std::move(tensors);
    block_.clear();
  }

  Captures takeAll() { return std::move(all_); }

 private:
  void capturePacked(const std::string& name, const Chunk& c, const torch::Tensor& x) {
    for (size_t i = 0; i < c.sequences.size(); ++i)
      keep(name, c.sequences[i], requestedRows(c.sequences[i], x.narrow(0, c.offsets[i], c.lengths[i])));
  }

  const std::vector<std::vector<int64_t>>& ids_;
  const CaptureSpec& spec_;
  HookPlan plan_;
  const BlockCallback& onBlock_;
  std::vector<torch::Tensor> rowIndex_;  // per sequence: positions to keep (undefined = all)
  Captures block_, all_;
};

// The transformer itself, as GPT-2's modules (nanoGPT's model.py names in comments).
// Shapes: tokens = packed rows of a chunk, d = n_embd, H = n_head, hd = d / H, B x T = the
// chunk's padded layout.
class Transformer {
 public:
  Transformer(const Gpt2Config& config, const Gpt2Weights& weights, torch::ScalarType dtype)
      : config_(config),
        weights_(weights),
        scale_(1.0 / std::sqrt(static_cast<double>(config.headDim()))),
        // The most negative finite value of the compute dtype, as Hugging Face masks with.
        lowest_(dtype == torch::kFloat16    ? -65504.0
                : dtype == torch::kBFloat16 ? -3.3895313892515355e38
                                            : static_cast<double>(std::numeric_limits<float>::lowest())) {}

  // wte[ids] + wpe[positions]: [tokens] x 2 -> [tokens, d].
  torch::Tensor embedding(const torch::Tensor& ids, const torch::Tensor& positions, const Chunk& c,
                          Capturer& cap) const {
    torch::Tensor tokenEmb = weights_.wte.index_select(0, ids);        // [tokens, d]
    torch::Tensor posEmb = weights_.wpe.index_select(0, positions);    // [tokens, d]
    cap.packed(hook::kEmbed, c, tokenEmb);
    cap.packed(hook::kPosEmbed, c, posEmb);
    return tokenEmb + posEmb;
  }

  // Block: x [tokens, d] -> x + attn(ln_1(x)) -> + mlp(ln_2(.)) [tokens, d].
  torch::Tensor block(int l, const Gpt2BlockWeights& w, const Chunk& c, const torch::Tensor& x, Capturer& cap) const {
    cap.packed(l, hook::kResidPre, c, x);
    torch::Tensor ln1 = layerNorm(x, w.ln1Weight, w.ln1Bias);
    cap.packed(l, hook::kLn1Normalized, c, ln1);
    torch::Tensor attnOut = attention(l, w, c, ln1, cap);
    cap.packed(l, hook::kAttnOut, c, attnOut);
    torch::Tensor mid = x + attnOut;
    cap.packed(l, hook::kResidMid, c, mid);
    torch::Tensor ln2 = layerNorm(mid, w.ln2Weight, w.ln2Bias);
    cap.packed(l, hook::kLn2Normalized, c, ln2);
    torch::Tensor mlpOut = mlp(l, w, c, ln2, cap);
    cap.packed(l, hook::kMlpOut, c, mlpOut);
    torch::Tensor out = mid + mlpOut;
    cap.packed(l, hook::kResidPost, c, out);
    return out;
  }

  // ln_f: [n, d] -> [n, d].
  torch::Tensor finalLayerNorm(const torch::Tensor& x) const {
    return layerNorm(x, weights_.lnFWeight, weights_.lnFBias);
  }
  // The LM head, tied to wte: [n, d] -> [n, vocab].
  torch::Tensor unembed(const torch::Tensor& x) const { return torch::matmul(x, weights_.wte.t()); }

 private:
  torch::Tensor layerNorm(const torch::Tensor& x, const torch::Tensor& weight, const torch::Tensor& bias) const {
    return torch::layer_norm(x, {config_.nEmbd}, weight, bias, config_.layerNormEpsilon);
  }

  // CausalSelfAttention: ln1 [tokens, d] -> c_proj(softmax(q k^T / sqrt(hd), causal) v) [tokens, d].
  torch::Tensor attention(int l, const Gpt2BlockWeights& w, const Chunk& c, const torch::Tensor& ln1,
                          Capturer& cap) const {
    const int64_t d = config_.nEmbd, nHead = config_.nHead, headDim = config_.headDim();
    torch::Tensor qkv = conv1d(ln1, w.attnWeight, w.attnBias);  // c_attn: [tokens, 3d]
    auto parts = qkv.split(d, 1);
    cap.packed(l, hook::kAttnQ, c, parts[0]);
    cap.packed(l, hook::kAttnK, c, parts[1]);
    cap.packed(l, hook::kAttnV, c, parts[2]);

    if (causalAttentionCpuRuns(qkv)) {
      torch::Tensor pattern;
      if (cap.wantsPattern(l))
        pattern = torch::zeros({static_cast<int64_t>(c.sequences.size()), nHead, c.maxLen, c.maxLen}, qkv.options());
      torch::Tensor z = causalAttentionCpu(qkv, c.offsets, c.lengths, nHead, static_cast<float>(scale_), pattern);
      if (pattern.defined()) cap.pattern(l, c, pattern);
      return conv1d(z, w.attnProjWeight, w.attnProjBias);  // attn.c_proj
    }
    // Elsewhere (CUDA, half precision) attention on the right-padded layout. With right padding
    // every real query only sees real keys through the causal mask, so padding never changes a
    // real position.
    const int64_t B = static_cast<int64_t>(c.sequences.size()), T = c.maxLen;
    torch::Tensor qkvPadded =
        torch::cat({qkv, torch::zeros({1, 3 * d}, qkv.options())}).index_select(0, c.toPadded);  // [B*T, 3d]
    auto heads = qkvPadded.view({B, T, 3, nHead, headDim}).permute({2, 0, 3, 1, 4});  // [3, B, H, T, hd]
    torch::Tensor q = heads[0], k = heads[1], v = heads[2];
    torch::Tensor scores = torch::matmul(q, k.transpose(-1, -2)).mul_(scale_);  // [B, H, T, T]
    scores.masked_fill_(c.future, lowest_);  // in place, the mask made once per chunk: same bits
    torch::Tensor probs = torch::softmax(scores, -1);  // [B, H, T, T]
    cap.pattern(l, c, probs);
    torch::Tensor z = torch::matmul(probs, v).permute({0, 2, 1, 3}).reshape({B * T, d});  // heads side by side
    z = z.index_select(0, c.toPacked);                                                    // [tokens, d]
    return conv1d(z, w.attnProjWeight, w.attnProjBias);                                   // attn.c_proj
  }

  // MLP: ln2 [tokens, d] -> c_fc [tokens, 4d] -> gelu -> c_proj [tokens, d].
  torch::Tensor mlp(int l, const Gpt2BlockWeights& w, const Chunk& c, const torch::Tensor& ln2, Capturer& cap) const {
    torch::Tensor pre = conv1d(ln2, w.fcWeight, w.fcBias);
    cap.packed(l, hook::kMlpPre, c, pre);
    torch::Tensor post = activation(config_.activationFunction, pre);
    cap.packed(l, hook::kMlpPost, c, post);
    return conv1d(post, w.mlpProjWeight, w.mlpProjBias);
  }

  const Gpt2Config& config_;
  const Gpt2Weights& weights_;
  double scale_, lowest_;
};

// libtorch's own default can be a single thread (e.g. its OpenMP build here): 0 means every
// core the machine reports.
int threadCount(const ModelOptions& options) { return options.threads > 0 ? options.threads : defaultThreadCount(); }

}  // namespace

std::unique_ptr<Gpt2Model> Gpt2Model::load(const std::filesystem::path& dir, const ModelOptions& options) {
  auto start = Clock::now();
  CheckpointFiles files = locateCheckpoint(dir);
  Gpt2Config config = Gpt2Config::fromFile(files.config);
  // The weights' finiteness scan (at::parallel_for) runs on this thread's count, which is
  // libtorch's default of one here until the constructor sets it: set it first, or GPT-2 XL's
  // 6.2 GB are scanned on one core (its load took 2.6-3.0 s so on two cores, 1.8-2.0 s now).
  const int threads = threadCount(options);
  if (torch::get_num_threads() != threads) torch::set_num_threads(threads);
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
    throw Error(Message(msg::kDeviceDtypeNeedsCuda, {{"dtype", options.dtype}},
                        "dtype " + options.dtype + " is only supported on CUDA; use float32 on the CPU"));
  tuneAllocatorForTensors();  // links in the start-up allocator tuning (done before main; a no-op here)
  threads_ = threadCount(options);
  if (torch::get_num_threads() != threads_) torch::set_num_threads(threads_);
  torch::InferenceMode guard;
  auto mv = [&](torch::Tensor& t) { t = moveTo(t, device_, dtype_); };
  mv(weights_.wte);
  mv(weights_.wpe);
  mv(weights_.lnFWeight);
  mv(weights_.lnFBias);
  for (auto& b : weights_.blocks) b = moveBlock(b, device_, dtype_);
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
  validateSequences(ids, spec, config_);
  torch::InferenceMode guard;
  // OpenMP thread counts are per calling thread: a model loaded on one thread and run on
  // another keeps its count.
  if (torch::get_num_threads() != threads_) torch::set_num_threads(threads_);
  auto checkCancel = [&] {
    if (cancel && cancel->load(std::memory_order_relaxed)) throw Cancelled();
  };

  Capturer cap(ids, spec, planHooks(spec.hooks, nLayer), device_, onBlock);
  std::vector<int64_t> runLength(ids.size());
  for (size_t s = 0; s < ids.size(); ++s) runLength[s] = cap.runLength(static_cast<int>(s));
  std::vector<Chunk> chunks = makeChunks(runLength, options_.maxBatchTokens);
  const Transformer gpt(config_, weights_, dtype_);

  for (auto& c : chunks) {  // embeddings: their captures travel with block 0's callback
    auto [tokenIds, positions] = packTokens(c, ids, device_);
    c.hidden = gpt.embedding(tokenIds, positions, c, cap);
  }
  for (int l = 0; l < nLayer; ++l) {  // layer by layer across all chunks, so block l streams out whole
    checkCancel();
    const Gpt2BlockWeights w = blockWeights(l);
    for (auto& c : chunks) {
      checkCancel();
      c.hidden = gpt.block(l, w, c, c.hidden, cap);
    }
    cap.publish(l);
  }
  if (cap.wants(hook::kLnFinalNormalized) || cap.wants(hook::kLogits)) {
    checkCancel();
    for (auto& c : chunks) {
      torch::Tensor lnF = gpt.finalLayerNorm(c.hidden);  // [tokens, d]
      cap.packed(hook::kLnFinalNormalized, c, lnF);
      if (!cap.wants(hook::kLogits)) continue;
      for (size_t i = 0; i < c.sequences.size(); ++i) {  // vocab-wide, so only on the requested rows
        const int s = c.sequences[i];
        cap.keep(hook::kLogits, s, gpt.unembed(cap.requestedRows(s, lnF.narrow(0, c.offsets[i], c.lengths[i]))));
      }
    }
    cap.publish(nLayer);
  }
  return cap.takeAll();
}

Gpt2BlockWeights Gpt2Model::blockWeights(int layer) const {
  if (!weights_.blockSource) return weights_.blocks[static_cast<size_t>(layer)];
  torch::InferenceMode guard;
  return moveBlock(weights_.blockSource(layer), device_, dtype_);
}

torch::Tensor Gpt2Model::logitLens(const torch::Tensor& residual) const {
  if (residual.dim() < 1 || residual.size(-1) != config_.nEmbd)
    throw Error("logit lens: the residual stream must have width n_embd = " + std::to_string(config_.nEmbd) +
                ", got a tensor of shape " + std::string(c10::str(residual.sizes())));
  torch::InferenceMode guard;
  const Transformer gpt(config_, weights_, dtype_);
  return gpt.unembed(gpt.finalLayerNorm(moveTo(residual, device_, dtype_)));
}

}  // namespace laminar
