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

namespace {

// keptMutualInformation for x and y known to be finite.
MiEstimate keptOfFinite(const double* x, const double* y, size_t n, const PairMiSettings& settings, int bins) {
  const bool millerMadow = settings.biasCorrection == MiBiasCorrection::MillerMadow;
  if (settings.estimator == MiEstimator::Ksg) {
    if (millerMadow) throw Error("the Miller-Madow correction applies to the histogram estimator only, not KSG");
    MiEstimate e = ksgMutualInformation(x, y, n, settings.ksgK);
    e.uncorrectedMi = e.mi;
    return e;
  }
  if (n < 2) {  // undefined, with the estimator's own reason
    HistogramBinRule fixed;
    fixed.fixedBins = bins;
    MiEstimate e = histogramMutualInformation(x, y, n, fixed);
    e.uncorrectedMi = e.mi;
    return e;
  }
  // One table gives the plug-in value and, when asked, its Miller-Madow correction.
  const HistogramMiTable table = histogramMiTableOfFinite(x, y, n, bins);
  MiEstimate e;
  e.samples = n;
  e.bins = bins;
  e.mi = e.uncorrectedMi = table.mi;
  if (millerMadow) e.mi = table.mi - millerMadowBias(table, n);
  return e;
}

// The kept samples of the pair being estimated, per thread: no allocation per pair.
TrimmedPairs& trimmedScratch() {
  static thread_local TrimmedPairs kept;
  return kept;
}

}  // namespace

MiEstimate keptMutualInformation(const double* x, const double* y, size_t n, const PairMiSettings& settings,
                                 int bins) {
  const char* what = settings.estimator == MiEstimator::Ksg ? "KSG MI" : "histogram MI";
  requireFinite(x, n, std::string(what) + ": x");
  requireFinite(y, n, std::string(what) + ": y");
  return keptOfFinite(x, y, n, settings, bins);
}

PairMiVector preparePairMiVector(const double* v, size_t d, const PairMiSettings& settings, const std::string& what) {
  requireFinite(v, d, what);
  PairMiVector p;
  p.values = v;
  // The other cases (trimming off, d <= ddof, a bad threshold) are left to zTrimOfFinite,
  // pair by pair.
  if (zTrimUsesScales(d, settings.zTrim, settings.zDdof)) {
    p.scale = zTrimScale(v, d, settings.zTrim, settings.zDdof);
    p.scaled = true;
  }
  return p;
}

void trimPreparedPair(const PairMiVector& vi, const PairMiVector& vj, size_t d, const PairMiSettings& settings,
                      TrimmedPairs& out) {
  if (vi.scaled && vj.scaled)
    zTrimWithScales(vi.values, vi.scale, vj.values, vj.scale, d, settings.zTrim, out);
  else
    zTrimOfFinite(vi.values, vj.values, d, settings.zTrim, settings.zDdof, out);
}

MiEstimate pairMutualInformation(const PairMiVector& vi, const PairMiVector& vj, size_t d,
                                 const PairMiSettings& settings) {
  if (d == 0) throw Error("pair MI: the vectors are empty");
  TrimmedPairs& kept = trimmedScratch();
  trimPreparedPair(vi, vj, d, settings, kept);
  const size_t m = kept.x.size();
  const bool histogram = settings.estimator == MiEstimator::Histogram;
  const int bins = histogram && m >= 2 ? histogramBinCountOfFinite(kept.x.data(), kept.y.data(), m, settings.bins) : 0;
  return keptOfFinite(kept.x.data(), kept.y.data(), m, settings, bins);
}

MiEstimate pairMutualInformation(const double* vi, const double* vj, size_t d,
                                 const PairMiSettings& settings) {
  return pairMutualInformation(preparePairMiVector(vi, d, settings, "pair MI: first vector"),
                               preparePairMiVector(vj, d, settings, "pair MI: second vector"), d, settings);
}

int pairFreedmanDiaconisBins(const PairMiVector& vi, const PairMiVector& vj, size_t d, const PairMiSettings& settings) {
  TrimmedPairs& kept = trimmedScratch();
  trimPreparedPair(vi, vj, d, settings, kept);
  if (kept.x.size() < 2)
    throw Error("pair MI: " + std::to_string(kept.x.size()) + " dimensions left after trimming, need at least 2");
  HistogramBinRule fd = settings.bins;
  fd.fixedBins = 0;
  fd.sharedPerLayer = false;
  return histogramBinCountOfFinite(kept.x.data(), kept.y.data(), kept.x.size(), fd);
}

int pairFreedmanDiaconisBins(const double* vi, const double* vj, size_t d, const PairMiSettings& settings) {
  return pairFreedmanDiaconisBins(preparePairMiVector(vi, d, settings, "pair MI: first vector"),
                                  preparePairMiVector(vj, d, settings, "pair MI: second vector"), d, settings);
}

}  // namespace laminar::stats
