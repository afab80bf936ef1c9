// Permutation nulls of experiment 2 (issue 10): a planted dependence must give a small
// p-value, independent data p-values spread uniformly over many seeds; the exact values are
// checked against a Python reimplementation in check_controls.py.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "analysis/mi_permutation_null.h"
#include "analysis/seeded_random.h"
#include "util/error.h"

using namespace laminar;

namespace {

// Pairs of `texts` texts with `occurrences` targets each at random positions: distances and groups.
struct PairData {
  std::vector<double> distance;
  std::vector<int> group;
};

PairData pairData(int texts, int occurrences, std::mt19937_64& rng) {
  PairData d;
  std::uniform_int_distribution<int> gap(1, 12);
  for (int t = 0; t < texts; ++t) {
    std::vector<int> pos{gap(rng)};
    for (int k = 1; k < occurrences; ++k) pos.push_back(pos.back() + gap(rng));
    for (int i = 0; i < occurrences; ++i)
      for (int j = i + 1; j < occurrences; ++j) {
        d.distance.push_back(pos[static_cast<size_t>(j)] - pos[static_cast<size_t>(i)]);
        d.group.push_back(t);
      }
  }
  return d;
}

std::vector<double> noise(size_t n, std::mt19937_64& rng, double sd = 1.0) {
  std::normal_distribution<double> z(0, sd);
  std::vector<double> v(n);
  for (double& e : v) e = z(rng);
  return v;
}

// Kolmogorov-Smirnov distance of the p-values from U(0, 1).
double ksDistance(std::vector<double> p) {
  std::sort(p.begin(), p.end());
  double d = 0;
  const double n = static_cast<double>(p.size());
  for (size_t i = 0; i < p.size(); ++i)
    d = std::max({d, (static_cast<double>(i) + 1) / n - p[i], p[i] - static_cast<double>(i) / n});
  return d;
}

}  // namespace

TEST(KendallPermutationNull, PlantedDependenceGivesTheSmallestPossibleP) {
  std::mt19937_64 rng(1);
  const PairData d = pairData(3, 7, rng);
  std::vector<double> mi = noise(d.distance.size(), rng, 0.02);
  for (size_t k = 0; k < mi.size(); ++k) mi[k] += 0.5 * std::exp(-d.distance[k] / 15.0);
  const PermutationNull n = kendallPermutationNull(d.distance, mi, d.group, 1000, streamState(7, 1));
  EXPECT_LT(n.observed, -0.5);
  EXPECT_EQ(n.atLeastAsExtreme, 0);
  EXPECT_DOUBLE_EQ(n.p, 1.0 / 1001.0);
  ASSERT_EQ(n.null.size(), 1000u);
  EXPECT_LT(nullQuantile(n, 0.975), 0.35);  // the band lies well inside the observed tau
  EXPECT_GT(nullQuantile(n, 0.025), -0.35);
}

TEST(KendallPermutationNull, PValuesOnIndependentDataAreUniform) {
  std::mt19937_64 rng(2);
  std::vector<double> p;
  for (int seed = 0; seed < 300; ++seed) {
    const PairData d = pairData(2, 6, rng);  // 30 pairs, tied distances included
    const std::vector<double> mi = noise(d.distance.size(), rng);
    p.push_back(kendallPermutationNull(d.distance, mi, d.group, 199, streamState(static_cast<uint64_t>(seed), 9)).p);
  }
  const double below = static_cast<double>(std::count_if(p.begin(), p.end(), [](double v) { return v <= 0.05; })) / 300;
  EXPECT_GT(below, 0.01);  // binomial(300, 0.05): sd 0.0126, the band is about +-3 sd
  EXPECT_LT(below, 0.09);
  EXPECT_LT(ksDistance(p), 1.63 / std::sqrt(300.0));  // KS critical value at alpha 0.01
}

TEST(KendallPermutationNull, ShufflesOnlyWithinTexts) {
  // Text 0 has short distances and high MI, text 1 long distances and low MI: pooled, tau is
  // strongly negative, but within each text MI does not depend on distance. Shuffling across
  // texts would call that significant; within texts every permutation keeps the text effect.
  std::mt19937_64 rng(3);
  std::vector<double> distance, mi;
  std::vector<int> group;
  for (int k = 0; k < 15; ++k) {
    distance.push_back(1 + k % 5);
    mi.push_back(1.0 + 0.01 * static_cast<double>((k * 7) % 15));
    group.push_back(0);
    distance.push_back(20 + k % 5);
    mi.push_back(0.1 + 0.01 * static_cast<double>((k * 11) % 15));
    group.push_back(1);
  }
  const PermutationNull within = kendallPermutationNull(distance, mi, group, 500, streamState(1, 1));
  EXPECT_LT(within.observed, -0.4);
  EXPECT_GT(within.p, 0.5);
  const std::vector<int> oneText(group.size(), 0);
  EXPECT_LT(kendallPermutationNull(distance, mi, oneText, 500, streamState(1, 1)).p, 0.01);
}

TEST(KendallPermutationNull, IsReproducibleAndUndefinedOnConstantData) {
  std::mt19937_64 rng(4);
  const PairData d = pairData(1, 7, rng);
  const std::vector<double> mi = noise(d.distance.size(), rng);
  const PermutationNull a = kendallPermutationNull(d.distance, mi, d.group, 50, 123);
  EXPECT_EQ(a.null, kendallPermutationNull(d.distance, mi, d.group, 50, 123).null);
  EXPECT_NE(a.null, kendallPermutationNull(d.distance, mi, d.group, 50, 124).null);
  const PermutationNull c = kendallPermutationNull(d.distance, std::vector<double>(mi.size(), 0.3), d.group, 50, 1);
  EXPECT_TRUE(std::isnan(c.p));
  EXPECT_EQ(c.undefined, "y is constant");
  EXPECT_THROW(kendallPermutationNull(d.distance, mi, d.group, 0, 1), Error);
  EXPECT_THROW(kendallPermutationNull(d.distance, {1.0, 2.0}, d.group, 10, 1), Error);
}

TEST(SiteDifferenceSignFlipNull, PlantedShiftGivesSmallPNoShiftGivesUniformP) {
  std::mt19937_64 rng(5);
  std::vector<double> attn = noise(21, rng, 0.05), mlp = noise(21, rng, 0.05);
  for (double& v : attn) v += 0.2;  // attention MI above MLP MI on every pair
  const PermutationNull shifted = siteDifferenceSignFlipNull(attn, mlp, 1000, streamState(3, 2));
  EXPECT_NEAR(shifted.observed, 0.2, 0.05);
  EXPECT_EQ(shifted.atLeastAsExtreme, 0);

  std::vector<double> p;
  for (int seed = 0; seed < 300; ++seed) {
    const std::vector<double> a = noise(21, rng), b = noise(21, rng);
    p.push_back(siteDifferenceSignFlipNull(a, b, 199, streamState(static_cast<uint64_t>(seed), 5)).p);
  }
  const double below = static_cast<double>(std::count_if(p.begin(), p.end(), [](double v) { return v <= 0.05; })) / 300;
  EXPECT_GT(below, 0.01);
  EXPECT_LT(below, 0.09);
  EXPECT_LT(ksDistance(p), 1.63 / std::sqrt(300.0));
}

TEST(SiteDifferenceSignFlipNull, CountsTiesInExactArithmeticAsExtreme) {
  // Every difference is 0.1: only the all-positive and all-negative flips reach |mean| = 0.1.
  // With 2 pairs the four sign patterns are equally likely: p ~ (1 + R/2) / (1 + R).
  const PermutationNull n = siteDifferenceSignFlipNull({0.3, 0.7}, {0.2, 0.6}, 4000, 77);
  EXPECT_NEAR(n.p, 0.5, 0.03);
  EXPECT_TRUE(std::isnan(siteDifferenceSignFlipNull({}, {}, 10, 1).p));
  EXPECT_THROW(siteDifferenceSignFlipNull({1.0}, {1.0, 2.0}, 10, 1), Error);
}

TEST(PermutationNulls, BenjaminiHochbergOverLayers) {
  std::vector<PermutationNull> layers(3);
  layers[0].p = 0.001;
  layers[1].p = 0.04;
  layers[2].p = std::nan("");
  const stats::AdjustedPValues adj = adjustPermutationPValues(layers, 0.05);
  EXPECT_DOUBLE_EQ(adj.adjusted[0], 0.003);
  EXPECT_DOUBLE_EQ(adj.adjusted[1], 0.06);
  EXPECT_TRUE(adj.reject[0]);
  EXPECT_FALSE(adj.reject[2]);
}

TEST(PermutationNulls, StreamsAreDistinct) {
  EXPECT_NE(permutationStream(PermutationTest::KendallTau, 0, 0), permutationStream(PermutationTest::KendallTau, 0, 1));
  EXPECT_NE(permutationStream(PermutationTest::KendallTau, 1, 0), permutationStream(PermutationTest::SiteDifference, 1, 0));
  EXPECT_EQ(permutationStream(PermutationTest::SiteDifference, 3, 0), 0x5045524D02000300ULL);
  EXPECT_THROW(permutationStream(PermutationTest::KendallTau, -1, 0), Error);
}
