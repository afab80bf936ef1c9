#pragma once
// The estimator floor of experiment 2 (issue 10, item 3): for a pair, the MI the same
// estimator reports for the same kept samples once the dependence is destroyed, i.e. of x
// against a seeded permutation of y, with the same trimming, the same B and the same bias
// correction. It measures the estimator's bias at zero dependence for exactly this pair's
// sample size, bin count and marginal shapes; "MI above floor" = mi - floor.
//
// Draw scheme (reproduced by tools/verify_results.py): state = streamState(seed,
// floorStream(layer, site, pair)); perm = seededPermutation(m, state) over the m kept samples;
// the floor is the estimator on (x[k], y[perm[k]]).
#include <cstddef>
#include <cstdint>

#include "stats/pair_mi.h"

namespace laminar {

// 0x464C ("FL") << 48 | layer << 32 | site << 24 | pair: distinct from the text, shuffle and
// permutation-null streams. layer < 65536, site < 256, pair < 2^24 (else laminar::Error).
uint64_t floorStream(int layer, int site, int64_t pair);

struct PairMiWithFloor {
  stats::MiEstimate estimate;  // exactly what stats::pairMutualInformation gives
  double floor = 0;            // the same estimator on the permuted kept samples; NaN when undefined
  double aboveFloor() const { return estimate.mi - floor; }
};

// The floor alone for a pair whose estimate used B = `bins` (ignored by KSG): trimming again
// (deterministic), then the draw above. NaN when fewer than 2 dimensions survive trimming.
double pairEstimatorFloor(const double* vi, const double* vj, size_t d, const stats::PairMiSettings& settings,
                          int bins, uint64_t state);
// The same for vectors prepared once for all their pairs (stats::preparePairMiVector).
double pairEstimatorFloor(const stats::PairMiVector& vi, const stats::PairMiVector& vj, size_t d,
                          const stats::PairMiSettings& settings, int bins, uint64_t state);

// settings.bins must resolve per pair (fd or fixed; for shared-fd pass the layer's B as
// fixedBins). Errors as stats::pairMutualInformation.
PairMiWithFloor pairMutualInformationWithFloor(const double* vi, const double* vj, size_t d,
                                               const stats::PairMiSettings& settings, uint64_t state);

}  // namespace laminar
