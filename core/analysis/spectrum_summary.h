#pragma once
// A per-layer summary of experiment 1's cosine spectra (issue 10, item 5): the fraction of a
// block's similarities that are large (|cos| > 0.8, the "smile" at +-1 of early layers) and
// small (|cos| < 0.2, the flat deep layers), with a bootstrap interval over sentences, so a
// difference between layers, groups or the untrained control can be judged against the sampling
// noise of the N sentences.
//
// Point estimate and interval: `value` is always the mass on the N sentences themselves (every
// pair). The interval is the normal bootstrap interval value -+ z se, z = normalQuantile((1 +
// level) / 2), se = the standard deviation (ddof 1) of the replicates' masses, clipped to [0, 1].
// It contains `value` by construction. Percentile and basic (reverse-percentile) intervals do not:
// a resampled set repeats sentences, so it has fewer distinct rows, which spreads the cosines
// (more mass at |cos| > 0.8, less at < 0.2); on unstructured data every replicate can lie on one
// side of the value, and then both intervals exclude it (BCa too, once the bias is that large).
// `bias` (mean of the replicates minus the same quantity on X) reports that shift; when |bias|
// is comparable to se, the mass depends on the number of distinct sentences, so compare masses
// only between runs on the same sentences (the run and its untrained control are).
//
// Bootstrap draw scheme (reproduced by tools/verify_results.py): replicate r = 0..R-1 in turn
// draws N row indices, each uniformBelow(state, N) in order from the same running state; the
// replicate's rows are X[idx] (duplicates kept), whose columns are then normalised afresh.
//
// Cost: with every pair, a replicate is the six d x d blocks again (0.6-2 s at GPT-2 XL's
// d = 1600 on one CPU thread), far too slow for a run's layers. With `pairs` > 0 the
// replicates use a seeded subset of `pairs` similarities per block instead: before the
// replicates, block b = QQ .. KV in turn draws `pairs` (i, j), each as i = uniformBelow(d), then
// j = uniformBelow(d) (QQ, KK, VV: drawn again, both, while i == j), from the same running
// state. A replicate's similarity of (i, j) is sum_n w_n x_ni x_nj / sqrt(sum_n w_n x_ni^2 *
// sum_n w_n x_nj^2), w_n = how often row n was drawn (0 when either sum is 0), which is the cosine
// of the columns of X[idx]. se and bias are then those of the subset's mass (bias against the
// subset's mass on X); `value` is still the mass on every pair. The subset's own binomial noise is
// fixed across replicates (the same pairs in each), so it adds at most 0.5 / sqrt(pairs) to se.
#include "util/torch_api.h"

#include <array>
#include <cstdint>

#include "analysis/similarity_math.h"
#include "analysis/similarity_results.h"

namespace laminar {

struct SpectrumSummarySettings {
  double high = 0.8;     // "large": |value| > high
  double low = 0.2;      // "small": |value| < low
  bool centre = false;   // false: cosine; true: the correlation variant (columns centred first)
  int replicates = 100;  // bootstrap replicates (>= 2); each costs one pass of the six blocks
  double level = 0.95;   // coverage of the normal interval: value -+ normalQuantile((1 + level) / 2) se
  int64_t pairs = 0;     // 0: every pair in every replicate; > 0: that many per block (centre = false only)
};

struct MassWithInterval {
  double value = 0;              // on the N sentences themselves, every pair
  double lower = 0, upper = 0;   // normal bootstrap interval, clipped to [0, 1]: lower <= value <= upper
  double se = 0;                 // bootstrap standard error (ddof 1 over the replicates)
  double bias = 0;               // mean of the replicates minus the same pairs' mass on X
};

struct BlockSpectrumSummary {
  MassWithInterval high, low;
};

using SpectrumMasses = std::array<std::array<double, 2>, kBlocks>;  // [block][0 = high, 1 = low]

// The masses of the six blocks of C = Xn^T Xn for xn [N, 3d] with unit columns, over the
// same values the spectrum histograms (QQ, KK, VV strict upper triangles; QK, QV, KV whole;
// clipped to [-1, 1]), as float64 computes them: similarityBlockHistograms' count of the
// values beyond the thresholds (float32 GEMMs on the CPU, float64 near a threshold).
SpectrumMasses spectrumMasses(const torch::Tensor& xn, int64_t d, double high, double low);
// The float64 reference: float64 GEMMs and tensor ops on xn's device.
SpectrumMasses spectrumMassesFloat64(const torch::Tensor& xn, int64_t d, double high, double low);
// The masses as fractions of a block's values, from a histogram pass that counted them.
SpectrumMasses spectrumMassesFrom(const BlockHistograms& h, int64_t d);

// The summary of X [N, 3d] (raw vectors, N >= 2) for one layer and group. `state` is the
// bootstrap's stream (e.g. streamState(seed, stream)). Throws laminar::Error for bad settings
// (replicates < 2, level outside (0, 1), thresholds outside [0, 1] or low > high, pairs < 0 or
// pairs > 0 with centre).
std::array<BlockSpectrumSummary, kBlocks> spectrumSummary(const torch::Tensor& x, int64_t d,
                                                          const SpectrumSummarySettings& settings, uint64_t state);
// The same, with the masses on X already counted (spectrumMasses of unitColumns(x, centre),
// e.g. by the run's histogram pass over the same columns).
std::array<BlockSpectrumSummary, kBlocks> spectrumSummary(const torch::Tensor& x, int64_t d,
                                                          const SpectrumSummarySettings& settings, uint64_t state,
                                                          const SpectrumMasses& observed);

}  // namespace laminar
