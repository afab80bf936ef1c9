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

MiBiasCorrection parseMiBiasCorrection(const std::string& name) {
  if (name == "none") return MiBiasCorrection::None;
  if (name == "miller-madow") return MiBiasCorrection::MillerMadow;
  throw Error("unknown MI bias correction '" + name + "' (expected 'none' or 'miller-madow')");
}

const char* miBiasCorrectionName(MiBiasCorrection c) {
  return c == MiBiasCorrection::None ? "none" : "miller-madow";
}

MiEstimate keptMutualInformation(const double* x, const double* y, size_t n, const PairMiSettings& settings,
                                 int bins) {
  const bool millerMadow = settings.biasCorrection == MiBiasCorrection::MillerMadow;
  if (settings.estimator == MiEstimator::Ksg) {
    if (millerMadow) throw Error("the Miller-Madow correction applies to the histogram estimator only, not KSG");
    MiEstimate e = ksgMutualInformation(x, y, n, settings.ksgK);
    e.uncorrectedMi = e.mi;
    return e;
  }
  HistogramBinRule fixed;
  fixed.fixedBins = bins;
  MiEstimate e = histogramMutualInformation(x, y, n, fixed);  // validates and handles n < 2
  e.uncorrectedMi = e.mi;
  if (e.defined && millerMadow) {
    const HistogramMiTable table = histogramMutualInformationTable(x, y, n, bins);
    e.mi = table.mi - millerMadowBias(table, n);
  }
  return e;
}

MiEstimate pairMutualInformation(const double* vi, const double* vj, size_t d,
                                 const PairMiSettings& settings) {
  requireFinite(vi, d, "pair MI: first vector");
  requireFinite(vj, d, "pair MI: second vector");
  if (d == 0) throw Error("pair MI: the vectors are empty");
  const TrimmedPairs kept = zTrim(vi, vj, d, settings.zTrim, settings.zDdof);
  const size_t m = kept.x.size();
  const bool histogram = settings.estimator == MiEstimator::Histogram;
  const int bins = histogram && m >= 2 ? histogramBinCount(kept.x.data(), kept.y.data(), m, settings.bins) : 0;
  return keptMutualInformation(kept.x.data(), kept.y.data(), m, settings, bins);
}

int pairFreedmanDiaconisBins(const double* vi, const double* vj, size_t d, const PairMiSettings& settings) {
  requireFinite(vi, d, "pair MI: first vector");
  requireFinite(vj, d, "pair MI: second vector");
  const TrimmedPairs kept = zTrim(vi, vj, d, settings.zTrim, settings.zDdof);
  if (kept.x.size() < 2)
    throw Error("pair MI: " + std::to_string(kept.x.size()) + " dimensions left after trimming, need at least 2");
  HistogramBinRule fd = settings.bins;
  fd.fixedBins = 0;
  fd.sharedPerLayer = false;
  return histogramBinCount(kept.x.data(), kept.y.data(), kept.x.size(), fd);
}

}  // namespace laminar::stats
