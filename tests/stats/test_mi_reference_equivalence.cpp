// The pair-MI estimators were rewritten for speed (issue 12); their results must not change
// by a single bit, because tools/verify_results.py and the spec define them by numpy and
// scikit-learn. This test compares the optimised core/stats code with the verbatim copy of
// the previous code in reference_mi.cpp on many randomized inputs: every size from 2 to 3000
// in steps, ties and duplicated values, heavy tails, constant vectors, k = 1..10.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "reference_mi.h"
#include "stats/histogram_mi.h"
#include "stats/ksg_mi.h"
#include "stats/pair_mi.h"
#include "stats/zscore.h"
#include "util/cpu_features.h"

namespace laminar::stats {
namespace {

uint64_t bits(double v) {
  uint64_t b;
  std::memcpy(&b, &v, sizeof b);
  return b;
}

// Bit-for-bit equality (so -0 != +0 and NaN == NaN of the same payload).
#define EXPECT_SAME_BITS(a, b, what) \
  EXPECT_EQ(bits(a), bits(b)) << what << ": " << (a) << " vs reference " << (b)

// A paired sample of one of several shapes; `kind` picks the shape.
struct Sample {
  std::vector<double> x, y;
  std::string what;
};

Sample makeSample(std::mt19937_64& rng, size_t n, int kind) {
  std::normal_distribution<double> normal;
  std::cauchy_distribution<double> cauchy;
  std::student_t_distribution<double> t3(3.0);
  std::uniform_int_distribution<int> small(-3, 3);
  std::uniform_real_distribution<double> unit;
  Sample s;
  s.x.resize(n);
  s.y.resize(n);
  const char* names[] = {"normal, dependent",  "t3, float32-rounded", "cauchy (heavy tails)",
                         "integers (ties)",    "constant x",          "constant x and y",
                         "y == x",             "y == -x",             "duplicated points",
                         "one huge outlier",   "sorted x",            "tiny and huge scales",
                         "two values",         "uniform, independent", "signed zeros"};
  s.what = names[kind];
  for (size_t k = 0; k < n; ++k) {
    double a = normal(rng), b = normal(rng);
    switch (kind) {
      case 0: s.x[k] = a; s.y[k] = 0.6 * a + b; break;
      case 1: s.x[k] = static_cast<float>(t3(rng)); s.y[k] = static_cast<float>(0.3 * s.x[k] + t3(rng)); break;
      case 2: s.x[k] = cauchy(rng); s.y[k] = cauchy(rng) + s.x[k]; break;
      case 3: s.x[k] = small(rng); s.y[k] = small(rng) + (s.x[k] > 0 ? 1 : 0); break;
      case 4: s.x[k] = 2.5; s.y[k] = b; break;
      case 5: s.x[k] = -1.0; s.y[k] = 7.0; break;
      case 6: s.x[k] = a; s.y[k] = a; break;
      case 7: s.x[k] = a; s.y[k] = -a; break;
      case 8:  // every point repeated a few times
        if (k % 3 != 0 && k > 0) { s.x[k] = s.x[k - 1]; s.y[k] = s.y[k - 1]; } else { s.x[k] = a; s.y[k] = b; }
        break;
      case 9: s.x[k] = k == n / 2 ? 1e6 : a; s.y[k] = k == n / 3 ? -1e7 : a + b; break;
      case 10: s.x[k] = static_cast<double>(k) * 0.25; s.y[k] = std::sin(static_cast<double>(k)) + 0.1 * b; break;
      case 11: s.x[k] = 1e-150 * a; s.y[k] = 1e120 * (a + b); break;
      case 12: s.x[k] = unit(rng) < 0.5 ? 0.0 : 1.0; s.y[k] = unit(rng) < 0.3 ? -2.0 : 3.0; break;
      case 14:  // -0 and +0 compare equal but differ in bits (KSG's radix sort keys them apart)
        s.x[k] = k % 4 == 0 ? -0.0 : k % 4 == 1 ? 0.0 : a;
        s.y[k] = k % 5 == 0 ? -0.0 : k % 5 == 2 ? 0.0 : b;
        break;
      default: s.x[k] = unit(rng); s.y[k] = unit(rng); break;
    }
  }
  return s;
}
constexpr int kKinds = 15;

// Sizes from 2 to 3000, dense at the small end where the edge cases live.
std::vector<size_t> sizes() {
  std::vector<size_t> out;
  for (size_t n = 2; n <= 40; ++n) out.push_back(n);
  for (size_t n = 47; n <= 3000; n = n * 5 / 4 + 3) out.push_back(n);
  out.push_back(1600);
  out.push_back(3000);
  return out;
}

// Which build of the vectorised loops this run checks (ctest runs the suite both ways).
TEST(MiReferenceEquivalence, RunsTheLoopsTheEnvironmentAsksFor) {
  const char* baseline = std::getenv("LAMINAR_CPU_BASELINE");
  if (baseline && std::string(baseline) == "1") EXPECT_FALSE(cpuRunsX86_64V4());
  RecordProperty("x86_64_v4_loops", cpuRunsX86_64V4() ? "yes" : "no");
}

TEST(MiReferenceEquivalence, HistogramAndBinCountsBitIdentical) {
  std::mt19937_64 rng(12);
  int cases = 0;
  for (size_t n : sizes())
    for (int kind = 0; kind < kKinds; ++kind) {
      const Sample s = makeSample(rng, n, kind);
      const std::string where = s.what + ", n = " + std::to_string(n);
      std::vector<double> pooled = s.x;
      pooled.insert(pooled.end(), s.y.begin(), s.y.end());
      ASSERT_EQ(freedmanDiaconisBinCount(pooled.data(), pooled.size()),
                reference::freedmanDiaconisBinCount(pooled.data(), pooled.size())) << where;
      ASSERT_EQ(freedmanDiaconisBinCount(s.x.data(), n), reference::freedmanDiaconisBinCount(s.x.data(), n)) << where;
      const HistogramBinRule fd;
      const int b = histogramBinCount(s.x.data(), s.y.data(), n, fd);
      ASSERT_EQ(b, reference::histogramBinCount(s.x.data(), s.y.data(), n, fd)) << where;
      std::uniform_int_distribution<int> anyBins(1, 80);
      for (int bins : {b, 1, 2, anyBins(rng), 64}) {
        const HistogramMiTable got = histogramMutualInformationTable(s.x.data(), s.y.data(), n, bins);
        const HistogramMiTable want = reference::histogramMutualInformationTable(s.x.data(), s.y.data(), n, bins);
        const std::string at = where + ", B = " + std::to_string(bins);
        EXPECT_SAME_BITS(got.mi, want.mi, at);
        EXPECT_EQ(got.occupiedCells, want.occupiedCells) << at;
        EXPECT_EQ(got.occupiedX, want.occupiedX) << at;
        EXPECT_EQ(got.occupiedY, want.occupiedY) << at;
        EXPECT_SAME_BITS(histogramMutualInformationWithBins(s.x.data(), s.y.data(), n, bins), want.mi, at);
        ++cases;
      }
    }
  EXPECT_GT(cases, 1000);
}

TEST(MiReferenceEquivalence, KsgBitIdentical) {
  std::mt19937_64 rng(1212);
  int cases = 0;
  for (size_t n : sizes())
    for (int kind = 0; kind < kKinds; ++kind) {
      const Sample s = makeSample(rng, n, kind);
      // All k at small n; at large n a few k (the reference is slow there).
      std::vector<int> ks;
      if (n <= 200) ks = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
      else ks = {1, 3, static_cast<int>(1 + n % 10)};
      for (int k : ks) {
        const MiEstimate got = ksgMutualInformation(s.x.data(), s.y.data(), n, k);
        const MiEstimate want = reference::ksgMutualInformation(s.x.data(), s.y.data(), n, k);
        const std::string at = s.what + ", n = " + std::to_string(n) + ", k = " + std::to_string(k);
        EXPECT_EQ(got.defined, want.defined) << at;
        EXPECT_SAME_BITS(got.mi, want.mi, at);
        EXPECT_EQ(got.samples, want.samples) << at;
        ++cases;
      }
    }
  EXPECT_GT(cases, 1000);
}

TEST(MiReferenceEquivalence, TrimmedPairMiBitIdentical) {
  std::mt19937_64 rng(4242);
  for (size_t n : sizes())
    for (int kind = 0; kind < kKinds; ++kind) {
      const Sample s = makeSample(rng, n, kind);
      for (double threshold : {0.0, 4.0, 1.0}) {
        const std::string at = s.what + ", n = " + std::to_string(n) + ", z-trim " + std::to_string(threshold);
        const TrimmedPairs got = zTrim(s.x.data(), s.y.data(), n, threshold, 0);
        const reference::Trimmed want = reference::zTrim(s.x.data(), s.y.data(), n, threshold, 0);
        ASSERT_EQ(got.x, want.x) << at;
        ASSERT_EQ(got.y, want.y) << at;
        const size_t m = want.x.size();
        for (MiEstimator e : {MiEstimator::Histogram, MiEstimator::Ksg}) {
          PairMiSettings ps;
          ps.estimator = e;
          ps.zTrim = threshold;
          const bool enough = e == MiEstimator::Histogram ? m >= 2 : m > 3;
          const MiEstimate pair = pairMutualInformation(s.x.data(), s.y.data(), n, ps);
          ASSERT_EQ(pair.defined, enough) << at;
          if (!enough) continue;
          double want_mi;
          if (e == MiEstimator::Ksg) {
            want_mi = reference::ksgMutualInformation(want.x.data(), want.y.data(), m, 3).mi;
          } else {
            const int b = reference::histogramBinCount(want.x.data(), want.y.data(), m, HistogramBinRule{});
            EXPECT_EQ(pair.bins, b) << at;
            want_mi = reference::histogramMutualInformationTable(want.x.data(), want.y.data(), m, b).mi;
          }
          EXPECT_SAME_BITS(pair.mi, want_mi, at + (e == MiEstimator::Ksg ? ", ksg" : ", hist"));
        }
      }
    }
}

}  // namespace
}  // namespace laminar::stats
