#pragma once
// A per-layer summary of experiment 1's cosine spectra (issue 10, item 5): the fraction of a
// block's similarities that are large (|cos| > 0.8, the "smile" at +-1 of early layers) and
// small (|cos| < 0.2, the flat deep layers), with a percentile bootstrap interval over
// sentences, so a difference between layers, groups or the untrained control can be judged
// against the sampling noise of the N sentences.
//
// Bootstrap draw scheme (reproduced by tools/verify_results.py): replicate r = 0..R-1 in turn
// draws N row indices, each uniformBelow(state, N) in order from the same running state; the
// replicate's rows are X[idx] (duplicates kept), whose columns are then normalised afresh.
#include "util/torch_api.h"

#include <array>
#include <cstdint>

#include "analysis/similarity_results.h"

namespace laminar {

struct SpectrumSummarySettings {
  double high = 0.8;     // "large": |value| > high
  double low = 0.2;      // "small": |value| < low
  bool centre = false;   // false: cosine; true: the correlation variant (columns centred first)
  int replicates = 200;  // bootstrap replicates (>= 1); each costs one pass of the six blocks
  double level = 0.95;   // central interval: percentiles 100 (1 - level) / 2 and 100 (1 + level) / 2
};

struct MassWithInterval {
  double value = 0;              // on the N sentences themselves
  double lower = 0, upper = 0;   // percentile bootstrap interval (numpy.percentile, linear)
};

struct BlockSpectrumSummary {
  MassWithInterval high, low;
};

using SpectrumMasses = std::array<std::array<double, 2>, kBlocks>;  // [block][0 = high, 1 = low]

// The masses of the six blocks of C = Xn^T Xn for xn [N, 3d] with unit columns, over the
// same values the spectrum histograms (QQ, KK, VV strict upper triangles; QK, QV, KV whole;
// clipped to [-1, 1]), in float64.
SpectrumMasses spectrumMasses(const torch::Tensor& xn, int64_t d, double high, double low);

// The summary of X [N, 3d] (raw vectors, N >= 2) for one layer and group. `state` is the
// bootstrap's stream (e.g. streamState(seed, stream)). Throws laminar::Error for bad settings
// (replicates < 1, level outside (0, 1), thresholds outside [0, 1] or low > high).
std::array<BlockSpectrumSummary, kBlocks> spectrumSummary(const torch::Tensor& x, int64_t d,
                                                          const SpectrumSummarySettings& settings, uint64_t state);

}  // namespace laminar
