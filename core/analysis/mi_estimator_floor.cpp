#include "analysis/mi_estimator_floor.h"

#include <limits>
#include <string>
#include <vector>

#include "analysis/seeded_random.h"
#include "stats/descriptive.h"
#include "stats/zscore.h"
#include "util/error.h"

namespace laminar {

uint64_t floorStream(int layer, int site, int64_t pair) {
  if (layer < 0 || layer > 0xFFFF || site < 0 || site > 0xFF || pair < 0 || pair > 0xFFFFFF)
    throw Error("estimator floor stream: layer " + std::to_string(layer) + ", site " + std::to_string(site) +
                ", pair " + std::to_string(pair) + " out of range");
  return (uint64_t{0x464C} << 48) | (static_cast<uint64_t>(layer) << 32) | (static_cast<uint64_t>(site) << 24) |
         static_cast<uint64_t>(pair);
}

double pairEstimatorFloor(const double* vi, const double* vj, size_t d, const stats::PairMiSettings& settings,
                          int bins, uint64_t state) {
  return pairEstimatorFloor(stats::preparePairMiVector(vi, d, settings, "z-score trimming: first vector"),
                            stats::preparePairMiVector(vj, d, settings, "z-score trimming: second vector"), d, settings,
                            bins, state);
}

double pairEstimatorFloor(const stats::PairMiVector& vi, const stats::PairMiVector& vj, size_t d,
                          const stats::PairMiSettings& settings, int bins, uint64_t state) {
  // The same kept samples as the estimate (trimming is deterministic), y permuted.
  static thread_local stats::TrimmedPairs kept;
  stats::trimPreparedPair(vi, vj, d, settings, kept);
  if (kept.x.size() < 2) return std::numeric_limits<double>::quiet_NaN();
  const std::vector<int64_t> perm = seededPermutation(static_cast<int64_t>(kept.y.size()), state);
  std::vector<double> permuted(kept.y.size());
  for (size_t k = 0; k < permuted.size(); ++k) permuted[k] = kept.y[static_cast<size_t>(perm[k])];
  const stats::MiEstimate floor = stats::keptMutualInformation(kept.x.data(), permuted.data(), kept.x.size(), settings, bins);
  return floor.defined ? floor.mi : std::numeric_limits<double>::quiet_NaN();
}

PairMiWithFloor pairMutualInformationWithFloor(const double* vi, const double* vj, size_t d,
                                               const stats::PairMiSettings& settings, uint64_t state) {
  PairMiWithFloor out;
  out.estimate = stats::pairMutualInformation(vi, vj, d, settings);
  if (!out.estimate.defined) {
    out.floor = std::numeric_limits<double>::quiet_NaN();
    return out;
  }
  out.floor = pairEstimatorFloor(vi, vj, d, settings, out.estimate.bins, state);
  return out;
}

}  // namespace laminar
