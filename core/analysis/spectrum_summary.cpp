#include "analysis/spectrum_summary.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "analysis/seeded_random.h"
#include "analysis/similarity_math.h"
#include "stats/distributions.h"
#include "util/cpu_features.h"
#include "util/error.h"

namespace laminar {
namespace {

const int kPairs[kBlocks][2] = {{0, 0}, {1, 1}, {2, 2}, {0, 1}, {0, 2}, {1, 2}};  // QQ KK VV QK QV KV

void validate(const torch::Tensor& x, int64_t d, const SpectrumSummarySettings& s) {
  if (x.dim() != 2 || d < 1 || x.size(1) != 3 * d)
    throw Error("spectrum summary: expected X [N, 3d] with d = " + std::to_string(d));
  if (x.size(0) < 2) throw Error("spectrum summary: needs at least 2 sentences, got " + std::to_string(x.size(0)));
  if (s.replicates < 2) throw Error("spectrum summary: replicates must be >= 2, got " + std::to_string(s.replicates));
  if (!(s.level > 0 && s.level < 1))
    throw Error("spectrum summary: level must lie in (0, 1), got " + std::to_string(s.level));
  if (!(s.low >= 0 && s.high <= 1 && s.low <= s.high))
    throw Error("spectrum summary: thresholds must satisfy 0 <= low <= high <= 1");
  if (s.pairs < 0 || (s.pairs > 0 && s.centre))
    throw Error("spectrum summary: pairs must be >= 0, and 0 for the correlation variant");
}

// The bootstrap sample's row indices (the header's draw scheme).
torch::Tensor resampleRows(int64_t n, uint64_t& state) {
  std::vector<int64_t> idx(static_cast<size_t>(n));
  for (int64_t& i : idx) i = static_cast<int64_t>(uniformBelow(state, static_cast<uint64_t>(n)));
  return torch::tensor(idx, torch::kLong);
}

// The subset's column indices into X's 3d columns, blocks one after another (the header's scheme).
std::pair<torch::Tensor, torch::Tensor> drawPairs(int64_t d, int64_t pairs, uint64_t& state) {
  std::vector<int64_t> first, second;
  const auto ud = static_cast<uint64_t>(d);
  for (int b = 0; b < kBlocks; ++b)
    for (int64_t k = 0; k < pairs; ++k) {
      auto i = static_cast<int64_t>(uniformBelow(state, ud)), j = static_cast<int64_t>(uniformBelow(state, ud));
      while (kPairs[b][0] == kPairs[b][1] && i == j)
        i = static_cast<int64_t>(uniformBelow(state, ud)), j = static_cast<int64_t>(uniformBelow(state, ud));
      first.push_back(kPairs[b][0] * d + i);
      second.push_back(kPairs[b][1] * d + j);
    }
  return {torch::tensor(first, torch::kLong), torch::tensor(second, torch::kLong)};
}

// One replicate's counts of one block's pairs: |similarity| > high and < low, the similarity
// num[k] / sqrt(den[first[k]] den[second[k]]) (0 where that product is 0), clipped to 1. No
// branches and no calls, so it vectorises (gathers) where it is inlined: the x86-64 baseline
// and x86-64-v4, chosen per process (util/cpu_features.h). Division and square root are
// correctly rounded in every instruction set, so both give the same counts.
struct PairCounts {
  int64_t above = 0, below = 0;
};
inline __attribute__((always_inline)) PairCounts countPairsLoop(const double* num, const double* den,
                                                               const int64_t* first, const int64_t* second,
                                                               int64_t count, double high, double low) {
  int64_t above = 0, below = 0;
  for (int64_t k = 0; k < count; ++k) {
    const double both = den[first[k]] * den[second[k]];
    const double c = std::min(1.0, std::fabs(both > 0 ? num[k] / std::sqrt(both) : 0.0));
    above += c > high;
    below += c < low;
  }
  return {above, below};
}
#ifdef LAMINAR_X86_64_V4
LAMINAR_X86_64_V4 PairCounts countPairsV4(const double* num, const double* den, const int64_t* first,
                                          const int64_t* second, int64_t count, double high, double low) {
  return countPairsLoop(num, den, first, second, count, high, low);
}
#endif
PairCounts countPairs(const double* num, const double* den, const int64_t* first, const int64_t* second,
                      int64_t count, double high, double low) {
#ifdef LAMINAR_X86_64_V4
  if (cpuRunsX86_64V4()) return countPairsV4(num, den, first, second, count, high, low);
#endif
  return countPairsLoop(num, den, first, second, count, high, low);
}

// The tensor ops of weightedSubsetMasses below as one loop on the CPU: the same float64
// operations on the same values, so the same counts, without five [R, 6 pairs] temporaries
// (they were most of the summary's time once the masses on X were float32). Each row of
// `sums` (contiguous, CPU) is one replicate's [num | den]: 6 pairs products, then 3d squares.
std::vector<SpectrumMasses> countSubsetMasses(const torch::Tensor& sums, const torch::Tensor& first,
                                              const torch::Tensor& second, int64_t pairs, double high, double low) {
  const int64_t replicates = sums.size(0), width = sums.size(1), all = first.size(0);
  const double* rows = sums.data_ptr<double>();
  const int64_t* fi = first.data_ptr<int64_t>();
  const int64_t* se = second.data_ptr<int64_t>();
  std::vector<SpectrumMasses> out(static_cast<size_t>(replicates));
  at::parallel_for(0, replicates, 1, [&](int64_t begin, int64_t end) {
    for (int64_t r = begin; r < end; ++r)
      for (int b = 0; b < kBlocks; ++b) {
        const int64_t k0 = b * pairs;
        const double* num = rows + r * width;
        const PairCounts c = countPairs(num + k0, num + all, fi + k0, se + k0, pairs, high, low);
        const double share = static_cast<double>(pairs);
        out[static_cast<size_t>(r)][static_cast<size_t>(b)] = {static_cast<double>(c.above) / share,
                                                               static_cast<double>(c.below) / share};
      }
  });
  return out;
}

// [N, 6 pairs + 3d] on the CPU: X[:, first] * X[:, second] beside X * X, the values of
// index_select, mul and square (one rounding each), filled a row at a time: index_select
// along columns gathered them one strided element at a time.
torch::Tensor productsBesideSquares(const torch::Tensor& x64, const torch::Tensor& first, const torch::Tensor& second) {
  const torch::Tensor x = x64.contiguous();
  const int64_t n = x.size(0), cols = x.size(1), pairs = first.size(0);
  torch::Tensor out = torch::empty({n, pairs + cols}, x.options());
  const double* src = x.data_ptr<double>();
  double* dst = out.data_ptr<double>();
  const int64_t* fi = first.data_ptr<int64_t>();
  const int64_t* se = second.data_ptr<int64_t>();
  at::parallel_for(0, n, 1, [&](int64_t begin, int64_t end) {
    for (int64_t row = begin; row < end; ++row) {
      const double* xr = src + row * cols;
      double* o = dst + row * (pairs + cols);
      for (int64_t k = 0; k < pairs; ++k) o[k] = xr[fi[k]] * xr[se[k]];
      for (int64_t c = 0; c < cols; ++c) o[pairs + c] = xr[c] * xr[c];
    }
  });
  return out;
}

// Masses of the subset's similarities under row weights w [R, N]: [R][block][high, low].
std::vector<SpectrumMasses> weightedSubsetMasses(const torch::Tensor& products, const torch::Tensor& squares,
                                                 const torch::Tensor& first, const torch::Tensor& second,
                                                 const torch::Tensor& w, int64_t pairs, double high, double low) {
  const torch::Tensor num = torch::matmul(w, products);  // [R, 6 pairs]
  const torch::Tensor den = torch::matmul(w, squares);   // [R, 3d]
  const torch::Tensor both = den.index_select(1, first) * den.index_select(1, second);
  const torch::Tensor cosine = torch::where(both > 0, num / both.sqrt(), torch::zeros_like(num)).clamp(-1.0, 1.0).abs();
  const torch::Tensor highCount = (cosine > high).reshape({w.size(0), kBlocks, pairs}).sum(2).to(torch::kCPU);
  const torch::Tensor lowCount = (cosine < low).reshape({w.size(0), kBlocks, pairs}).sum(2).to(torch::kCPU);
  std::vector<SpectrumMasses> out(static_cast<size_t>(w.size(0)));
  const auto h = highCount.accessor<int64_t, 2>(), l = lowCount.accessor<int64_t, 2>();
  for (int64_t r = 0; r < w.size(0); ++r)
    for (int b = 0; b < kBlocks; ++b) {
      out[static_cast<size_t>(r)][static_cast<size_t>(b)][0] = static_cast<double>(h[r][b]) / static_cast<double>(pairs);
      out[static_cast<size_t>(r)][static_cast<size_t>(b)][1] = static_cast<double>(l[r][b]) / static_cast<double>(pairs);
    }
  return out;
}

// On the CPU: every replicate (weights `counts`, [R, N] row-major) and X itself (weights 1,
// appended as the last row) in one GEMM over the products and squares side by side, then one
// counting loop; the sums have no temporaries to chunk.
std::vector<SpectrumMasses> subsetReplicatesOnCpu(const torch::Tensor& x64, const torch::Tensor& first,
                                                  const torch::Tensor& second, std::vector<double> counts,
                                                  const SpectrumSummarySettings& s, SpectrumMasses& onX) {
  const int64_t n = x64.size(0);
  counts.resize(counts.size() + static_cast<size_t>(n), 1.0);
  const torch::Tensor w = torch::from_blob(counts.data(), {s.replicates + 1, n}, torch::kFloat64);
  const torch::Tensor sums = torch::matmul(w, productsBesideSquares(x64, first, second));  // [R + 1, 6 pairs + 3d]
  std::vector<SpectrumMasses> out = countSubsetMasses(sums.contiguous(), first, second, s.pairs, s.high, s.low);
  onX = out.back();
  out.pop_back();
  return out;
}

// Every replicate's masses on the pair subset, one weighted matmul for all of them; also the
// subset's masses on X itself (weights 1), for the shift of the interval.
std::vector<SpectrumMasses> subsetReplicates(const torch::Tensor& x64, int64_t d, const SpectrumSummarySettings& s,
                                             uint64_t& state, SpectrumMasses& onX) {
  const auto [first, second] = drawPairs(d, s.pairs, state);
  const int64_t n = x64.size(0);
  std::vector<double> counts(static_cast<size_t>(s.replicates) * static_cast<size_t>(n), 0.0);
  for (int r = 0; r < s.replicates; ++r)
    for (int64_t k = 0; k < n; ++k)
      counts[static_cast<size_t>(r) * static_cast<size_t>(n) + uniformBelow(state, static_cast<uint64_t>(n))] += 1;
  if (x64.device().is_cpu()) return subsetReplicatesOnCpu(x64, first, second, std::move(counts), s, onX);
  const auto f64 = torch::TensorOptions().dtype(torch::kFloat64);
  const torch::Tensor i = first.to(x64.device()), j = second.to(x64.device());
  const torch::Tensor products = x64.index_select(1, i) * x64.index_select(1, j);  // [N, 6 pairs]
  const torch::Tensor squares = x64.square();
  const torch::Tensor w = torch::from_blob(counts.data(), {s.replicates, n}, f64).to(x64.device());
  onX = weightedSubsetMasses(products, squares, i, j, torch::ones({1, n}, f64.device(x64.device())), s.pairs, s.high,
                             s.low)[0];
  // A few replicates at a time: on other devices than the CPU, all of them at once would make
  // [R, 6 pairs] float64 temporaries of 100 MB at the defaults.
  constexpr int64_t kChunk = 16;
  std::vector<SpectrumMasses> out;
  out.reserve(static_cast<size_t>(s.replicates));
  for (int64_t r = 0; r < s.replicates; r += kChunk) {
    const auto part = weightedSubsetMasses(products, squares, i, j, w.narrow(0, r, std::min<int64_t>(kChunk, s.replicates - r)),
                                           s.pairs, s.high, s.low);
    out.insert(out.end(), part.begin(), part.end());
  }
  return out;
}

}  // namespace

SpectrumMasses spectrumMassesFloat64(const torch::Tensor& xn, int64_t d, double high, double low) {
  const torch::Tensor x64 = xn.to(torch::kFloat64);
  const torch::Tensor upper = torch::ones({d, d}, torch::TensorOptions().dtype(torch::kBool).device(xn.device())).triu(1);
  SpectrumMasses out{};
  for (int b = 0; b < kBlocks; ++b) {
    const torch::Tensor m = torch::matmul(x64.narrow(1, kPairs[b][0] * d, d).t(), x64.narrow(1, kPairs[b][1] * d, d));
    const torch::Tensor v = (kPairs[b][0] == kPairs[b][1] ? m.masked_select(upper) : m.reshape({-1})).clamp(-1.0, 1.0).abs();
    const double count = static_cast<double>(v.numel());
    out[static_cast<size_t>(b)][0] = count == 0 ? 0.0 : static_cast<double>((v > high).sum().item<int64_t>()) / count;
    out[static_cast<size_t>(b)][1] = count == 0 ? 0.0 : static_cast<double>((v < low).sum().item<int64_t>()) / count;
  }
  return out;
}

SpectrumMasses spectrumMassesFrom(const BlockHistograms& h, int64_t d) {
  if (!h.hasMasses) throw Error("spectrum summary: the histogram pass did not count the masses");
  SpectrumMasses out{};
  for (int b = 0; b < kBlocks; ++b) {
    const double count = kPairs[b][0] == kPairs[b][1] ? static_cast<double>(d) * static_cast<double>(d - 1) / 2
                                                      : static_cast<double>(d) * static_cast<double>(d);
    for (size_t k = 0; k < 2; ++k)
      out[static_cast<size_t>(b)][k] =
          count == 0 ? 0.0 : static_cast<double>(h.beyond[static_cast<size_t>(b)][k]) / count;
  }
  return out;
}

SpectrumMasses spectrumMasses(const torch::Tensor& xn, int64_t d, double high, double low) {
  // One bin: the pass only counts the masses (its float64 rechecks are near +-1 and the thresholds).
  const MassThresholds thresholds{high, low};
  return spectrumMassesFrom(similarityBlockHistograms(xn, d, similarityBinEdges(1), &thresholds), d);
}

std::array<BlockSpectrumSummary, kBlocks> spectrumSummary(const torch::Tensor& x, int64_t d,
                                                          const SpectrumSummarySettings& s, uint64_t state) {
  validate(x, d, s);
  torch::NoGradGuard noGrad;
  return spectrumSummary(x, d, s, state, spectrumMasses(unitColumns(x.to(torch::kFloat64), s.centre), d, s.high, s.low));
}

std::array<BlockSpectrumSummary, kBlocks> spectrumSummary(const torch::Tensor& x, int64_t d,
                                                          const SpectrumSummarySettings& s, uint64_t state,
                                                          const SpectrumMasses& observed) {
  validate(x, d, s);
  torch::NoGradGuard noGrad;
  const torch::Tensor x64 = x.to(torch::kFloat64);
  std::array<std::array<std::vector<double>, 2>, kBlocks> replicates;
  SpectrumMasses subsetOnX{};  // the subset's masses on X (only with pairs > 0)
  auto keep = [&](const SpectrumMasses& m) {
    for (size_t b = 0; b < kBlocks; ++b)
      for (size_t k = 0; k < 2; ++k) replicates[b][k].push_back(m[b][k]);
  };
  if (s.pairs > 0) {
    for (const SpectrumMasses& m : subsetReplicates(x64, d, s, state, subsetOnX)) keep(m);
  } else {
    for (int r = 0; r < s.replicates; ++r) {
      const torch::Tensor rows = resampleRows(x64.size(0), state).to(x64.device());
      keep(spectrumMasses(unitColumns(x64.index_select(0, rows), s.centre), d, s.high, s.low));
    }
  }
  const double z = stats::normalQuantile((1 + s.level) / 2);
  std::array<BlockSpectrumSummary, kBlocks> out;
  for (size_t b = 0; b < kBlocks; ++b)
    for (size_t k = 0; k < 2; ++k) {
      const std::vector<double>& r = replicates[b][k];
      double mean = 0;
      for (double v : r) mean += v;
      mean /= static_cast<double>(r.size());
      double squares = 0;
      for (double v : r) squares += (v - mean) * (v - mean);
      MassWithInterval& mass = k == 0 ? out[b].high : out[b].low;
      mass.value = observed[b][k];
      mass.se = std::sqrt(squares / static_cast<double>(r.size() - 1));
      mass.bias = mean - (s.pairs > 0 ? subsetOnX[b][k] : observed[b][k]);
      mass.lower = std::clamp(mass.value - z * mass.se, 0.0, 1.0);
      mass.upper = std::clamp(mass.value + z * mass.se, 0.0, 1.0);
    }
  return out;
}

}  // namespace laminar
