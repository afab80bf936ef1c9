// The edge-case contract of laminar::stats (see the headers): invalid input throws
// laminar::Error naming the argument; a statistic undefined on valid data comes back with
// defined == false and a reason, never as an unflagged NaN. Values here are ones any
// textbook gives (the comparison with scipy / statsmodels / sklearn on many inputs is
// check_against_references.py).
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "stats/descriptive.h"
#include "stats/distributions.h"
#include "stats/fisher_z.h"
#include "stats/histogram_mi.h"
#include "stats/kendall.h"
#include "stats/ksg_mi.h"
#include "stats/multiple_testing.h"
#include "stats/pair_mi.h"
#include "stats/theil_sen.h"
#include "stats/ttest.h"
#include "stats/zscore.h"
#include "util/error.h"

namespace st = laminar::stats;
using laminar::Error;

namespace {
const double kNaN = std::numeric_limits<double>::quiet_NaN();
const double kInf = std::numeric_limits<double>::infinity();

// Runs f, expects laminar::Error whose message contains every needle.
template <typename F>
void expectErrorMentioning(F f, std::vector<std::string> needles) {
  try {
    f();
    FAIL() << "expected laminar::Error";
  } catch (const Error& e) {
    for (const auto& n : needles)
      EXPECT_NE(std::string(e.what()).find(n), std::string::npos)
          << "message '" << e.what() << "' lacks '" << n << "'";
  }
}
}  // namespace

TEST(Descriptive, MeanVarianceAndErrors) {
  const std::vector<double> v{2, 4, 4, 4, 5, 5, 7, 9};
  EXPECT_DOUBLE_EQ(st::mean(v), 5.0);
  EXPECT_DOUBLE_EQ(st::variance(v, 0), 4.0);
  EXPECT_DOUBLE_EQ(st::standardDeviation(v, 0), 2.0);
  EXPECT_DOUBLE_EQ(st::variance(v, 1), 32.0 / 7.0);
  expectErrorMentioning([] { st::mean(std::vector<double>{}); }, {"empty"});
  expectErrorMentioning([] { st::variance(std::vector<double>{1.0}, 1); }, {"ddof=1"});
  expectErrorMentioning([] {
    const double x[] = {1, kNaN};
    st::requireFinite(x, 2, "my input");
  }, {"my input", "index 1", "NaN"});
}

TEST(ZScore, ConstantVectorGivesZerosAndTrimsNothing) {
  const std::vector<double> c(10, 3.5);
  for (double z : st::zScores(c)) EXPECT_EQ(z, 0.0);
  std::vector<double> y{0, 0, 0, 0, 0, 0, 0, 0, 0, 100};
  const auto keep = st::zTrimMask(c.data(), y.data(), c.size(), 2.0);
  // y's outlier at index 9 has z = 3 > 2: dropped; the constant vector drops nothing.
  for (size_t k = 0; k < 9; ++k) EXPECT_EQ(keep[k], 1);
  EXPECT_EQ(keep[9], 0);
  const auto off = st::zTrimMask(c.data(), y.data(), c.size(), 0.0);
  for (auto k : off) EXPECT_EQ(k, 1);
  const auto trimmed = st::zTrim(c.data(), y.data(), c.size(), 2.0);
  EXPECT_EQ(trimmed.x.size(), 9u);
  EXPECT_EQ(trimmed.dropped, 1u);
}

TEST(ZScore, ThresholdIsStrict) {
  // x = [-1, 1]: z = -1, +1 exactly; a threshold of 1 keeps both.
  const std::vector<double> x{-1, 1}, y{5, 6};
  const auto keep = st::zTrimMask(x.data(), y.data(), 2, 1.0);
  EXPECT_EQ(keep[0], 1);
  EXPECT_EQ(keep[1], 1);
  expectErrorMentioning([&] { st::zTrimMask(x.data(), y.data(), 2, -1.0); }, {"threshold"});
  const std::vector<double> bad{1, kInf};
  expectErrorMentioning([&] { st::zTrimMask(bad.data(), y.data(), 2, 4.0); },
                        {"first vector", "index 1", "infinite"});
}

// The z-ddof option of experiment 2: with ddof 1 the trimming scale is the sample standard
// deviation, numpy's std(v, ddof=1). By hand for v = [2, 4, 4, 4, 5, 5, 7, 9]: mean 5, squared
// deviations summing to 32, so sd = sqrt(32 / 8) = 2 with ddof 0 and sqrt(32 / 7) with ddof 1.
// A threshold of 1.9 tells them apart: the 9 has z = 4 / 2 = 2 (dropped) with ddof 0 but
// 4 / 2.138 = 1.871 (kept) with ddof 1.
TEST(ZScore, TrimmingScaleFollowsTheRequestedDdof) {
  const std::vector<double> x{2, 4, 4, 4, 5, 5, 7, 9};
  const std::vector<double> y{1, 2, 3, 4, 5, 6, 7, 8};  // max |z| 1.53 with either ddof: never trimmed
  const st::TrimScale population = st::zTrimScale(x.data(), x.size(), 1.9, 0);
  const st::TrimScale sample = st::zTrimScale(x.data(), x.size(), 1.9, 1);
  EXPECT_DOUBLE_EQ(population.mean, 5.0);
  EXPECT_DOUBLE_EQ(population.sd, 2.0);
  EXPECT_DOUBLE_EQ(sample.mean, 5.0);
  EXPECT_NEAR(sample.sd, 2.1380899352993950, 1e-14);  // sqrt(32 / 7), numpy std(ddof=1)
  EXPECT_DOUBLE_EQ(sample.sd, std::sqrt(32.0 / 7.0));

  const auto byDdof0 = st::zTrim(x.data(), y.data(), x.size(), 1.9, 0);
  EXPECT_EQ(byDdof0.dropped, 1u);
  EXPECT_EQ(byDdof0.x, (std::vector<double>{2, 4, 4, 4, 5, 5, 7}));
  const auto byDdof1 = st::zTrim(x.data(), y.data(), x.size(), 1.9, 1);
  EXPECT_EQ(byDdof1.dropped, 0u);
  EXPECT_EQ(byDdof1.x, x);
  // The same samples as the z-scores themselves (zTrimMask) keep.
  const auto mask = st::zTrimMask(x.data(), y.data(), x.size(), 1.9, 1);
  for (size_t k = 0; k < x.size(); ++k) EXPECT_EQ(mask[k], 1) << k;
}

TEST(Distributions, KnownValues) {
  EXPECT_DOUBLE_EQ(st::normalCdf(0), 0.5);
  EXPECT_NEAR(st::normalTwoSidedP(1.959963984540054), 0.05, 1e-15);
  EXPECT_NEAR(st::normalSf(10), 7.619853024160527e-24, 1e-36);  // tail keeps precision
  EXPECT_EQ(st::normalTwoSidedP(kInf), 0.0);
  EXPECT_NEAR(st::studentTTwoSidedP(2.228138851986274, 10), 0.05, 1e-13);
  EXPECT_NEAR(st::studentTCdf(1.0, 1), 0.75, 1e-15);  // Cauchy
  EXPECT_EQ(st::studentTTwoSidedP(-kInf, 3), 0.0);
  EXPECT_NEAR(st::digamma(1), -0.5772156649015329, 1e-15);
  expectErrorMentioning([] { st::studentTCdf(1, 0); }, {"degrees of freedom"});
  expectErrorMentioning([] { st::normalCdf(kNaN); }, {"NaN"});
  expectErrorMentioning([] { st::digamma(0); }, {"digamma"});
}

TEST(Kendall, PerfectOrderAndReversal) {
  std::vector<double> x{1, 2, 3, 4, 5}, y{10, 20, 30, 40, 50}, r{5, 4, 3, 2, 1};
  auto k = st::kendallTauB(x, y);
  EXPECT_TRUE(k.defined);
  EXPECT_TRUE(k.exact);
  EXPECT_DOUBLE_EQ(k.tau, 1.0);
  EXPECT_DOUBLE_EQ(k.p, 2.0 / 120.0);  // 2 / 5!: only the identity and its reverse
  k = st::kendallTauB(x, r);
  EXPECT_DOUBLE_EQ(k.tau, -1.0);
  EXPECT_DOUBLE_EQ(k.p, 2.0 / 120.0);
}

TEST(Kendall, TwoObservations) {
  auto k = st::kendallTauB(std::vector<double>{1, 2}, std::vector<double>{3, 4});
  EXPECT_TRUE(k.defined);
  EXPECT_DOUBLE_EQ(k.tau, 1.0);
  EXPECT_DOUBLE_EQ(k.p, 1.0);
  k = st::kendallTauB(std::vector<double>{1, 1}, std::vector<double>{3, 4});
  EXPECT_FALSE(k.defined);
  EXPECT_TRUE(std::isnan(k.tau));
  EXPECT_EQ(k.reason, "x is constant");
}

TEST(Kendall, UndefinedCasesAreFlagged) {
  for (const auto& [x, y, reason] :
       std::vector<std::tuple<std::vector<double>, std::vector<double>, std::string>>{
           {{}, {}, "fewer than 2 observations"},
           {{4}, {2}, "fewer than 2 observations"},
           {{1, 2, 3}, {7, 7, 7}, "y is constant"},
           {{5, 5, 5, 5}, {1, 2, 3, 4}, "x is constant"}}) {
    const auto k = st::kendallTauB(x, y);
    EXPECT_FALSE(k.defined);
    EXPECT_EQ(k.reason, reason);
    EXPECT_TRUE(std::isnan(k.tau) && std::isnan(k.p));
  }
}

TEST(Kendall, TiesUseNormalApproximation) {
  // x has a tie: tau-b = (C - D) / sqrt((n0 - n1)(n0 - n2)) = 5 / sqrt(5 * 6).
  const auto k = st::kendallTauB(std::vector<double>{1, 1, 2, 3}, std::vector<double>{1, 2, 3, 4});
  EXPECT_TRUE(k.defined);
  EXPECT_FALSE(k.exact);
  EXPECT_NEAR(k.tau, 5.0 / std::sqrt(30.0), 1e-15);
  // scipy 1.10.1: kendalltau([1, 1, 2, 3], [1, 2, 3, 4]) = (0.912870929175277, 0.07095149242730563).
  // The p-value pins the tie-corrected variance of C - D (a /18 -> /16 slip moves it to 0.0536).
  EXPECT_NEAR(k.tau, 0.912870929175277, 1e-15);
  EXPECT_NEAR(k.p, 0.07095149242730563, 1e-6 * 0.07095149242730563);
}

TEST(Kendall, ExactPUpTo33ObservationsNormalAbove) {
  // scipy's method='auto': the exact null distribution without ties when n <= 33, else the
  // normal approximation. x = 0..n-1, y = x with every block of 5 reversed (no ties).
  // scipy 1.10.1 kendalltau(x, y):
  //   n = 25: tau 0.6666666666666665, p 4.0250660399598214e-07 (exact; normal would give 3.0e-06)
  //   n = 35: tau 0.7647058823529411, p 1.0356633931447901e-10 (normal; exact would give 1.05e-13)
  for (const auto& [n, tau, p, exact] : std::vector<std::tuple<int, double, double, bool>>{
           {25, 0.6666666666666665, 4.0250660399598214e-07, true},
           {35, 0.7647058823529411, 1.0356633931447901e-10, false}}) {
    std::vector<double> x, y;
    for (int i = 0; i < n; ++i) {
      x.push_back(i);
      y.push_back(i / 5 * 5 + 4 - i % 5);
    }
    const auto k = st::kendallTauB(x, y);
    EXPECT_EQ(k.exact, exact) << n;
    EXPECT_NEAR(k.tau, tau, 1e-14) << n;
    EXPECT_NEAR(k.p, p, 1e-6 * p) << n;
  }
}

TEST(Kendall, BadInputThrows) {
  expectErrorMentioning([] { st::kendallTauB(std::vector<double>{1, kNaN}, std::vector<double>{1, 2}); },
                        {"Kendall", "x", "index 1", "NaN"});
  expectErrorMentioning([] { st::kendallTauB(std::vector<double>{1, 2}, std::vector<double>{1}); },
                        {"differ in length"});
  expectErrorMentioning([] { st::kendallExactP(0, 0); }, {"n must be positive"});
  expectErrorMentioning([] { st::kendallExactP(4, 7); }, {"outside"});
}

TEST(KendallExactP, SmallDistributionByHand) {
  // n = 3: inversion counts 0..3 with frequencies 1, 2, 2, 1 over 3! = 6 permutations.
  EXPECT_DOUBLE_EQ(st::kendallExactP(3, 0), 2.0 / 6.0);
  EXPECT_DOUBLE_EQ(st::kendallExactP(3, 1), 1.0);  // 2 * (1 + 2) / 6
  EXPECT_DOUBLE_EQ(st::kendallExactP(3, 3), 2.0 / 6.0);
  EXPECT_DOUBLE_EQ(st::kendallExactP(1, 0), 1.0);
}

TEST(TTest, TextbookValues) {
  // Equal-size groups: Student and Welch agree on t.
  const std::vector<double> a{1, 2, 3, 4, 5}, b{3, 4, 5, 6, 7};
  const auto s = st::tTestIndependent(a, b, st::TTestKind::Student);
  const auto w = st::tTestIndependent(a, b, st::TTestKind::Welch);
  EXPECT_NEAR(s.t, -2.0, 1e-14);  // diff -2, pooled var 2.5, se = sqrt(2.5 * 0.4) = 1
  EXPECT_DOUBLE_EQ(s.df, 8.0);
  EXPECT_NEAR(w.t, -2.0, 1e-14);
  EXPECT_NEAR(w.df, 8.0, 1e-12);
  EXPECT_NEAR(s.p, st::studentTTwoSidedP(-2.0, 8.0), 1e-15);
  EXPECT_EQ(st::parseTTestKind("welch"), st::TTestKind::Welch);
  expectErrorMentioning([] { st::parseTTestKind("Welch"); }, {"'Welch'"});
}

TEST(TTest, DegenerateSamples) {
  auto r = st::tTestIndependent(std::vector<double>{2, 2, 2}, std::vector<double>{2, 2});
  EXPECT_FALSE(r.defined);
  EXPECT_EQ(r.reason, "both samples are constant and equal");
  r = st::tTestIndependent(std::vector<double>{1, 1, 1}, std::vector<double>{2, 2});
  EXPECT_TRUE(r.defined);
  EXPECT_EQ(r.t, -kInf);
  EXPECT_EQ(r.p, 0.0);
  r = st::tTestIndependent(std::vector<double>{1}, std::vector<double>{2, 3}, st::TTestKind::Welch);
  EXPECT_FALSE(r.defined);
  EXPECT_EQ(r.reason, "sample A has fewer than 2 values");
  r = st::tTestIndependent(std::vector<double>{1, 2}, std::vector<double>{}, st::TTestKind::Student);
  EXPECT_FALSE(r.defined);
  EXPECT_EQ(r.reason, "sample B has fewer than 2 values");
  expectErrorMentioning([] { st::tTestIndependent(std::vector<double>{1, 2}, std::vector<double>{1, kNaN}); },
                        {"sample B", "index 1"});
}

TEST(MultipleTesting, BonferroniAndBhByHand) {
  const std::vector<double> p{0.01, 0.04, 0.03, 0.005};
  const auto b = st::bonferroni(p);
  EXPECT_DOUBLE_EQ(b.adjusted[0], 0.04);
  EXPECT_DOUBLE_EQ(b.adjusted[1], 0.16);
  EXPECT_EQ(b.reject, (std::vector<bool>{true, false, false, true}));
  // BH: sorted 0.005 0.01 0.03 0.04 -> p * 4 / rank = 0.02 0.02 0.04 0.04
  const auto h = st::benjaminiHochberg(p);
  EXPECT_DOUBLE_EQ(h.adjusted[3], 0.02);
  EXPECT_DOUBLE_EQ(h.adjusted[0], 0.02);
  EXPECT_DOUBLE_EQ(h.adjusted[2], 0.04);
  EXPECT_DOUBLE_EQ(h.adjusted[1], 0.04);
  EXPECT_EQ(h.reject, (std::vector<bool>{true, true, true, true}));
  // capped at 1, all equal
  const auto all = st::bonferroni(std::vector<double>(5, 0.5));
  for (double v : all.adjusted) EXPECT_EQ(v, 1.0);
  EXPECT_TRUE(st::benjaminiHochberg({}).adjusted.empty());
}

TEST(MultipleTesting, PValueExactlyAtTheThresholdIsRejected) {
  // Thresholds chosen to be exact in binary (alpha = 0.5, m = 4: BH k*alpha/m = 0.125, 0.25,
  // 0.375, 0.5; Bonferroni alpha/m = 0.125). statsmodels 0.13 multipletests rejects p <= threshold:
  //   fdr_bh([0.3, 0.5, 0.2, 0.4], 0.5) -> reject all (only 0.5 <= 0.5 at rank 4; step-up)
  //   fdr_bh([0.5, 0.375, 0.25, 0.125], 0.5) -> reject all, adjusted all 0.5
  //   bonferroni([0.125, 0.5, 0.25, 0.13], 0.5) -> [True, False, False, False]
  const auto top = st::benjaminiHochberg({0.3, 0.5, 0.2, 0.4}, 0.5);
  EXPECT_EQ(top.reject, (std::vector<bool>{true, true, true, true}));
  for (double v : top.adjusted) EXPECT_DOUBLE_EQ(v, 0.5);
  const auto every = st::benjaminiHochberg({0.5, 0.375, 0.25, 0.125}, 0.5);
  EXPECT_EQ(every.reject, (std::vector<bool>{true, true, true, true}));
  const auto b = st::bonferroni({0.125, 0.5, 0.25, 0.13}, 0.5);
  EXPECT_EQ(b.reject, (std::vector<bool>{true, false, false, false}));
  EXPECT_DOUBLE_EQ(b.adjusted[0], 0.5);
  EXPECT_DOUBLE_EQ(b.adjusted[3], 0.52);
}

TEST(MultipleTesting, ThresholdWithNaNAmongThePValues) {
  // A NaN counts as a test (m = 2) and weighs as p = 1; statsmodels on [0.25, 1.0], alpha 0.5:
  // bonferroni and fdr_bh both reject the first (0.25 <= 0.5 / 2 and 0.25 <= 1 * 0.5 / 2).
  const auto b = st::bonferroni({0.25, kNaN}, 0.5);
  EXPECT_EQ(b.reject, (std::vector<bool>{true, false}));
  EXPECT_DOUBLE_EQ(b.adjusted[0], 0.5);
  EXPECT_TRUE(std::isnan(b.adjusted[1]));
  const auto h = st::benjaminiHochberg({kNaN, 0.25}, 0.5);
  EXPECT_EQ(h.reject, (std::vector<bool>{false, true}));
  EXPECT_DOUBLE_EQ(h.adjusted[1], 0.5);
  EXPECT_TRUE(std::isnan(h.adjusted[0]));
  // statsmodels fdr_bh([0.5, 1.0, 0.25], 0.5): nothing rejected, adjusted 0.75 (the NaN is last).
  const auto none = st::benjaminiHochberg({0.5, kNaN, 0.25}, 0.5);
  EXPECT_EQ(none.reject, (std::vector<bool>{false, false, false}));
  EXPECT_DOUBLE_EQ(none.adjusted[0], 0.75);
  EXPECT_DOUBLE_EQ(none.adjusted[2], 0.75);
}

TEST(MultipleTesting, NaNEntriesAreLeftOut) {
  const auto b = st::bonferroni({0.01, kNaN, 0.02});
  EXPECT_EQ(b.tests, 3);  // still min(1, p * L)
  EXPECT_DOUBLE_EQ(b.adjusted[0], 0.03);
  EXPECT_TRUE(std::isnan(b.adjusted[1]));
  EXPECT_FALSE(b.reject[1]);
  // BH: the NaN weighs as p = 1: 0.01 * 3 / 1 = 0.03, 0.02 * 3 / 2 = 0.03
  const auto bh = st::benjaminiHochberg({0.01, kNaN, 0.02});
  EXPECT_DOUBLE_EQ(bh.adjusted[0], 0.03);
  EXPECT_DOUBLE_EQ(bh.adjusted[2], 0.03);
  EXPECT_TRUE(std::isnan(bh.adjusted[1]));
  EXPECT_FALSE(bh.reject[1]);
  const auto h = st::benjaminiHochberg({kNaN, kNaN});
  EXPECT_EQ(h.tests, 2);
  EXPECT_FALSE(h.reject[0]);
  expectErrorMentioning([] { st::bonferroni({0.1, 1.2}); }, {"index 1", "outside [0, 1]"});
  expectErrorMentioning([] { st::benjaminiHochberg({0.1}, 1.0); }, {"alpha"});
}

TEST(FisherZ, FormulaAndEdges) {
  const auto f = st::fisherZCompare(0.5, -0.5, 21);
  EXPECT_NEAR(f.z, 2 * std::atanh(0.5) / std::sqrt(2.0 / 18.0), 1e-14);
  EXPECT_NEAR(f.p, st::normalTwoSidedP(f.z), 1e-16);
  EXPECT_FALSE(st::fisherZCompare(0.5, 0.1, 3).defined);
  EXPECT_EQ(st::fisherZCompare(kNaN, 0.1, 21).reason, "r1 is undefined");
  EXPECT_FALSE(st::fisherZCompare(-1, -1, 21).defined);
  const auto inf = st::fisherZCompare(1, 0.2, 21);
  EXPECT_TRUE(inf.defined);
  EXPECT_EQ(inf.z, kInf);
  EXPECT_EQ(inf.p, 0.0);
  expectErrorMentioning([] { st::fisherZCompare(0.2, -1.01, 21); }, {"r2"});
}

TEST(HistogramMi, IndependentAndIdentical) {
  // x = y over 4 equally filled bins: MI = log 4. x and an independent grid: MI = 0.
  std::vector<double> x, y, z;
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 4; ++j) {
      x.push_back(i);
      y.push_back(i);
      z.push_back(j);
    }
  st::HistogramBinRule four;
  four.fixedBins = 4;
  EXPECT_NEAR(st::histogramMutualInformation(x.data(), y.data(), x.size(), four).mi, std::log(4.0), 1e-15);
  EXPECT_NEAR(st::histogramMutualInformation(x.data(), z.data(), x.size(), four).mi, 0.0, 1e-15);
  // constant variable: no information
  const std::vector<double> c(16, 2.0);
  const auto m = st::histogramMutualInformation(c.data(), y.data(), c.size());
  EXPECT_TRUE(m.defined);
  EXPECT_EQ(m.mi, 0.0);
  EXPECT_GE(m.bins, 4);  // Freedman-Diaconis on the pooled values, clamped to [4, 64]
  EXPECT_LE(m.bins, 64);
  // The clamp: 16 pooled copies of two values have IQR > 0 but need few bins -> 4.
  std::vector<double> two(16);
  for (size_t i = 0; i < two.size(); ++i) two[i] = i % 2;
  EXPECT_EQ(st::histogramBinCount(two.data(), two.data(), two.size(), {}), 4);
  EXPECT_FALSE(st::histogramMutualInformation(c.data(), y.data(), 1).defined);
  EXPECT_EQ(st::parseHistogramBinRule("fd").fixedBins, 0);
  EXPECT_EQ(st::parseHistogramBinRule("32").fixedBins, 32);
  expectErrorMentioning([] { st::parseHistogramBinRule("32x"); }, {"'32x'"});
  expectErrorMentioning([] { st::parseHistogramBinRule("0"); }, {"'0'"});
}

TEST(KsgMi, DependentBeatsIndependentAndSmallSamplesFlagged) {
  std::mt19937_64 rng(1);
  std::normal_distribution<double> n01;
  std::vector<double> x(1600), y(1600), z(1600);
  for (size_t i = 0; i < x.size(); ++i) {
    x[i] = n01(rng);
    y[i] = 0.9 * x[i] + std::sqrt(1 - 0.81) * n01(rng);
    z[i] = n01(rng);
  }
  const double dependent = st::ksgMutualInformation(x.data(), y.data(), x.size()).mi;
  const double independent = st::ksgMutualInformation(x.data(), z.data(), x.size()).mi;
  // Gaussian truth: -0.5 log(1 - rho^2) = 0.830 nats
  EXPECT_NEAR(dependent, -0.5 * std::log(1 - 0.81), 0.08);
  EXPECT_LT(independent, 0.03);
  EXPECT_GE(independent, 0.0);
  const auto small = st::ksgMutualInformation(x.data(), y.data(), 3, 3);
  EXPECT_FALSE(small.defined);
  EXPECT_TRUE(std::isnan(small.mi));
  expectErrorMentioning([&] { st::ksgMutualInformation(x.data(), y.data(), 10, 0); }, {"k must be"});
}

TEST(PairMi, TrimmingCountsAndOptions) {
  std::vector<double> vi(100), vj(100);
  for (int k = 0; k < 100; ++k) {
    vi[k] = std::sin(k * 0.37);
    vj[k] = std::cos(k * 0.11);
  }
  vi[5] = 50;  // one massive dimension
  st::PairMiSettings s;
  auto m = st::pairMutualInformation(vi.data(), vj.data(), 100, s);
  EXPECT_EQ(m.samples, 99u);
  s.zTrim = 0;
  m = st::pairMutualInformation(vi.data(), vj.data(), 100, s);
  EXPECT_EQ(m.samples, 100u);
  s.estimator = st::parseMiEstimator("ksg");
  m = st::pairMutualInformation(vi.data(), vj.data(), 100, s);
  EXPECT_TRUE(m.defined);
  EXPECT_EQ(m.bins, 0);
  expectErrorMentioning([] { st::parseMiEstimator("KSG"); }, {"'KSG'"});
  vj[3] = kNaN;
  expectErrorMentioning([&] { st::pairMutualInformation(vi.data(), vj.data(), 100, s); },
                        {"second vector", "index 3"});
}

// Pair MI trims with the same ddof: the vectors of ZScore.TrimmingScaleFollowsTheRequestedDdof
// keep all 8 dimensions with zDdof 1 and 7 with zDdof 0.
TEST(PairMi, TrimmingUsesTheZDdofSetting) {
  const std::vector<double> x{2, 4, 4, 4, 5, 5, 7, 9};
  const std::vector<double> y{1, 2, 3, 4, 5, 6, 7, 8};
  st::PairMiSettings s;
  s.zTrim = 1.9;
  s.bins.fixedBins = 4;
  s.zDdof = 0;
  EXPECT_EQ(st::pairMutualInformation(x.data(), y.data(), x.size(), s).samples, 7u);
  s.zDdof = 1;
  EXPECT_EQ(st::pairMutualInformation(x.data(), y.data(), x.size(), s).samples, 8u);
}

TEST(TheilSen, OutliersAndNonFinitePointsDoNotMoveTheLine) {
  // y = 2x + 1 with one wild point: the median slope and intercept stay on the line.
  auto line = st::theilSenLine({1, 2, 3, 4, 10}, {3, 5, 7, 9, 100});
  ASSERT_TRUE(line.defined);
  EXPECT_EQ(line.slope, 2.0);
  EXPECT_EQ(line.intercept, 1.0);
  // An undefined MI (NaN) or an infinite value is left out, not sorted among the slopes.
  line = st::theilSenLine({1, 2, 3, 4, 5, 6}, {3, kNaN, 7, 9, kInf, 13});
  ASSERT_TRUE(line.defined);
  EXPECT_EQ(line.slope, 2.0);
  EXPECT_EQ(line.intercept, 1.0);
}

TEST(TheilSen, NoTwoDistinctXGivesNoLine) {
  for (const auto& [x, y] : std::vector<std::pair<std::vector<double>, std::vector<double>>>{
           {{}, {}}, {{3}, {1}}, {{2, 2, 2}, {1, 5, 9}}, {{1, 2}, {4, kNaN}}}) {
    const auto line = st::theilSenLine(x, y);
    EXPECT_FALSE(line.defined);
    EXPECT_TRUE(std::isnan(line.slope) && std::isnan(line.intercept));
    EXPECT_EQ(line.reason, "fewer than two distinct x");
  }
  expectErrorMentioning([] { st::theilSenLine({1, 2, 3}, {1, 2}); }, {"Theil-Sen", "3 vs 2"});
}
