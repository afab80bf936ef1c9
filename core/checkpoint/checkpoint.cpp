#include "checkpoint/checkpoint.h"

#include <ATen/Parallel.h>

#include <atomic>
#include <cmath>
#include <cstring>
#include <map>

#include "io/mapped_file.h"
#include "util/error.h"

namespace laminar {

namespace {

// First non-finite float in [begin, end), or -1. Scans in parallel blocks; a block's test is
// a branch-free OR so the compiler can vectorize the common (all finite) case.
int64_t firstNonFinite(const float* data, int64_t n) {
  constexpr int64_t kBlock = 1 << 14;
  const int64_t blocks = (n + kBlock - 1) / kBlock;
  std::atomic<int64_t> firstBad{-1};
  at::parallel_for(0, blocks, 16, [&](int64_t b0, int64_t b1) {
    for (int64_t b = b0; b < b1; ++b) {
      const int64_t lo = b * kBlock, hi = std::min(n, lo + kBlock);
      uint32_t bad = 0;
      for (int64_t i = lo; i < hi; ++i) {
        uint32_t bits;
        std::memcpy(&bits, data + i, 4);
        bad |= static_cast<uint32_t>((bits & 0x7f800000u) == 0x7f800000u);
      }
      if (!bad) continue;
      for (int64_t i = lo; i < hi; ++i)
        if (!std::isfinite(data[i])) {
          int64_t expected = firstBad.load();
          while ((expected < 0 || i < expected) && !firstBad.compare_exchange_weak(expected, i)) {
          }
          break;
        }
    }
  });
  return firstBad.load();
}

std::string elementIndex(int64_t flat, const std::vector<int64_t>& shape) {
  std::vector<int64_t> idx(shape.size());
  for (size_t k = shape.size(); k-- > 0;) {
    idx[k] = flat % shape[k];
    flat /= shape[k];
  }
  return shapeString(idx);
}

void checkFinite(const StoredTensor& t, const torch::Tensor& values) {
  int64_t bad = firstNonFinite(values.data_ptr<float>(), values.numel());
  if (bad < 0) return;
  float v = values.data_ptr<float>()[bad];
  const std::string value = std::isnan(v) ? "NaN" : v > 0 ? "+Inf" : "-Inf", index = elementIndex(bad, t.view->shape);
  throw Error(storedTensorMessage(t, msg::kCheckpointNonFinite, {{"found", value}, {"position", index}},
                            "contains " + value + " at index " + index +
                                " (weights must be finite numbers; the file is corrupt)"));
}

}  // namespace

torch::Tensor tensorToFloat32(const StoredTensor& t) {
  const TensorView& v = *t.view;
  torch::ScalarType type;
  switch (v.dtype) {
    case DType::F32: type = torch::kFloat32; break;
    case DType::F16: type = torch::kFloat16; break;
    case DType::BF16: type = torch::kBFloat16; break;
    default:
      throw Error(storedTensorMessage(t, msg::kCheckpointTensorDtype, {{"dtype", dtypeName(v.dtype)}},
                                std::string("has dtype ") + dtypeName(v.dtype) + "; GPT-2 weights must be F32, F16 or BF16"));
  }
  torch::Tensor values;
  const size_t element = dtypeSize(v.dtype);
  if (v.byteSize == 0) {
    values = torch::empty(v.shape, torch::kFloat32);
  } else if (reinterpret_cast<uintptr_t>(v.data) % element == 0) {
    // The deleter holds the file, so the mapping outlives every tensor that views it.
    auto file = t.file;
    values = torch::from_blob(const_cast<void*>(v.data), v.shape, [file](void*) {}, torch::TensorOptions(type));
    if (type != torch::kFloat32) values = values.to(torch::kFloat32);
  } else {
    // Misaligned data (possible after an odd-sized tensor): copy rather than alias.
    values = torch::empty(v.shape, torch::TensorOptions(type));
    std::memcpy(values.data_ptr(), v.data, v.byteSize);
    values = values.to(torch::kFloat32);
  }
  checkFinite(t, values);
  return values;
}

Gpt2Weights loadGpt2Weights(const CheckpointFiles& files, const Gpt2Config& config) {
  CheckpointTensors stored = openCheckpointTensors(files, config);
  for (const auto& f : stored.files) f->mapping()->prefetch(0, f->fileSize());  // overlap reading with checking
  Gpt2Weights w;
  w.files = stored.files;
  std::map<std::string, torch::Tensor> byName;
  for (const auto& t : stored.parameters) byName[t.name] = tensorToFloat32(t);
  w.wte = byName.at("wte.weight");
  w.wpe = byName.at("wpe.weight");
  for (int64_t l = 0; l < config.nLayer; ++l) {
    const std::string h = "h." + std::to_string(l) + ".";
    Gpt2BlockWeights b;
    b.ln1Weight = byName.at(h + "ln_1.weight");
    b.ln1Bias = byName.at(h + "ln_1.bias");
    b.attnWeight = byName.at(h + "attn.c_attn.weight");
    b.attnBias = byName.at(h + "attn.c_attn.bias");
    b.attnProjWeight = byName.at(h + "attn.c_proj.weight");
    b.attnProjBias = byName.at(h + "attn.c_proj.bias");
    b.ln2Weight = byName.at(h + "ln_2.weight");
    b.ln2Bias = byName.at(h + "ln_2.bias");
    b.fcWeight = byName.at(h + "mlp.c_fc.weight");
    b.fcBias = byName.at(h + "mlp.c_fc.bias");
    b.mlpProjWeight = byName.at(h + "mlp.c_proj.weight");
    b.mlpProjBias = byName.at(h + "mlp.c_proj.bias");
    w.blocks.push_back(std::move(b));
  }
  w.lnFWeight = byName.at("ln_f.weight");
  w.lnFBias = byName.at("ln_f.bias");
  if (stored.lmHead) {
    torch::Tensor head = tensorToFloat32(*stored.lmHead);
    if (!torch::equal(head, w.wte))
      throw Error(storedTensorMessage(*stored.lmHead, msg::kCheckpointHeadDiffers, {}, "differs from wte: untied LM head not supported"));
  }
  return w;
}

}  // namespace laminar
