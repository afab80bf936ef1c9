#include "analysis/spectrum_summary.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "analysis/seeded_random.h"
#include "analysis/similarity_math.h"
#include "util/error.h"

namespace laminar {
namespace {

const int kPairs[kBlocks][2] = {{0, 0}, {1, 1}, {2, 2}, {0, 1}, {0, 2}, {1, 2}};  // QQ KK VV QK QV KV

void validate(const torch::Tensor& x, int64_t d, const SpectrumSummarySettings& s) {
  if (x.dim() != 2 || d < 1 || x.size(1) != 3 * d)
    throw Error("spectrum summary: expected X [N, 3d] with d = " + std::to_string(d));
  if (x.size(0) < 2) throw Error("spectrum summary: needs at least 2 sentences, got " + std::to_string(x.size(0)));
  if (s.replicates < 1) throw Error("spectrum summary: replicates must be >= 1, got " + std::to_string(s.replicates));
  if (!(s.level > 0 && s.level < 1))
    throw Error("spectrum summary: level must lie in (0, 1), got " + std::to_string(s.level));
  if (!(s.low >= 0 && s.high <= 1 && s.low <= s.high))
    throw Error("spectrum summary: thresholds must satisfy 0 <= low <= high <= 1");
}

// numpy.percentile(values, 100 q), method 'linear' (with numpy's _lerp).
double percentile(std::vector<double> values, double q) {
  std::sort(values.begin(), values.end());
  const double virtualIndex = static_cast<double>(values.size() - 1) * q;
  const size_t lo = static_cast<size_t>(std::floor(virtualIndex));
  const size_t hi = std::min(lo + 1, values.size() - 1);
  const double gamma = virtualIndex - std::floor(virtualIndex);
  const double a = values[lo], b = values[hi], diff = b - a;
  return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
}

// The bootstrap sample's row indices (the header's draw scheme).
torch::Tensor resampleRows(int64_t n, uint64_t& state) {
  std::vector<int64_t> idx(static_cast<size_t>(n));
  for (int64_t& i : idx) i = static_cast<int64_t>(uniformBelow(state, static_cast<uint64_t>(n)));
  return torch::tensor(idx, torch::kLong);
}

}  // namespace

SpectrumMasses spectrumMasses(const torch::Tensor& xn, int64_t d, double high, double low) {
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

std::array<BlockSpectrumSummary, kBlocks> spectrumSummary(const torch::Tensor& x, int64_t d,
                                                          const SpectrumSummarySettings& s, uint64_t state) {
  validate(x, d, s);
  torch::NoGradGuard noGrad;
  const torch::Tensor x64 = x.to(torch::kFloat64);
  const SpectrumMasses observed = spectrumMasses(unitColumns(x64, s.centre), d, s.high, s.low);
  std::array<std::array<std::vector<double>, 2>, kBlocks> replicates;
  for (int r = 0; r < s.replicates; ++r) {
    const torch::Tensor rows = resampleRows(x64.size(0), state).to(x64.device());
    const SpectrumMasses m = spectrumMasses(unitColumns(x64.index_select(0, rows), s.centre), d, s.high, s.low);
    for (size_t b = 0; b < kBlocks; ++b)
      for (size_t k = 0; k < 2; ++k) replicates[b][k].push_back(m[b][k]);
  }
  std::array<BlockSpectrumSummary, kBlocks> out;
  for (size_t b = 0; b < kBlocks; ++b)
    for (size_t k = 0; k < 2; ++k) {
      MassWithInterval& mass = k == 0 ? out[b].high : out[b].low;
      mass.value = observed[b][k];
      mass.lower = percentile(replicates[b][k], (1 - s.level) / 2);
      mass.upper = percentile(replicates[b][k], (1 + s.level) / 2);
    }
  return out;
}

}  // namespace laminar
