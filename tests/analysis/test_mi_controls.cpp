// The controls of experiment 2 wired into one layer (issue 10): computeMiLayer on synthetic
// occurrence vectors. A planted dependence (an AR(1) chain along the token positions: closer
// occurrences share more) must give small permutation p-values; independent vectors must give
// p-values spread evenly over many seeds (Kolmogorov-Smirnov distance from U(0, 1)). Also:
// shared-fd uses one B per layer, parity settings reproduce the original statistics, and the
// compared MI is pair MI minus floor. Every draw is seeded: the test is deterministic.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "analysis/mi_distance_math.h"
#include "analysis/mi_distance_results.h"
#include "analysis/mi_estimator_floor.h"
#include "analysis/mi_permutation_null.h"
#include "analysis/seeded_random.h"
#include "stats/kendall.h"
#include "stats/pair_mi.h"
#include "stats/ttest.h"
#include "util/error.h"

namespace laminar {
namespace {

constexpr int kTexts = 3, kPerText = 7;
constexpr int64_t kD = 256;

struct Layer {
  std::array<std::vector<double>, kSites> v;
  std::vector<OccurrencePair> pairs;
  std::vector<int> group;
};

// Occurrences at random increasing positions; site s's vector of occurrence k follows an AR(1)
// chain in token distance (correlation a^distance with the previous occurrence) when chained[s],
// else independent N(0, 1) in every dimension.
Layer makeLayer(uint64_t seed, std::array<bool, kSites> chained, double a = 0.9) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> z(0, 1);
  std::uniform_int_distribution<int> gap(1, 6);
  Layer L;
  std::vector<int64_t> position;
  int occurrence = 0;
  for (int t = 0; t < kTexts; ++t) {
    int64_t p = gap(rng);
    std::vector<int> ids;
    for (int k = 0; k < kPerText; ++k, ++occurrence) {
      if (k) p += gap(rng);
      position.push_back(p);
      ids.push_back(occurrence);
    }
    for (int i = 0; i < kPerText; ++i)
      for (int j = i + 1; j < kPerText; ++j) {
        L.pairs.push_back({ids[static_cast<size_t>(i)], ids[static_cast<size_t>(j)],
                           position[static_cast<size_t>(ids[static_cast<size_t>(j)])] -
                               position[static_cast<size_t>(ids[static_cast<size_t>(i)])]});
        L.group.push_back(t);
      }
  }
  for (int s = 0; s < kSites; ++s) {
    std::vector<double>& v = L.v[static_cast<size_t>(s)];
    v.resize(static_cast<size_t>(occurrence * kD));
    for (int k = 0; k < occurrence; ++k) {
      const bool first = k % kPerText == 0;
      const double rho = first ? 0.0 : std::pow(a, static_cast<double>(position[static_cast<size_t>(k)] -
                                                                       position[static_cast<size_t>(k - 1)]));
      for (int64_t c = 0; c < kD; ++c) {
        const double prev = first ? 0.0 : v[static_cast<size_t>((k - 1) * kD + c)];
        const double e = z(rng);
        v[static_cast<size_t>(k * kD + c)] = chained[static_cast<size_t>(s)] ? rho * prev + std::sqrt(1 - rho * rho) * e : e;
      }
    }
  }
  return L;
}

MiDistanceSettings controlSettings(int permutations, uint64_t seed) {
  MiDistanceSettings s;
  s.permutations = permutations;
  s.seed = seed;
  s.compareKsg = "off";
  return s;
}

MiLayer run(const Layer& L, const MiDistanceSettings& s) {
  return computeMiLayer(L.v, kD, L.pairs, L.group, s, 0, 1);
}

double ksDistance(std::vector<double> p) {
  std::sort(p.begin(), p.end());
  double d = 0;
  const double n = static_cast<double>(p.size());
  for (size_t i = 0; i < p.size(); ++i)
    d = std::max({d, (static_cast<double>(i) + 1) / n - p[i], p[i] - static_cast<double>(i) / n});
  return d;
}

TEST(MiControls, PlantedDependenceGivesSmallPermutationP) {
  const Layer L = makeLayer(11, {true, false});
  const MiLayer l = run(L, controlSettings(999, 3));
  ASSERT_TRUE(l.hasControls);
  const MiSiteLayer& attn = l.sites[0];
  EXPECT_LT(attn.tau, -0.3);                        // closer pairs share more
  EXPECT_LE(attn.kendallNull.p, 0.002);              // at most 1 of 999 shuffles as extreme
  EXPECT_EQ(attn.kendallNull.observed, attn.tau);    // the null is of the reported tau
  EXPECT_LT(attn.kendallNull.nullHigh, -attn.tau);   // the band lies inside the observed value
  EXPECT_GT(attn.kendallNull.nullLow, attn.tau);
  // Attention carries the dependence, the MLP does not: the site tests see it.
  EXPECT_GT(l.siteNull.observed, 0);
  EXPECT_LE(l.siteNull.p, 0.002);
  EXPECT_LT(l.pairedP, 1e-4);
  EXPECT_LT(l.wilcoxonP, 1e-4);
  EXPECT_GT(l.sites[1].kendallNull.p, 0.01);  // independent MLP vectors
}

TEST(MiControls, PValuesOnIndependentDataAreUniform) {
  std::vector<double> kendall, flip;
  for (uint64_t seed = 0; seed < 80; ++seed) {
    const Layer L = makeLayer(1000 + seed, {false, false});
    const MiLayer l = run(L, controlSettings(199, seed));
    kendall.push_back(l.sites[0].kendallNull.p);
    flip.push_back(l.siteNull.p);
  }
  // KS critical value for n = 80 at alpha 0.01 is about 0.18.
  EXPECT_LT(ksDistance(kendall), 0.18);
  EXPECT_LT(ksDistance(flip), 0.18);
  // and not degenerate: some small, some large
  EXPECT_LT(*std::min_element(kendall.begin(), kendall.end()), 0.1);
  EXPECT_GT(*std::max_element(kendall.begin(), kendall.end()), 0.9);
}

TEST(MiControls, SharedFdUsesOneBinCountPerLayerAndTheFloorIsSeeded) {
  const Layer L = makeLayer(5, {true, false});
  MiDistanceSettings s = controlSettings(9, 42);
  ASSERT_EQ(s.bins, "shared-fd");
  const MiLayer l = run(L, s);
  std::vector<int> perPair;
  const stats::PairMiSettings ps = pairMiSettings(s, stats::MiEstimator::Histogram);
  for (int site = 0; site < kSites; ++site)
    for (const OccurrencePair& p : L.pairs)
      perPair.push_back(stats::pairFreedmanDiaconisBins(L.v[static_cast<size_t>(site)].data() + p.i * kD,
                                                        L.v[static_cast<size_t>(site)].data() + p.j * kD, kD, ps));
  EXPECT_EQ(l.sharedBins, stats::sharedFreedmanDiaconisBins(perPair));
  for (const MiSiteLayer& site : l.sites)
    for (int b : site.bins) EXPECT_EQ(b, l.sharedBins);
  // Floor of pair 4 at the MLP: the documented stream, independent of the others.
  const OccurrencePair& p = L.pairs[4];
  const double floor = pairEstimatorFloor(L.v[1].data() + p.i * kD, L.v[1].data() + p.j * kD, kD,
                                          pairMiSettings(s, stats::MiEstimator::Histogram, l.sharedBins), l.sharedBins,
                                          streamState(42, floorStream(0, 1, 4)));
  EXPECT_EQ(l.sites[1].floor[4], floor);
  // Tau and the t-test use MI above floor.
  std::vector<double> distance;
  for (const OccurrencePair& q : L.pairs) distance.push_back(static_cast<double>(q.distance));
  EXPECT_DOUBLE_EQ(l.sites[0].tau, stats::kendallTauB(distance, l.sites[0].comparedMi(true)).tau);
  EXPECT_NE(l.sites[0].comparedMi(true), l.sites[0].pairMi);
}

TEST(MiControls, ParitySettingsGiveTheOriginalStatistics) {
  const Layer L = makeLayer(6, {true, true});
  MiDistanceSettings s = controlSettings(9, 0);
  s.bins = "fd";
  s.miCompared = "raw";
  const MiLayer l = run(L, s);
  stats::PairMiSettings ps;  // the original analysis: per-pair FD, plug-in, |z| <= 4
  std::vector<double> distance;
  for (int site = 0; site < kSites; ++site)
    for (size_t k = 0; k < L.pairs.size(); ++k) {
      const OccurrencePair& p = L.pairs[k];
      const stats::MiEstimate e = stats::pairMutualInformation(L.v[static_cast<size_t>(site)].data() + p.i * kD,
                                                               L.v[static_cast<size_t>(site)].data() + p.j * kD, kD, ps);
      EXPECT_EQ(l.sites[static_cast<size_t>(site)].pairMi[k], e.mi);
      if (site == 0) distance.push_back(static_cast<double>(p.distance));
    }
  EXPECT_EQ(l.sites[1].tau, stats::kendallTauB(distance, l.sites[1].pairMi).tau);
  EXPECT_EQ(l.t, stats::tTestIndependent(l.sites[0].pairMi, l.sites[1].pairMi, stats::TTestKind::Student).t);
  EXPECT_EQ(l.sharedBins, 0);
  EXPECT_EQ(l.sites[0].floor.size(), L.pairs.size());  // the controls are still there
}

TEST(MiControls, SharedFdWithoutTheLayerCountIsAClearError) {
  const Layer L = makeLayer(7, {false, false});
  EXPECT_THROW(computeMiSite(L.v[0], kD, L.pairs, MiDistanceSettings{}, 0, MiSite::Attn), Error);
}

}  // namespace
}  // namespace laminar

// The profile's error bars: the standard error of the mean compared MI across pairs, raw or
// above the floor. Expected values from scipy.stats.sem([1, 2, 3, 4]) and
// scipy.stats.sem([0.5, 1.5, 2, 3]) (Debian's python3-scipy).
TEST(MiControls, ComparedMiStandardErrorIsScipysSem) {
  laminar::MiSiteLayer site;
  site.pairMi = {1, 2, 3, 4};
  site.floor = {0.5, 0.5, 1, 1};
  EXPECT_NEAR(site.comparedMiStandardError(false), 0.6454972243679028, 1e-15);
  EXPECT_NEAR(site.comparedMiStandardError(true), 0.5204164998665332, 1e-15);
  site.pairMi = {2};
  site.floor = {1};
  EXPECT_EQ(site.comparedMiStandardError(true), 0);  // one pair: no spread to estimate
}
