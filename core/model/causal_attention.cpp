#include "model/causal_attention.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>

#include "util/cpu_features.h"

namespace laminar {
namespace {

// Where one head of one sequence reads and writes.
struct HeadView {
  const float* q;  // row t's query at q + t * ld
  const float* k;
  const float* v;
  int64_t ld;      // qkv's row stride (3 d)
  int64_t rows;    // the sequence's length
  int64_t headDim;
  float* z;        // row t's output at z + t * zld
  int64_t zld;     // d
  float* pattern;  // row t's probabilities at pattern + t * patternLd, or null
  int64_t patternLd;
};

// One query: scores against keys 0..t, softmax, weighted sum of values. The loops over keys
// (scores) and over dimensions (output) vectorise; every lane's sum is still taken in order.
[[gnu::always_inline]] inline void attendQueryLoop(const HeadView& h, const float* kT, float* s, int64_t t,
                                                   float scale) {
  const int64_t n = t + 1, hd = h.headDim;
  const float* q = h.q + t * h.ld;
  std::fill(s, s + n, 0.0f);
  for (int64_t e = 0; e < hd; ++e) {  // s_j = sum_e q_e k_je, e in order, every key at once
    const float qe = q[e];
    const float* ke = kT + e * h.rows;
    for (int64_t j = 0; j < n; ++j) s[j] += qe * ke[j];
  }
  float mx = -std::numeric_limits<float>::infinity();
  for (int64_t j = 0; j < n; ++j) {
    s[j] *= scale;
    mx = std::max(mx, s[j]);
  }
  float sum = 0.0f;
  for (int64_t j = 0; j < n; ++j) {
    s[j] = std::exp(s[j] - mx);
    sum += s[j];
  }
  const float inv = 1.0f / sum;
  for (int64_t j = 0; j < n; ++j) s[j] *= inv;
  if (h.pattern) std::copy(s, s + n, h.pattern + t * h.patternLd);
  float* out = h.z + t * h.zld;
  std::fill(out, out + hd, 0.0f);
  for (int64_t j = 0; j < n; ++j) {  // out = sum_j p_j v_j, j in order, every dimension at once
    const float p = s[j];
    const float* vj = h.v + j * h.ld;
    for (int64_t e = 0; e < hd; ++e) out[e] += p * vj[e];
  }
}

void attendQueryBaseline(const HeadView& h, const float* kT, float* s, int64_t t, float scale) {
  attendQueryLoop(h, kT, s, t, scale);
}
#ifdef LAMINAR_X86_64_V4
LAMINAR_X86_64_V4 void attendQueryV4(const HeadView& h, const float* kT, float* s, int64_t t, float scale) {
  attendQueryLoop(h, kT, s, t, scale);
}
#endif

void attendHead(const HeadView& h, float scale, std::vector<float>& kT, std::vector<float>& s) {
  kT.resize(static_cast<size_t>(h.headDim * h.rows));  // keys transposed: dimension e's row holds every key's e
  for (int64_t j = 0; j < h.rows; ++j)
    for (int64_t e = 0; e < h.headDim; ++e) kT[static_cast<size_t>(e * h.rows + j)] = h.k[j * h.ld + e];
  s.resize(static_cast<size_t>(h.rows));
#ifdef LAMINAR_X86_64_V4
  if (cpuRunsX86_64V4()) {
    for (int64_t t = 0; t < h.rows; ++t) attendQueryV4(h, kT.data(), s.data(), t, scale);
    return;
  }
#endif
  for (int64_t t = 0; t < h.rows; ++t) attendQueryBaseline(h, kT.data(), s.data(), t, scale);
}

}  // namespace

bool causalAttentionCpuRuns(const torch::Tensor& qkv) {
  static const bool batchedRequested = [] {
    const char* v = std::getenv("LAMINAR_ATTENTION");
    return v && std::strcmp(v, "batched") == 0;
  }();
  return !batchedRequested && qkv.device().is_cpu() && qkv.scalar_type() == torch::kFloat32;
}

torch::Tensor causalAttentionCpu(const torch::Tensor& qkvIn, const std::vector<int64_t>& offsets,
                                 const std::vector<int64_t>& lengths, int64_t nHead, float scale, torch::Tensor pattern) {
  const torch::Tensor qkv = qkvIn.contiguous();
  const int64_t tokens = qkv.size(0), d = qkv.size(1) / 3, hd = d / nHead;
  const auto nSeq = static_cast<int64_t>(offsets.size());
  torch::Tensor z = torch::empty({tokens, d}, qkv.options());
  const float* base = qkv.data_ptr<float>();
  float* zBase = z.data_ptr<float>();
  float* patternBase = pattern.defined() ? pattern.data_ptr<float>() : nullptr;
  const int64_t T = pattern.defined() ? pattern.size(2) : 0;
  // One task per (sequence, head): every task writes its own rows and columns of z.
  at::parallel_for(0, nSeq * nHead, 1, [&](int64_t begin, int64_t end) {
    std::vector<float> kT, s;
    for (int64_t task = begin; task < end; ++task) {
      const int64_t b = task / nHead, head = task % nHead;
      const int64_t row0 = offsets[static_cast<size_t>(b)];
      const float* r = base + row0 * 3 * d + head * hd;
      HeadView h{r, r + d, r + 2 * d, 3 * d, lengths[static_cast<size_t>(b)], hd,
                 zBase + row0 * d + head * hd, d,
                 patternBase ? patternBase + (b * nHead + head) * T * T : nullptr, T};
      attendHead(h, scale, kT, s);
    }
  });
  return z;
}

}  // namespace laminar
