#include "analysis/similarity_math.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <mutex>

#include "model/cpu_gemm.h"
#include "stats/descriptive.h"
#include "util/cpu_features.h"
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

// The float32 tests that let a value of a float32 block skip the float64 recheck. Each test
// is the float64 one (t = (v + 1) norm more than marginT from a bin edge and from the ends;
// |v| more than `margin` from a threshold) with room for float32's own rounding: computing t
// in float32 is off by at most 2^-22 (bins + 1) (the sum v + 1, then the product), and a
// threshold rounded to float32 moves by at most 6e-8, so a value passing here passes there,
// into the same bin and on the same side of each threshold.
struct Float32FastPath {
  float norm, lo, hi, fracLo, fracHi, cap;
  float highDown, highUp, lowDown, lowUp;
  Float32FastPath(const NumpyBinner& bin, double margin, const MassThresholds& masses) {
    const double bins = static_cast<double>(bin.bins);
    const double m = margin * bin.norm + 2.0 * std::ldexp(bins + 1.0, -22);
    norm = static_cast<float>(bin.norm);  // bins / 2: exact
    lo = static_cast<float>(m);
    hi = static_cast<float>(bins - m);
    fracLo = static_cast<float>(m);
    fracHi = static_cast<float>(1.0 - m);
    cap = static_cast<float>(bins + 1.0);
    const double slack = margin + 1e-7;
    highDown = static_cast<float>(masses.high - slack);
    highUp = static_cast<float>(masses.high + slack);
    lowDown = static_cast<float>(masses.low - slack);
    lowUp = static_cast<float>(masses.low + slack);
  }
};

// One row's float32 step (histogramFloat32Block): the bin of each of `count` values, or kRecheck
// where the value must be recomputed in float64, into binOf; with kCountMasses also the values
// beyond the mass thresholds among those that skip the recheck. No branches and no calls, so the
// compiler vectorises it for each target it is inlined into: the x86-64 baseline (four floats
// per instruction) and x86-64-v4 (sixteen), chosen per process (util/cpu_features.h; the
// analysis library is compiled with -ffp-contract=off, so both round every operation alike).
struct RowStep {
  int32_t above = 0, below = 0;
};
constexpr int32_t kRecheck = -1;
template <bool kCountMasses>
inline __attribute__((always_inline)) RowStep float32RowStepLoop(const float* values, int64_t count,
                                                                 const Float32FastPath& f, int32_t* binOf) {
  RowStep r;
  for (int64_t j = 0; j < count; ++j) {
    const float v = values[j];
    float t = (v + 1.0f) * f.norm;
    t = t > -1.0f ? t : -1.0f;  // keeps the conversion below defined (NaN too)
    t = t < f.cap ? t : f.cap;
    const int32_t idx = static_cast<int32_t>(t);
    const float frac = t - static_cast<float>(idx);
    int32_t ok = int32_t(t > f.lo) & int32_t(t < f.hi) & int32_t(frac > f.fracLo) & int32_t(frac < f.fracHi);
    if (kCountMasses) {
      const float a = std::fabs(v);
      ok &= (int32_t(a < f.highDown) | int32_t(a > f.highUp)) & (int32_t(a < f.lowDown) | int32_t(a > f.lowUp));
      r.above += ok & int32_t(a > f.highUp);
      r.below += ok & int32_t(a < f.lowDown);
    }
    binOf[j] = ok ? idx : kRecheck;
  }
  return r;
}
#ifdef LAMINAR_X86_64_V4
template <bool kCountMasses>
LAMINAR_X86_64_V4 RowStep float32RowStepV4(const float* values, int64_t count, const Float32FastPath& f,
                                           int32_t* binOf) {
  return float32RowStepLoop<kCountMasses>(values, count, f, binOf);
}
#endif
template <bool kCountMasses>
RowStep float32RowStep(const float* values, int64_t count, const Float32FastPath& f, int32_t* binOf) {
#ifdef LAMINAR_X86_64_V4
  if (cpuRunsX86_64V4()) return float32RowStepV4<kCountMasses>(values, count, f, binOf);
#endif
  return float32RowStepLoop<kCountMasses>(values, count, f, binOf);
}

// The counting step of a row: ++counts[bin] for each of `count` values. Neighbouring values
// mostly share a bin, and one counter incremented again and again waits on its own store each
// time, so four interleaved copies of the counts (lanes, `bins` apart) take values j, j+1, j+2,
// j+3; the caller adds the copies up. A kRecheck value goes to `recheck(j)`, which returns its bin.
template <typename Recheck>
inline void countRow(const int32_t* binOf, int64_t count, int64_t* lanes, int64_t bins, Recheck&& recheck) {
  int64_t* c0 = lanes;
  int64_t* c1 = lanes + bins;
  int64_t* c2 = lanes + 2 * bins;
  int64_t* c3 = lanes + 3 * bins;
  int64_t j = 0;
  for (; j + 4 <= count; j += 4) {
    const int32_t b0 = binOf[j], b1 = binOf[j + 1], b2 = binOf[j + 2], b3 = binOf[j + 3];
    if ((b0 | b1 | b2 | b3) >= 0) {  // none is kRecheck (-1): the common case
      ++c0[b0];
      ++c1[b1];
      ++c2[b2];
      ++c3[b3];
      continue;
    }
    for (int64_t k = j; k < j + 4; ++k) ++c0[binOf[k] >= 0 ? binOf[k] : recheck(k)];
  }
  for (; j < count; ++j) ++c0[binOf[j] >= 0 ? binOf[j] : recheck(j)];
}

// Rows of a block computed and counted together, so a row's values are still in cache when
// they are counted (the whole d x d block, 10 MB at d = 1600, was written to memory and read
// back): 64 rows of 1,600 floats are 400 KB.
constexpr int64_t kTileRows = 64;

// Histogram of the float32 block M = A^T C of unit columns A = x32[:, p d : (p + 1) d], C =
// x32[:, q d : (q + 1) d] (with p == q only its strict upper triangle), whose float64
// counterpart is the reference: a value farther than `margin` from every bin edge is binned
// from float32 (it lies in the same bin as the float64 value); the rare value within `margin`
// of an edge (or of +-1) is recomputed in float64 from the columns (aT64, cT64: [d, n]
// row-major) and binned as numpy would. With kCountMasses, the same pass counts |value| > high
// and < low, recomputing a value within `margin` of either threshold in float64 too (|clip(v)|
// moves by at most as much as v, so outside the margin float32 falls on the float64 value's
// side). M is made kTileRows rows at a time by one thread's GEMM (any summation order will do,
// the margin covers every order's error), only from the first column a tile needs; each row
// then goes in two steps: a vectorised loop computes every value's bin and whether it may skip
// the recheck (float32RowStep); then the counts (countRow). Each of libtorch's threads takes the
// next tile until none is left (the triangle's first tiles are the largest).
template <bool kCountMasses>
void histogramFloat32Block(const torch::Tensor& x32, int p, int q, int64_t d, const double* aT64, const double* cT64,
                           double margin, const std::vector<double>& edges, const MassThresholds& masses,
                           std::vector<int64_t>& total, std::array<int64_t, 2>& beyond) {
  const NumpyBinner bin(edges);
  const Float32FastPath f(bin, margin, masses);
  const double high = masses.high, low = masses.low;
  const int64_t n = x32.size(0), bins = bin.bins, tiles = (d + kTileRows - 1) / kTileRows;
  const bool strictUpper = p == q;
  total.assign(static_cast<size_t>(bins), 0);
  beyond = {0, 0};
  std::mutex merge;
  std::atomic<int64_t> nextTile{0};
  const int64_t workers = std::max<int64_t>(1, std::min<int64_t>(at::get_num_threads(), tiles));
  at::parallel_for(0, workers, 1, [&](int64_t, int64_t) {
    std::vector<float> tile(static_cast<size_t>(kTileRows * d));
    std::vector<int64_t> lanes(4 * static_cast<size_t>(bins), 0);
    std::vector<int32_t> binOf(static_cast<size_t>(d));
    int64_t above = 0, below = 0;
    for (int64_t t = nextTile++; t < tiles; t = nextTile++) {
      const int64_t i0 = t * kTileRows, rows = std::min(kTileRows, d - i0);
      const int64_t c0 = strictUpper ? i0 + 1 : 0;  // the first column any of the tile's rows counts
      if (c0 >= d) continue;
      const int64_t cols = d - c0;
      torch::Tensor out = torch::from_blob(tile.data(), {rows, cols}, x32.options());
      matmulInto(out, x32.narrow(1, p * d + i0, rows).t(), x32.narrow(1, q * d + c0, cols));
      for (int64_t r = 0; r < rows; ++r) {
        const int64_t i = i0 + r, first = strictUpper ? i + 1 : 0, count = d - first;
        const float* values = tile.data() + r * cols + (first - c0);  // the row from its column `first`
        const RowStep step = float32RowStep<kCountMasses>(values, count, f, binOf.data());
        above += step.above;
        below += step.below;
        const double* a = aT64 + i * n;
        countRow(binOf.data(), count, lanes.data(), bins, [&](int64_t k) {
          const double* b = cT64 + (first + k) * n;
          double dot = 0;
          for (int64_t e = 0; e < n; ++e) dot += a[e] * b[e];
          const double c = std::min(1.0, std::max(-1.0, dot));
          if (kCountMasses) {
            above += std::fabs(c) > high;
            below += std::fabs(c) < low;
          }
          return static_cast<int32_t>(bin(c));
        });
      }
    }
    std::lock_guard<std::mutex> lock(merge);
    for (int64_t b = 0; b < bins; ++b)
      for (int64_t lane = 0; lane < 4; ++lane) total[static_cast<size_t>(b)] += lanes[static_cast<size_t>(lane * bins + b)];
    beyond[0] += above;
    beyond[1] += below;
  });
}

}  // namespace

// How far a float32 cosine can lie from the float64 one, for unit columns of n rows: the
// inputs round to float32 (relative error u = 2^-24 each, so 2u per product) and any
// summation order adds at most gamma_n = n u / (1 - n u) of sum |a_i b_i| <= |a| |b| = 1.
// Doubled, plus a float64-sized slack, so the bound never decides a close call.
double float32CosineErrorBound(int64_t n) {
  const double u = std::ldexp(1.0, -24);
  const double k = static_cast<double>(n + 2) * u;
  return 2.0 * k / (1.0 - k) + 1e-12;
}

namespace {

// Columns [begin, end) of a row-major [rows, cols] float64 matrix at a time, split over
// libtorch's threads: each column's arithmetic runs over the rows in order whatever the split
// and whichever instruction set vectorises it across columns, so the bits never depend on the
// thread count or the build. For the small matrices of a layer (54 x 4800) a loop is several
// times faster than the tensor ops, whose cost there is dispatch and temporaries.
template <typename Work>
void forColumnRanges(int64_t cols, Work&& work) {
  at::parallel_for(0, cols, 512, [&](int64_t begin, int64_t end) { work(begin, end); });
}

// Each column's mean over the rows (its sum added in row order), into means[begin, end).
void columnMeans(const double* x, int64_t rows, int64_t cols, int64_t begin, int64_t end, double* means) {
  std::fill(means + begin, means + end, 0.0);
  for (int64_t i = 0; i < rows; ++i) {
    const double* row = x + i * cols;
    for (int64_t j = begin; j < end; ++j) means[j] += row[j];
  }
  for (int64_t j = begin; j < end; ++j) means[j] /= static_cast<double>(rows);
}

// Each column's sum of squared deviations from `centre` (0 for plain squares).
void columnSquares(const double* x, int64_t rows, int64_t cols, int64_t begin, int64_t end, const double* centre,
                   double* squares) {
  std::fill(squares + begin, squares + end, 0.0);
  for (int64_t i = 0; i < rows; ++i) {
    const double* row = x + i * cols;
    for (int64_t j = begin; j < end; ++j) {
      const double e = row[j] - centre[j];
      squares[j] += e * e;
    }
  }
}

std::array<MatrixProfile, kMatrices> qkvProfilesOnCpu(const torch::Tensor& x, int64_t d) {
  const torch::Tensor c = x.contiguous();
  const int64_t rows = c.size(0), cols = c.size(1);
  const double* v = c.data_ptr<double>();
  std::vector<double> mean(static_cast<size_t>(cols)), variance(static_cast<size_t>(cols)), meanAbs(mean.size());
  forColumnRanges(cols, [&](int64_t begin, int64_t end) {
    columnMeans(v, rows, cols, begin, end, mean.data());
    columnSquares(v, rows, cols, begin, end, mean.data(), variance.data());
    for (int64_t j = begin; j < end; ++j) {
      variance[static_cast<size_t>(j)] /= static_cast<double>(rows - 1);  // ddof 1; NaN for one row, as torch
      meanAbs[static_cast<size_t>(j)] = std::fabs(mean[static_cast<size_t>(j)]);
    }
  });
  // Averaged over each matrix's d columns as numpy's mean does (pairwise summation).
  const auto average = [&](const std::vector<double>& perColumn, int m) {
    return stats::mean(perColumn.data() + m * d, static_cast<size_t>(d));
  };
  std::array<MatrixProfile, kMatrices> out{};
  for (int m = 0; m < kMatrices; ++m)
    out[static_cast<size_t>(m)] = {average(variance, m), average(mean, m), average(meanAbs, m)};
  return out;
}

torch::Tensor unitColumnsOnCpu(const torch::Tensor& x, bool centre) {
  const torch::Tensor in = x.contiguous();
  const int64_t rows = in.size(0), cols = in.size(1);
  torch::Tensor out = torch::empty_like(in);
  const double* v = in.data_ptr<double>();
  double* o = out.data_ptr<double>();
  std::vector<double> mean(static_cast<size_t>(cols), 0.0), squares(static_cast<size_t>(cols));
  forColumnRanges(cols, [&](int64_t begin, int64_t end) {
    if (centre) columnMeans(v, rows, cols, begin, end, mean.data());
    columnSquares(v, rows, cols, begin, end, mean.data(), squares.data());
    for (int64_t j = begin; j < end; ++j) {  // the inverse norm, 0 for a zero column
      const double norm = std::sqrt(squares[static_cast<size_t>(j)]);
      squares[static_cast<size_t>(j)] = norm > 0 ? 1.0 / norm : 0.0;
    }
    for (int64_t i = 0; i < rows; ++i)
      for (int64_t j = begin; j < end; ++j)
        o[i * cols + j] = (v[i * cols + j] - mean[static_cast<size_t>(j)]) * squares[static_cast<size_t>(j)];
  });
  return out;
}

}  // namespace

std::array<MatrixProfile, kMatrices> qkvProfiles(const torch::Tensor& x, int64_t d) {
  if (x.device().is_cpu() && x.scalar_type() == torch::kFloat64) return qkvProfilesOnCpu(x, d);
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
  if (x.device().is_cpu() && x.scalar_type() == torch::kFloat64) return unitColumnsOnCpu(x, centre);
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

namespace {
const int kBlockPairs[kBlocks][2] = {{0, 0}, {1, 1}, {2, 2}, {0, 1}, {0, 2}, {1, 2}};  // QQ KK VV QK QV KV
}

BlockHistograms similarityBlockHistograms(const torch::Tensor& xn, int64_t d, const std::vector<double>& edges,
                                          const MassThresholds* masses) {
  if (!xn.device().is_cpu()) return similarityBlockHistogramsFloat64(xn, d, edges, masses);
  // float32 GEMMs (the values are only binned and counted), float64 where a value is near an
  // edge or a threshold.
  BlockHistograms out;
  out.hasMasses = masses != nullptr;
  const MassThresholds thresholds = masses ? *masses : MassThresholds{};
  const torch::Tensor x64 = xn.to(torch::kFloat64);
  const torch::Tensor x32 = x64.to(torch::kFloat32);
  const double margin = float32CosineErrorBound(x64.size(0));
  std::array<torch::Tensor, kMatrices> columns64;  // [d, n] row-major: column k is contiguous
  for (int m = 0; m < kMatrices; ++m) columns64[static_cast<size_t>(m)] = x64.narrow(1, m * d, d).t().contiguous();
  for (int b = 0; b < kBlocks; ++b) {
    const auto bi = static_cast<size_t>(b);
    const int p = kBlockPairs[b][0], q = kBlockPairs[b][1];
    const double* aT = columns64[static_cast<size_t>(p)].data_ptr<double>();
    const double* cT = columns64[static_cast<size_t>(q)].data_ptr<double>();
    if (masses)
      histogramFloat32Block<true>(x32, p, q, d, aT, cT, margin, edges, thresholds, out.counts[bi], out.beyond[bi]);
    else
      histogramFloat32Block<false>(x32, p, q, d, aT, cT, margin, edges, thresholds, out.counts[bi], out.beyond[bi]);
  }
  return out;
}

BlockHistograms similarityBlockHistogramsFloat64(const torch::Tensor& xn, int64_t d, const std::vector<double>& edges,
                                                 const MassThresholds* masses) {
  BlockHistograms out;
  out.hasMasses = masses != nullptr;
  const torch::Tensor x64 = xn.to(torch::kFloat64);
  torch::Tensor upper = torch::ones({d, d}, torch::TensorOptions().dtype(torch::kBool).device(xn.device())).triu(1);
  for (int b = 0; b < kBlocks; ++b) {
    torch::Tensor a = x64.narrow(1, kBlockPairs[b][0] * d, d);
    torch::Tensor c = x64.narrow(1, kBlockPairs[b][1] * d, d);
    torch::Tensor m = torch::matmul(a.t(), c);
    torch::Tensor values = kBlockPairs[b][0] == kBlockPairs[b][1] ? m.masked_select(upper) : m.reshape({-1});
    values.clamp_(-1.0, 1.0);
    out.counts[static_cast<size_t>(b)] = histogramCountsWithTensorOps(values, edges);
    if (masses) {
      const torch::Tensor a = values.abs();
      out.beyond[static_cast<size_t>(b)] = {(a > masses->high).sum().item<int64_t>(), (a < masses->low).sum().item<int64_t>()};
    }
  }
  return out;
}

namespace {

// a . b in eight partial sums (element j into sum j mod 8) added in a fixed order at the end:
// the compiler vectorises the eight sums on every target alike, so the bits do not depend on
// the build, and the eight chains do not wait on one another's additions as one sum would.
double dotInEightSums(const double* a, const double* b, int64_t n) {
  double sum[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  int64_t j = 0;
  for (; j + 8 <= n; j += 8)
    for (int k = 0; k < 8; ++k) sum[k] += a[j + k] * b[j + k];
  for (int k = 0; j < n; ++j, ++k) sum[k] += a[j] * b[j];
  return ((sum[0] + sum[4]) + (sum[1] + sum[5])) + ((sum[2] + sum[6]) + (sum[3] + sum[7]));
}

}  // namespace

std::vector<double> textSimilarityMatrix(const float* rows, int64_t n, int64_t cols) {
  // Loops, not tensor ops: for a layer's 54 x 4800 rows the ops' dispatch and temporaries cost
  // more than the arithmetic. S is exactly symmetric: S[j, i] is S[i, j], computed once.
  std::vector<double> unit(static_cast<size_t>(n * cols));
  at::parallel_for(0, n, 8, [&](int64_t begin, int64_t end) {
    for (int64_t i = begin; i < end; ++i) {
      double* u = unit.data() + i * cols;
      for (int64_t j = 0; j < cols; ++j) u[j] = static_cast<double>(rows[i * cols + j]);
      const double norm = std::sqrt(dotInEightSums(u, u, cols));
      const double inv = norm > 0 ? 1.0 / norm : 0.0;  // a zero row stays zero
      for (int64_t j = 0; j < cols; ++j) u[j] *= inv;
    }
  });
  std::vector<double> s(static_cast<size_t>(n * n));
  // Row i of the triangle holds n - i products, so rows go in pairs (k, n - 1 - k) of n + 1
  // products each, and the threads' shares of pairs are shares of the work.
  const auto triangleRow = [&](int64_t i) {
    for (int64_t j = i; j < n; ++j)
      s[static_cast<size_t>(i * n + j)] = s[static_cast<size_t>(j * n + i)] =
          dotInEightSums(unit.data() + i * cols, unit.data() + j * cols, cols);
  };
  at::parallel_for(0, (n + 1) / 2, 1, [&](int64_t begin, int64_t end) {
    for (int64_t k = begin; k < end; ++k) {
      triangleRow(k);
      if (n - 1 - k != k) triangleRow(n - 1 - k);
    }
  });
  return s;
}

torch::Tensor shuffleEntries(const torch::Tensor& x, const torch::Tensor& permutation) {
  return x.reshape({-1}).index_select(0, permutation.to(x.device())).reshape(x.sizes());
}

}  // namespace laminar
