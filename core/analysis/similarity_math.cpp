#include "analysis/similarity_math.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <mutex>

#include "util/error.h"

namespace laminar {

namespace {

// numpy's bin index for a value in [-1, 1] (numpy/lib/histograms.py, the equal-width path):
// truncate (v - first) * norm, then correct by one where rounding crossed an edge.
struct NumpyBinner {
  const double* edges;
  int64_t bins;
  double norm;
  explicit NumpyBinner(const std::vector<double>& e)
      : edges(e.data()), bins(static_cast<int64_t>(e.size()) - 1), norm(static_cast<double>(bins) / 2.0) {}
  int64_t operator()(double v) const {
    int64_t idx = static_cast<int64_t>((v - -1.0) * norm);
    if (idx == bins) --idx;
    if (v < edges[idx]) --idx;
    else if (idx != bins - 1 && v >= edges[idx + 1]) ++idx;
    return idx;
  }
};

// Histogram of a row-major rows x cols double matrix (values clipped to [-1, 1]); with
// `strictUpper` only the entries above the diagonal. Rows are split over libtorch's threads.
std::vector<int64_t> histogramMatrix(const double* m, int64_t rows, int64_t cols, bool strictUpper,
                                     const std::vector<double>& edges) {
  const NumpyBinner bin(edges);
  std::vector<int64_t> total(static_cast<size_t>(bin.bins), 0);
  std::mutex merge;
  at::parallel_for(0, rows, 16, [&](int64_t begin, int64_t end) {
    std::vector<int64_t> local(static_cast<size_t>(bin.bins), 0);
    for (int64_t i = begin; i < end; ++i) {
      const double* row = m + i * cols;
      for (int64_t j = strictUpper ? i + 1 : 0; j < cols; ++j)
        ++local[static_cast<size_t>(bin(std::min(1.0, std::max(-1.0, row[j]))))];
    }
    std::lock_guard<std::mutex> lock(merge);
    for (size_t b = 0; b < local.size(); ++b) total[b] += local[b];
  });
  return total;
}

}  // namespace

std::array<MatrixProfile, kMatrices> qkvProfiles(const torch::Tensor& x, int64_t d) {
  std::array<MatrixProfile, kMatrices> out{};
  for (int m = 0; m < kMatrices; ++m) {
    torch::Tensor block = x.narrow(1, m * d, d);
    torch::Tensor colMean = block.mean(0);
    out[static_cast<size_t>(m)].variance = block.var(0, /*unbiased=*/true).mean().item<double>();
    out[static_cast<size_t>(m)].mean = colMean.mean().item<double>();
    out[static_cast<size_t>(m)].meanAbs = colMean.abs().mean().item<double>();
  }
  return out;
}

torch::Tensor unitColumns(const torch::Tensor& x, bool centre) {
  torch::Tensor c = centre ? x - x.mean(0, /*keepdim=*/true) : x;
  torch::Tensor norm = c.norm(2, 0, /*keepdim=*/true);
  torch::Tensor inv = torch::where(norm > 0, 1.0 / norm, torch::zeros_like(norm));
  return c * inv;
}

std::vector<double> similarityBinEdges(int bins) {
  if (bins < 1) throw Error("the number of histogram bins must be at least 1 (got " + std::to_string(bins) + ")");
  std::vector<double> edges(static_cast<size_t>(bins) + 1);
  const double step = 2.0 / bins;
  for (int i = 0; i <= bins; ++i) edges[static_cast<size_t>(i)] = static_cast<double>(i) * step + -1.0;
  edges.back() = 1.0;
  return edges;
}

std::vector<int64_t> histogramCounts(const torch::Tensor& values, const std::vector<double>& edges) {
  if (!values.device().is_cpu()) return histogramCountsWithTensorOps(values, edges);
  torch::Tensor v = values.to(torch::kFloat64).contiguous();
  return histogramMatrix(v.data_ptr<double>(), 1, v.numel(), false, edges);
}

std::vector<int64_t> histogramCountsWithTensorOps(const torch::Tensor& values, const std::vector<double>& edgesVec) {
  const int64_t bins = static_cast<int64_t>(edgesVec.size()) - 1;
  auto opts = torch::TensorOptions().dtype(torch::kFloat64).device(values.device());
  torch::Tensor edges = torch::tensor(edgesVec, torch::kFloat64).to(values.device());
  torch::Tensor v = values.reshape({-1}).to(opts);
  const double norm = static_cast<double>(bins) / 2.0;
  torch::Tensor idx = ((v - -1.0) * norm).to(torch::kLong);  // truncation, as astype(intp)
  idx.masked_fill_(idx == bins, bins - 1);
  idx.sub_((v < edges.index_select(0, idx)).to(torch::kLong));
  torch::Tensor inc = (v >= edges.index_select(0, idx + 1)) & (idx != bins - 1);
  idx.add_(inc.to(torch::kLong));
  torch::Tensor counts = torch::bincount(idx, {}, bins).to(torch::kCPU);
  std::vector<int64_t> out(static_cast<size_t>(bins));
  auto acc = counts.accessor<int64_t, 1>();
  for (int64_t b = 0; b < bins; ++b) out[static_cast<size_t>(b)] = acc[b];
  return out;
}

std::vector<double> densityFromCounts(const std::vector<int64_t>& counts, const std::vector<double>& edges) {
  int64_t total = 0;
  for (auto c : counts) total += c;
  std::vector<double> density(counts.size(), 0.0);
  if (total == 0) return density;
  for (size_t b = 0; b < counts.size(); ++b)
    density[b] = static_cast<double>(counts[b]) / (edges[b + 1] - edges[b]) / static_cast<double>(total);
  return density;
}

BlockHistograms similarityBlockHistograms(const torch::Tensor& xn, int64_t d, const std::vector<double>& edges) {
  static const int pairs[kBlocks][2] = {{0, 0}, {1, 1}, {2, 2}, {0, 1}, {0, 2}, {1, 2}};  // QQ KK VV QK QV KV
  BlockHistograms out;
  torch::Tensor upper;
  if (!xn.device().is_cpu())
    upper = torch::ones({d, d}, torch::TensorOptions().dtype(torch::kBool).device(xn.device())).triu(1);
  for (int b = 0; b < kBlocks; ++b) {
    torch::Tensor a = xn.narrow(1, pairs[b][0] * d, d);
    torch::Tensor c = xn.narrow(1, pairs[b][1] * d, d);
    torch::Tensor m = torch::matmul(a.t(), c);
    const bool diagonal = pairs[b][0] == pairs[b][1];
    if (m.device().is_cpu()) {  // one pass straight over the (upper) matrix
      m = m.contiguous();
      out.counts[static_cast<size_t>(b)] = histogramMatrix(m.data_ptr<double>(), d, d, diagonal, edges);
      continue;
    }
    torch::Tensor values = diagonal ? m.masked_select(upper) : m.reshape({-1});
    values.clamp_(-1.0, 1.0);
    out.counts[static_cast<size_t>(b)] = histogramCountsWithTensorOps(values, edges);
  }
  return out;
}

torch::Tensor textSimilarity(const torch::Tensor& x) {
  torch::Tensor norm = x.norm(2, 1, /*keepdim=*/true);
  torch::Tensor inv = torch::where(norm > 0, 1.0 / norm, torch::zeros_like(norm));
  torch::Tensor xn = x * inv;
  return torch::matmul(xn, xn.t());
}

torch::Tensor shuffleEntries(const torch::Tensor& x, const torch::Tensor& permutation) {
  return x.reshape({-1}).index_select(0, permutation.to(x.device())).reshape(x.sizes());
}

}  // namespace laminar
