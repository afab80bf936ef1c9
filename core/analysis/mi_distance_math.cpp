#include "analysis/mi_distance_math.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <chrono>
#include <cmath>

#include "analysis/mi_estimator_floor.h"
#include "analysis/mi_permutation_null.h"
#include "analysis/seeded_random.h"
#include "stats/correlation.h"
#include "stats/descriptive.h"
#include "stats/fisher_z.h"
#include "stats/kendall.h"
#include "stats/multiple_testing.h"
#include "stats/pair_mi.h"
#include "stats/paired_tests.h"
#include "stats/ttest.h"
#include "util/error.h"
#include "util/not_a_number.h"

namespace laminar {

namespace {

double secondsSince(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

bool allFinite(const std::vector<double>& v) {
  return std::all_of(v.begin(), v.end(), [](double x) { return std::isfinite(x); });
}

// Correlations are undefined (NaN) where an estimate is.
void correlate(const std::vector<double>& a, const std::vector<double>& b, double& pearson, double& spearman) {
  if (a.size() != b.size() || !allFinite(a) || !allFinite(b)) {
    pearson = spearman = kNaN;
    return;
  }
  pearson = stats::pearsonCorrelation(a, b);
  spearman = stats::spearmanCorrelation(a, b);
}

PermutationSummary summarise(const PermutationNull& n) {
  PermutationSummary s;
  s.observed = n.observed;
  s.nullLow = nullQuantile(n, 0.025);
  s.nullHigh = nullQuantile(n, 0.975);
  s.atLeastAsExtreme = n.atLeastAsExtreme;
  s.permutations = n.permutations;
  s.p = n.p;
  s.undefined = n.undefined;
  return s;
}

// Every pair's estimate with `ps`, spread over libtorch's threads (laminar::stats is pure).
template <typename F>
void forEachPair(size_t n, F&& f) {
  at::parallel_for(0, static_cast<int64_t>(n), 1, [&](int64_t begin, int64_t end) {
    for (int64_t k = begin; k < end; ++k) f(static_cast<size_t>(k));
  });
}

// Each occurrence vector that some pair uses, checked and scaled for trimming once
// (stats::PairMiVector) instead of once per pair it is in; rows no pair uses stay empty.
std::vector<stats::PairMiVector> preparedRows(const std::vector<double>& v, int64_t d,
                                              const std::vector<OccurrencePair>& pairs, const stats::PairMiSettings& ps) {
  std::vector<stats::PairMiVector> rows(static_cast<size_t>(d > 0 ? static_cast<int64_t>(v.size()) / d : 0));
  for (const OccurrencePair& pr : pairs)
    for (const int64_t r : {pr.i, pr.j}) {
      if (r < 0 || static_cast<size_t>(r) >= rows.size())
        throw std::logic_error("MI pair refers to occurrence " + std::to_string(r) + " of " + std::to_string(rows.size()));
      stats::PairMiVector& row = rows[static_cast<size_t>(r)];
      if (!row.values)
        row = stats::preparePairMiVector(v.data() + r * d, static_cast<size_t>(d), ps,
                                         "pair MI: occurrence " + std::to_string(r));
    }
  return rows;
}

// The comparison's second estimator on the same pairs; histMi / ksgMi and their correlation.
void compareEstimators(MiSiteLayer& out, const std::vector<double>& v, int64_t d,
                       const std::vector<OccurrencePair>& pairs, const MiDistanceSettings& settings, int sharedBins) {
  const stats::MiEstimator main = stats::parseMiEstimator(settings.estimator);
  const stats::MiEstimator other = main == stats::MiEstimator::Histogram ? stats::MiEstimator::Ksg
                                                                         : stats::MiEstimator::Histogram;
  const stats::PairMiSettings ps = pairMiSettings(settings, other, sharedBins);
  std::vector<double> second(pairs.size());
  forEachPair(pairs.size(), [&](size_t k) {
    const OccurrencePair& pr = pairs[k];
    const stats::MiEstimate e = stats::pairMutualInformation(v.data() + pr.i * d, v.data() + pr.j * d,
                                                             static_cast<size_t>(d), ps);
    second[k] = e.defined ? e.mi : kNaN;
  });
  out.histMi = main == stats::MiEstimator::Histogram ? out.pairMi : second;
  out.ksgMi = main == stats::MiEstimator::Histogram ? second : out.pairMi;
  correlate(out.histMi, out.ksgMi, out.estimatorPearson, out.estimatorSpearman);
}

void pairedTests(MiLayer& l, const std::vector<double>& attn, const std::vector<double>& mlp) {
  const stats::TTestResult t = stats::pairedTTest(attn, mlp);
  l.pairedDf = t.df;
  if (t.defined) {
    l.pairedT = t.t;
    l.pairedP = t.p;
  } else {
    l.pairedT = l.pairedP = kNaN;
    l.pairedUndefined = t.reason;
  }
  const stats::WilcoxonResult w = stats::wilcoxonSignedRank(attn, mlp);
  l.wilcoxonExact = w.exact;
  if (w.defined) {
    l.wilcoxonStatistic = w.statistic;
    l.wilcoxonP = w.p;
  } else {
    l.wilcoxonStatistic = l.wilcoxonP = kNaN;
    l.wilcoxonUndefined = w.reason;
  }
}

ControlFdr controlFdr(const std::string& key, const std::vector<double>& p, double q) {
  const stats::AdjustedPValues a = stats::benjaminiHochberg(p, q);
  return {key, a.adjusted, a.reject};
}

void correctControlsAcrossLayers(MiDistanceResults& r) {
  r.controlsFdr.clear();
  if (r.layers.empty() || !std::all_of(r.layers.begin(), r.layers.end(), [](const MiLayer& l) { return l.hasControls; }))
    return;
  std::vector<double> kAttn, kMlp, flip, paired, wilcoxon;
  std::array<std::vector<double>, 3> hist, ksg;
  for (const MiLayer& l : r.layers) {
    kAttn.push_back(l.sites[0].kendallNull.p);
    kMlp.push_back(l.sites[1].kendallNull.p);
    flip.push_back(l.siteNull.p);
    paired.push_back(l.pairedP);
    wilcoxon.push_back(l.wilcoxonP);
    for (int s = 0; s < kSites; ++s) {
      const MiSiteLayer& sl = l.sites[static_cast<size_t>(s)];
      if (sl.histMi.empty()) continue;
      const double h = stats::mean(sl.histMi), k = allFinite(sl.ksgMi) ? stats::mean(sl.ksgMi) : kNaN;
      hist[static_cast<size_t>(s)].push_back(h);
      ksg[static_cast<size_t>(s)].push_back(k);
      hist[2].push_back(h);
      ksg[2].push_back(k);
    }
  }
  const double q = r.settings.fdrQ;
  r.controlsFdr = {controlFdr("kendallPermutationAttn", kAttn, q), controlFdr("kendallPermutationMlp", kMlp, q),
                   controlFdr("siteSignFlip", flip, q), controlFdr("pairedT", paired, q),
                   controlFdr("wilcoxon", wilcoxon, q)};
  for (size_t s = 0; s < 3; ++s)
    if (hist[s].size() == (s < 2 ? r.layers.size() : 2 * r.layers.size()))
      correlate(hist[s], ksg[s], r.layersPearson[s], r.layersSpearman[s]);
}
}  // namespace

stats::PairMiSettings pairMiSettings(const MiDistanceSettings& s, stats::MiEstimator estimator, int sharedBins) {
  stats::PairMiSettings p;
  p.estimator = estimator;
  p.bins = stats::parseHistogramBinRule(s.bins);
  if (p.bins.sharedPerLayer) p.bins.fixedBins = sharedBins;
  if (estimator == stats::MiEstimator::Histogram) p.biasCorrection = stats::parseMiBiasCorrection(s.biasCorrection);
  p.zTrim = s.zTrim;
  p.zDdof = s.zDdof;
  p.ksgK = s.ksgK;
  return p;
}

int sharedLayerBins(const std::array<std::vector<double>, kSites>& v, int64_t d, const std::vector<OccurrencePair>& pairs,
                    const MiDistanceSettings& settings) {
  const stats::PairMiSettings ps = pairMiSettings(settings, stats::MiEstimator::Histogram);
  std::vector<int> perPair(kSites * pairs.size());
  for (int s = 0; s < kSites; ++s) {
    const std::vector<stats::PairMiVector> rows = preparedRows(v[static_cast<size_t>(s)], d, pairs, ps);
    forEachPair(pairs.size(), [&](size_t k) {
      const OccurrencePair& pr = pairs[k];
      perPair[static_cast<size_t>(s) * pairs.size() + k] = stats::pairFreedmanDiaconisBins(
          rows[static_cast<size_t>(pr.i)], rows[static_cast<size_t>(pr.j)], static_cast<size_t>(d), ps);
    });
  }
  return stats::sharedFreedmanDiaconisBins(perPair);
}

MiSiteLayer computeMiSite(const std::vector<double>& v, int64_t d, const std::vector<OccurrencePair>& pairs,
                          const MiDistanceSettings& settings, int layer, MiSite site, int sharedBins, bool withFloor,
                          double* floorSeconds) {
  const stats::PairMiSettings ps = pairMiSettings(settings, stats::parseMiEstimator(settings.estimator), sharedBins);
  if (ps.estimator == stats::MiEstimator::Histogram && ps.bins.sharedPerLayer && sharedBins < 1)
    throw Error("layer " + std::to_string(layer) + ": --bins shared-fd needs the layer's bin count (sharedLayerBins)");
  MiSiteLayer out;
  std::vector<double> distance;
  std::vector<stats::MiEstimate> estimates(pairs.size());
  const std::vector<stats::PairMiVector> rows = preparedRows(v, d, pairs, ps);
  forEachPair(pairs.size(), [&](size_t k) {
    const OccurrencePair& pr = pairs[k];
    estimates[k] = stats::pairMutualInformation(rows[static_cast<size_t>(pr.i)], rows[static_cast<size_t>(pr.j)],
                                                static_cast<size_t>(d), ps);
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
  if (withFloor) {
    const auto t0 = std::chrono::steady_clock::now();
    out.floor.resize(pairs.size());
    forEachPair(pairs.size(), [&](size_t k) {
      const OccurrencePair& pr = pairs[k];
      const uint64_t state = streamState(settings.seed, floorStream(layer, static_cast<int>(site), static_cast<int64_t>(k)));
      out.floor[k] = pairEstimatorFloor(rows[static_cast<size_t>(pr.i)], rows[static_cast<size_t>(pr.j)],
                                        static_cast<size_t>(d), ps, out.bins[k], state);
    });
    out.meanFloor = stats::mean(out.floor);
    std::vector<double> above = out.comparedMi(true);
    out.meanAboveFloor = stats::mean(above);
    if (floorSeconds) *floorSeconds += secondsSince(t0);
  }
  stats::KendallResult k = stats::kendallTauB(distance, out.comparedMi(settings.aboveFloor()));
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

MiLayer computeMiLayer(const std::array<std::vector<double>, kSites>& v, int64_t d,
                       const std::vector<OccurrencePair>& pairs, const std::vector<int>& pairGroup,
                       const MiDistanceSettings& settings, int layer, int nLayer) {
  MiLayer out;
  out.layer = layer;
  out.hasControls = true;
  const bool hist = stats::parseMiEstimator(settings.estimator) == stats::MiEstimator::Histogram;
  const bool compare = settings.compareKsg == "on";
  if (stats::parseHistogramBinRule(settings.bins).sharedPerLayer && (hist || compare))
    out.sharedBins = sharedLayerBins(v, d, pairs, settings);
  std::vector<double> distance;
  for (const OccurrencePair& p : pairs) distance.push_back(static_cast<double>(p.distance));
  std::array<std::vector<double>, kSites> compared;
  for (int s = 0; s < kSites; ++s) {
    MiSiteLayer& sl = out.sites[static_cast<size_t>(s)];
    const std::vector<double>& sv = v[static_cast<size_t>(s)];
    sl = computeMiSite(sv, d, pairs, settings, layer, static_cast<MiSite>(s), out.sharedBins, true, &out.floorSeconds);
    if (compare) {
      const auto t0 = std::chrono::steady_clock::now();
      compareEstimators(sl, sv, d, pairs, settings, out.sharedBins);
      out.comparisonSeconds += secondsSince(t0);
    }
    compared[static_cast<size_t>(s)] = sl.comparedMi(settings.aboveFloor());
    const auto t0 = std::chrono::steady_clock::now();
    const uint64_t state = streamState(settings.seed, permutationStream(PermutationTest::KendallTau, layer, s));
    sl.kendallNull = summarise(kendallPermutationNull(distance, compared[static_cast<size_t>(s)], pairGroup,
                                                      settings.permutations, state));
    out.permutationSeconds += secondsSince(t0);
  }
  compareMiSites(out, nLayer, settings);
  pairedTests(out, compared[0], compared[1]);
  const auto t0 = std::chrono::steady_clock::now();
  const uint64_t state = streamState(settings.seed, permutationStream(PermutationTest::SiteDifference, layer, 0));
  out.siteNull = summarise(siteDifferenceSignFlipNull(compared[0], compared[1], settings.permutations, state));
  out.permutationSeconds += secondsSince(t0);
  return out;
}

void compareMiSites(MiLayer& l, int nLayer, const MiDistanceSettings& settings) {
  const MiSiteLayer& attn = l.sites[static_cast<size_t>(MiSite::Attn)];
  const MiSiteLayer& mlp = l.sites[static_cast<size_t>(MiSite::Mlp)];
  stats::TTestResult t = stats::tTestIndependent(attn.comparedMi(settings.aboveFloor()), mlp.comparedMi(settings.aboveFloor()),
                                                 stats::parseTTestKind(settings.ttest));
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
  correctControlsAcrossLayers(r);
}

}  // namespace laminar
