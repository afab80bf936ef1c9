#pragma once
// The "Pair MI" of experiment 2 in one call (analysis-spec.md): z-score trimming of the two
// activation vectors, then the histogram or KSG estimator on the kept dimensions.
// Every function in laminar::stats is pure (no shared state), so pairs may be computed on
// several threads at once. Inputs are double: convert float32 activations first, exactly as
// a numpy check would (np.float64(v)).
#include <cstddef>
#include <string>

#include "stats/histogram_mi.h"
#include "stats/zscore.h"

namespace laminar::stats {

enum class MiEstimator { Histogram, Ksg };
// "hist" | "ksg"; anything else throws laminar::Error quoting the text.
MiEstimator parseMiEstimator(const std::string& name);
const char* miEstimatorName(MiEstimator e);

// Bias correction of the histogram estimator (issue 10): none (the plug-in value of the
// original analysis) or Miller-Madow (stats/histogram_mi.h: millerMadowBias).
enum class MiBiasCorrection { None, MillerMadow };
// "none" | "miller-madow"; anything else throws laminar::Error quoting the text.
MiBiasCorrection parseMiBiasCorrection(const std::string& name);
const char* miBiasCorrectionName(MiBiasCorrection c);

struct PairMiSettings {
  MiEstimator estimator = MiEstimator::Histogram;
  HistogramBinRule bins;  // histogram estimator only
  MiBiasCorrection biasCorrection = MiBiasCorrection::None;  // histogram estimator only
  double zTrim = 4.0;     // drop k where |z_i[k]| or |z_j[k]| > zTrim; 0 = off
  int zDdof = 0;          // ddof of the std used for the z-scores
  int ksgK = 3;           // KSG estimator only
};

// MI between the d-dimensional vectors vi and vj read as d paired samples (vi[k], vj[k]).
// The result's `samples` is the number of dimensions kept after trimming, `bins` the B used.
// With Miller-Madow the result's mi is the corrected value (may be < 0) and `uncorrectedMi`
// the plug-in one; Miller-Madow with the KSG estimator throws laminar::Error.
MiEstimate pairMutualInformation(const double* vi, const double* vj, size_t d,
                                 const PairMiSettings& settings);

// One activation vector made ready for several pair estimates: checked to be finite once (an
// error names it `what`) and its trimming scale computed once. Experiment 2 meets each
// occurrence's vector in several pairs; the estimates are exactly those of the plain call.
struct PairMiVector {
  const double* values = nullptr;  // d values, not owned
  TrimScale scale;
  bool scaled = false;  // false where trimming is off or not in its main case
};
PairMiVector preparePairMiVector(const double* v, size_t d, const PairMiSettings& settings, const std::string& what);
MiEstimate pairMutualInformation(const PairMiVector& vi, const PairMiVector& vj, size_t d,
                                 const PairMiSettings& settings);
// The kept samples of a prepared pair, as zTrim would give them, written into `out`.
void trimPreparedPair(const PairMiVector& vi, const PairMiVector& vj, size_t d, const PairMiSettings& settings,
                      TrimmedPairs& out);

// The estimator of `settings` on samples already trimmed (x[k], y[k]), k < n, with B = `bins`
// for the histogram estimator (ignored by KSG): the step pairMutualInformation takes after
// trimming, shared with the estimator floor (analysis/mi_estimator_floor.h).
MiEstimate keptMutualInformation(const double* x, const double* y, size_t n, const PairMiSettings& settings,
                                 int bins);

// The clamped Freedman-Diaconis B the "fd" rule picks for this pair (after trimming, on the
// pooled kept values): the per-pair input of sharedFreedmanDiaconisBins. Throws
// laminar::Error when fewer than 2 dimensions survive trimming.
int pairFreedmanDiaconisBins(const double* vi, const double* vj, size_t d, const PairMiSettings& settings);
// The same for vectors prepared once for all their pairs.
int pairFreedmanDiaconisBins(const PairMiVector& vi, const PairMiVector& vj, size_t d, const PairMiSettings& settings);

}  // namespace laminar::stats
