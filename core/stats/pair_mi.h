#pragma once
// The "Pair MI" of experiment 2 in one call (analysis-spec.md): z-score trimming of the two
// activation vectors, then the histogram or KSG estimator on the kept dimensions.
// Every function in laminar::stats is pure (no shared state), so pairs may be computed on
// several threads at once. Inputs are double: convert float32 activations first, exactly as
// a numpy check would (np.float64(v)).
#include <cstddef>
#include <string>

#include "stats/histogram_mi.h"

namespace laminar::stats {

enum class MiEstimator { Histogram, Ksg };
// "hist" | "ksg"; anything else throws laminar::Error quoting the text.
MiEstimator parseMiEstimator(const std::string& name);
const char* miEstimatorName(MiEstimator e);

struct PairMiSettings {
  MiEstimator estimator = MiEstimator::Histogram;
  HistogramBinRule bins;  // histogram estimator only
  double zTrim = 4.0;     // drop k where |z_i[k]| or |z_j[k]| > zTrim; 0 = off
  int zDdof = 0;          // ddof of the std used for the z-scores
  int ksgK = 3;           // KSG estimator only
};

// MI between the d-dimensional vectors vi and vj read as d paired samples (vi[k], vj[k]).
// The result's `samples` is the number of dimensions kept after trimming, `bins` the B used.
MiEstimate pairMutualInformation(const double* vi, const double* vj, size_t d,
                                 const PairMiSettings& settings);

}  // namespace laminar::stats
