#include "stats/pair_mi.h"

#include "stats/descriptive.h"
#include "stats/ksg_mi.h"
#include "stats/zscore.h"
#include "util/error.h"

namespace laminar::stats {

MiEstimator parseMiEstimator(const std::string& name) {
  if (name == "hist") return MiEstimator::Histogram;
  if (name == "ksg") return MiEstimator::Ksg;
  throw Error("unknown MI estimator '" + name + "' (expected 'hist' or 'ksg')");
}

const char* miEstimatorName(MiEstimator e) { return e == MiEstimator::Histogram ? "hist" : "ksg"; }

MiEstimate pairMutualInformation(const double* vi, const double* vj, size_t d,
                                 const PairMiSettings& settings) {
  requireFinite(vi, d, "pair MI: first vector");
  requireFinite(vj, d, "pair MI: second vector");
  if (d == 0) throw Error("pair MI: the vectors are empty");
  const TrimmedPairs kept = zTrim(vi, vj, d, settings.zTrim, settings.zDdof);
  const size_t m = kept.x.size();
  if (settings.estimator == MiEstimator::Ksg)
    return ksgMutualInformation(kept.x.data(), kept.y.data(), m, settings.ksgK);
  return histogramMutualInformation(kept.x.data(), kept.y.data(), m, settings.bins);
}

}  // namespace laminar::stats
