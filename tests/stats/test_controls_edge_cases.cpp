// Contracts of the controls of issue 10 that the reference comparison (check_controls.py)
// does not reach: undefined cases, errors, and the properties each control exists for.
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <random>

#include "analysis/mi_estimator_floor.h"
#include "analysis/seeded_random.h"
#include "analysis/spectrum_summary.h"
#include "stats/histogram_mi.h"
#include "stats/paired_tests.h"
#include "stats/pair_mi.h"
#include "util/error.h"

using namespace laminar;
namespace st = laminar::stats;

TEST(PairedTTest, UndefinedAndInfiniteCasesFollowScipy) {
  EXPECT_FALSE(st::pairedTTest({1.0}, {2.0}).defined);
  const st::TTestResult zero = st::pairedTTest({1.0, 2.0, 3.0}, {1.0, 2.0, 3.0});
  EXPECT_FALSE(zero.defined);
  EXPECT_EQ(zero.reason, "all differences are zero");
  const st::TTestResult shift = st::pairedTTest({1.5, 2.5, 3.5}, {1.0, 2.0, 3.0});
  EXPECT_TRUE(std::isinf(shift.t) && shift.t > 0);
  EXPECT_EQ(shift.p, 0.0);
  EXPECT_EQ(shift.df, 2.0);
  EXPECT_THROW(st::pairedTTest({1.0, 2.0}, {1.0}), Error);
  EXPECT_THROW(st::pairedTTest({1.0, NAN}, {1.0, 2.0}), Error);
}

TEST(Wilcoxon, ChoosesExactOrApproximateAsScipyDoes) {
  EXPECT_FALSE(st::wilcoxonSignedRank(std::vector<double>{}, std::vector<double>{}).defined);
  const st::WilcoxonResult allZero = st::wilcoxonSignedRank({1.0, 2.0}, {1.0, 2.0});
  EXPECT_FALSE(allZero.defined);
  EXPECT_EQ(allZero.reason, "all differences are zero");
  std::vector<double> a(51), b(51, 0.0);
  std::iota(a.begin(), a.end(), 1.0);
  EXPECT_FALSE(st::wilcoxonSignedRank(a, b).exact);  // n > 50
  a.resize(50);
  b.resize(50);
  EXPECT_TRUE(st::wilcoxonSignedRank(a, b).exact);
  b[3] = a[3];  // one zero difference: approximation, the zero dropped
  const st::WilcoxonResult withZero = st::wilcoxonSignedRank(a, b);
  EXPECT_FALSE(withZero.exact);
  EXPECT_EQ(withZero.used, 49u);
}

TEST(Wilcoxon, ExactDistributionIsAProbabilityAndSymmetric) {
  const std::vector<double> pmf = st::wilcoxonExactDistribution(10);
  ASSERT_EQ(pmf.size(), 56u);
  EXPECT_NEAR(std::accumulate(pmf.begin(), pmf.end(), 0.0), 1.0, 1e-15);
  for (size_t r = 0; r < pmf.size(); ++r) EXPECT_DOUBLE_EQ(pmf[r], pmf[pmf.size() - 1 - r]);
  EXPECT_DOUBLE_EQ(pmf[0], 1.0 / 1024);  // all differences negative
}

TEST(MillerMadow, IsThePlugInMinusTheOccupancyTerm) {
  // 2 x 2 bins, one sample per cell: plug-in MI 0, bias term (4 - 2 - 2 + 1) / (2 * 4).
  const std::vector<double> x{0, 1, 0, 1}, y{0, 0, 1, 1};
  const st::HistogramMiTable t = st::histogramMutualInformationTable(x.data(), y.data(), 4, 2);
  EXPECT_EQ(t.occupiedCells, 4);
  EXPECT_EQ(t.occupiedX, 2);
  EXPECT_EQ(t.occupiedY, 2);
  EXPECT_DOUBLE_EQ(st::millerMadowBias(t, 4), 0.125);
  st::PairMiSettings s;
  s.zTrim = 0;
  s.bins.fixedBins = 2;
  s.biasCorrection = st::MiBiasCorrection::MillerMadow;
  const st::MiEstimate e = st::pairMutualInformation(x.data(), y.data(), 4, s);
  EXPECT_DOUBLE_EQ(e.uncorrectedMi, 0.0);
  EXPECT_DOUBLE_EQ(e.mi, -0.125);  // not clipped: ~0 on average at zero dependence
  s.estimator = st::MiEstimator::Ksg;
  EXPECT_THROW(st::pairMutualInformation(x.data(), y.data(), 4, s), Error);
  EXPECT_EQ(st::parseMiBiasCorrection("miller-madow"), st::MiBiasCorrection::MillerMadow);
  EXPECT_THROW(st::parseMiBiasCorrection("mm"), Error);
}

TEST(SharedBins, NeedTheLayersCountAndTakeTheLowerMedian) {
  const st::HistogramBinRule shared = st::parseHistogramBinRule("shared-fd");
  EXPECT_TRUE(shared.sharedPerLayer);
  const std::vector<double> v{0, 1, 2, 3, 4, 5};
  EXPECT_THROW(st::histogramBinCount(v.data(), v.data(), v.size(), shared), Error);
  EXPECT_EQ(st::sharedFreedmanDiaconisBins({9, 4, 7, 5}), 5);
  EXPECT_EQ(st::sharedFreedmanDiaconisBins({12}), 12);
  EXPECT_THROW(st::sharedFreedmanDiaconisBins({}), Error);
}

TEST(EstimatorFloor, MatchesThePlugInBiasAtZeroDependenceAndNotBeyond) {
  std::mt19937_64 rng(8);
  std::normal_distribution<double> z;
  st::PairMiSettings s;  // the spec's defaults: FD bins, |z| > 4 trimmed
  double independentGap = 0, dependentGap = 0;
  const int reps = 20;
  for (int r = 0; r < reps; ++r) {
    std::vector<double> x(1600), y(1600), dep(1600);
    for (size_t k = 0; k < x.size(); ++k) {
      x[k] = z(rng);
      y[k] = z(rng);
      dep[k] = 0.8 * x[k] + 0.6 * y[k];
    }
    const uint64_t state = streamState(static_cast<uint64_t>(r), floorStream(2, 1, 5));
    const PairMiWithFloor ind = pairMutualInformationWithFloor(x.data(), y.data(), x.size(), s, state);
    EXPECT_GT(ind.floor, 0.15);  // the plug-in bias at ~38 bins is large...
    independentGap += ind.aboveFloor() / reps;
    dependentGap += pairMutualInformationWithFloor(x.data(), dep.data(), x.size(), s, state).aboveFloor() / reps;
  }
  EXPECT_NEAR(independentGap, 0.0, 0.01);  // ...and the floor removes it
  EXPECT_GT(dependentGap, 0.3);            // true MI -0.5 ln(1 - 0.64) = 0.51 nats
  EXPECT_THROW(floorStream(0, 0, int64_t{1} << 24), Error);
}

TEST(SpectrumSummary, BootstrapIntervalsBracketTheMassesAndValidateSettings) {
  torch::manual_seed(3);
  const int64_t n = 20, d = 6;
  const torch::Tensor x = torch::randn({n, 3 * d}, torch::kFloat64) + 2 * torch::randn({1, 3 * d}, torch::kFloat64);
  SpectrumSummarySettings s;
  s.replicates = 100;
  const auto summary = spectrumSummary(x, d, s, streamState(1, 2));
  for (const BlockSpectrumSummary& b : summary)
    for (const MassWithInterval& m : {b.high, b.low}) {
      EXPECT_LE(m.lower, m.value);
      EXPECT_LE(m.value, m.upper);
      EXPECT_GE(m.value, 0);
      EXPECT_LE(m.value, 1);
    }
  // Every row the same direction: every column pair has |cos| = 1, in every resample.
  const torch::Tensor parallel = torch::ones({n, 1}, torch::kFloat64) * torch::randn({1, 3 * d}, torch::kFloat64);
  const auto one = spectrumSummary(parallel, d, s, 5);
  EXPECT_DOUBLE_EQ(one[3].high.value, 1.0);
  EXPECT_DOUBLE_EQ(one[3].high.lower, 1.0);
  EXPECT_DOUBLE_EQ(one[3].low.upper, 0.0);
  EXPECT_DOUBLE_EQ(one[3].high.se, 0.0);
  s.replicates = 1;  // no standard error from one replicate
  EXPECT_THROW(spectrumSummary(x, d, s, 1), Error);
  s.replicates = 10;
  s.low = 0.9;
  EXPECT_THROW(spectrumSummary(x, d, s, 1), Error);
  EXPECT_THROW(spectrumSummary(x.narrow(0, 0, 1), d, SpectrumSummarySettings{}, 1), Error);
}
