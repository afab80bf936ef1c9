#include "analysis/mi_distance_math.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "stats/descriptive.h"
#include "stats/fisher_z.h"
#include "stats/kendall.h"
#include "stats/multiple_testing.h"
#include "stats/pair_mi.h"
#include "stats/ttest.h"
#include "util/error.h"

namespace laminar {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

stats::PairMiSettings pairSettings(const MiDistanceSettings& s) {
  stats::PairMiSettings p;
  p.estimator = stats::parseMiEstimator(s.estimator);
  p.bins = stats::parseHistogramBinRule(s.bins);
  p.zTrim = s.zTrim;
  p.zDdof = s.zDdof;
  p.ksgK = s.ksgK;
  return p;
}
}  // namespace

MiSiteLayer computeMiSite(const std::vector<double>& v, int64_t d, const std::vector<OccurrencePair>& pairs,
                          const MiDistanceSettings& settings, int layer, MiSite site) {
  const stats::PairMiSettings ps = pairSettings(settings);
  MiSiteLayer out;
  std::vector<double> distance;
  // The pairs are independent (laminar::stats is pure): spread them over libtorch's threads.
  std::vector<stats::MiEstimate> estimates(pairs.size());
  at::parallel_for(0, static_cast<int64_t>(pairs.size()), 1, [&](int64_t begin, int64_t end) {
    for (int64_t k = begin; k < end; ++k) {
      const OccurrencePair& pr = pairs[static_cast<size_t>(k)];
      estimates[static_cast<size_t>(k)] = stats::pairMutualInformation(v.data() + pr.i * d, v.data() + pr.j * d,
                                                                       static_cast<size_t>(d), ps);
    }
  });
  for (size_t k = 0; k < pairs.size(); ++k) {
    const OccurrencePair& pr = pairs[k];
    const stats::MiEstimate& e = estimates[k];
    if (!e.defined)
      throw Error("layer " + std::to_string(layer) + ", " + siteKey(site) + ", occurrences " + std::to_string(pr.i) +
                  " and " + std::to_string(pr.j) + ": mutual information undefined: " + e.reason +
                  " (lower --z-trim or use more dimensions)");
    out.pairMi.push_back(e.mi);
    out.keptSamples.push_back(static_cast<int64_t>(e.samples));
    out.bins.push_back(e.bins);
    distance.push_back(static_cast<double>(pr.distance));
  }
  out.meanMi = stats::mean(out.pairMi);
  stats::KendallResult k = stats::kendallTauB(distance, out.pairMi);
  out.tauExact = k.exact;
  if (k.defined) {
    out.tau = k.tau;
    out.tauP = k.p;
  } else {
    out.tau = out.tauP = kNaN;
    out.tauUndefined = k.reason;
  }
  return out;
}

void compareMiSites(MiLayer& l, int nLayer, const MiDistanceSettings& settings) {
  const MiSiteLayer& attn = l.sites[static_cast<size_t>(MiSite::Attn)];
  const MiSiteLayer& mlp = l.sites[static_cast<size_t>(MiSite::Mlp)];
  stats::TTestResult t = stats::tTestIndependent(attn.pairMi, mlp.pairMi, stats::parseTTestKind(settings.ttest));
  l.df = t.df;
  if (t.defined) {
    l.t = t.t;
    l.p = t.p;
  } else {
    l.t = l.p = kNaN;
    l.tUndefined = t.reason;
  }
  if (!attn.tauUndefined.empty() || !mlp.tauUndefined.empty()) {
    l.fisherZ = l.fisherP = kNaN;
    l.fisherUndefined = "tau undefined (" + (attn.tauUndefined.empty() ? "mlp: " + mlp.tauUndefined
                                                                        : "attn: " + attn.tauUndefined) + ")";
  } else {
    stats::FisherZResult z = stats::fisherZCompare(attn.tau, mlp.tau, static_cast<int64_t>(attn.pairMi.size()));
    if (z.defined) {
      l.fisherZ = z.z;
      l.fisherP = z.p;
    } else {
      l.fisherZ = l.fisherP = kNaN;
      l.fisherUndefined = z.reason;
    }
  }
  adjustLayerTests(l, nLayer, settings);
}

void adjustLayerTests(MiLayer& l, int nLayer, const MiDistanceSettings& settings) {
  const stats::AdjustedPValue t = stats::bonferroniOne(l.p, nLayer, settings.alpha);
  l.pBonferroni = t.adjusted;
  l.significantBonferroni = t.reject;
  const stats::AdjustedPValue z = stats::bonferroniOne(l.fisherP, nLayer, settings.alpha);
  l.fisherPBonferroni = z.adjusted;
  l.fisherSignificantBonferroni = z.reject;
}

void correctAcrossLayers(MiDistanceResults& r) {
  std::vector<double> p, fisherP;
  for (const MiLayer& l : r.layers) {
    p.push_back(l.p);
    fisherP.push_back(l.fisherP);
  }
  const stats::AdjustedPValues t = stats::benjaminiHochberg(p, r.settings.fdrQ);
  r.pFdr = t.adjusted;
  r.significantFdr = t.reject;
  const stats::AdjustedPValues z = stats::benjaminiHochberg(fisherP, r.settings.fdrQ);
  r.fisherPFdr = z.adjusted;
  r.fisherSignificantFdr = z.reject;
}

}  // namespace laminar
