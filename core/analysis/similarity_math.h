#pragma once
// The tensor work of experiment 1 (analysis-spec.md), in libtorch on whatever device the
// vectors live on, in float64 so the numbers agree with numpy float64 to ~1e-15 (the
// block histograms use float32 GEMMs on the CPU with float64 at the bin edges: same counts).
// On the CPU the profiles, unit columns and text-by-text matrix are plain loops, each
// column's or row's sums in a fixed order: a layer's matrices are small enough (54 x 4800)
// that tensor ops spend more on dispatch and temporaries than on arithmetic.
#include "util/torch_api.h"

#include <array>
#include <cstdint>
#include <vector>

#include "analysis/similarity_results.h"

namespace laminar {

// Q, K, V profiles of X [N, 3d] (N >= 2): per matrix, the mean over its d columns of the
// column variance (ddof 1), of the column mean and of |column mean|.
std::array<MatrixProfile, kMatrices> qkvProfiles(const torch::Tensor& x, int64_t d);

// Columns scaled to unit L2 norm (after removing each column's mean when `centre`); a zero
// column stays zero, so its similarities are 0, never NaN.
torch::Tensor unitColumns(const torch::Tensor& x, bool centre);

// np.linspace(-1, 1, bins + 1) bit for bit.
std::vector<double> similarityBinEdges(int bins);

// Counts of np.histogram(values, bins=bins, range=(-1, 1)) for values already in [-1, 1]:
// numpy's own index computation, including its corrections at the edges. A single pass over
// the values on the CPU; tensor operations on other devices (histogramCountsWithTensorOps).
std::vector<int64_t> histogramCounts(const torch::Tensor& values, const std::vector<double>& edges);
std::vector<int64_t> histogramCountsWithTensorOps(const torch::Tensor& values, const std::vector<double>& edges);

// np.histogram(..., density=True): counts / bin width / total.
std::vector<double> densityFromCounts(const std::vector<int64_t>& counts, const std::vector<double>& edges);

// How far a float32 cosine of unit columns of n rows can lie from the float64 one (with
// room to spare): values closer than this to a threshold are recomputed in float64.
double float32CosineErrorBound(int64_t n);

// |value| thresholds whose masses a histogram pass can count on the way (spectrum_summary.h).
struct MassThresholds {
  double high = 0.8;  // "large": |value| > high
  double low = 0.2;   // "small": |value| < low
};

struct BlockHistograms {
  std::array<std::vector<int64_t>, kBlocks> counts;
  bool hasMasses = false;  // whether `beyond` was counted
  // Per block, how many of the histogrammed values have |value| > high and |value| < low.
  std::array<std::array<int64_t, 2>, kBlocks> beyond{};
};
// Histograms of the six blocks of C = Xn^T Xn (Xn [N, 3d] with unit columns): QQ, KK, VV
// from their strict upper triangles, QK, QV, KV whole. Only the blocks on or above the
// diagonal are computed, and each value is histogrammed once. Values are clipped to [-1, 1].
// With `masses`, the same pass also counts the values beyond its thresholds (`beyond`), so a
// spectrum summary on the same Xn needs no GEMMs of its own.
// On the CPU the blocks are float32 GEMMs binned in one pass; a value within the float32
// error bound of a bin edge or threshold (2 (N+2) 2^-24, about 7e-6 for N = 54) is recomputed
// in float64 from the columns, so the counts equal the float64 computation's (ties closer than
// float64 rounding, ~1e-15, aside). Other devices: similarityBlockHistogramsFloat64.
BlockHistograms similarityBlockHistograms(const torch::Tensor& xn, int64_t d, const std::vector<double>& edges,
                                          const MassThresholds* masses = nullptr);
// The float64 reference: float64 GEMMs and tensor-op binning on xn's device.
BlockHistograms similarityBlockHistogramsFloat64(const torch::Tensor& xn, int64_t d, const std::vector<double>& edges,
                                                 const MassThresholds* masses = nullptr);

// The text-by-text view of `rows` float32 row vectors of `cols` values (row-major, as saved in
// vectors.safetensors): rows scaled to unit norm (zero rows stay zero), S = Xn Xn^T, computed
// in float64 on the CPU. The run and loadResults both call it, so a reopened run holds the
// bits the run showed. N x N, row-major.
std::vector<double> textSimilarityMatrix(const float* rows, int64_t n, int64_t cols);

// A flat permutation of X's N*3d entries, the shuffled baseline's input.
torch::Tensor shuffleEntries(const torch::Tensor& x, const torch::Tensor& permutation);

}  // namespace laminar
