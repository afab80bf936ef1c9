// Building blocks of experiment 1 and the seeded choices: numpy's histogram rules at the bin
// edges, zero columns, block sizes, permutations.
#include <gtest/gtest.h>

#include <set>

#include "analysis/seeded_random.h"
#include "analysis/similarity_math.h"

using namespace laminar;

TEST(SimilarityMath, BinEdgesAreNumpyLinspace) {
  auto e = similarityBinEdges(101);
  ASSERT_EQ(e.size(), 102u);
  EXPECT_EQ(e.front(), -1.0);
  EXPECT_EQ(e.back(), 1.0);
  // np.linspace(-1, 1, 102)[1] and [51] (printed with repr by numpy 1.24)
  EXPECT_EQ(e[1], -0.9801980198019802);
  EXPECT_EQ(e[51], 0.00990099009900991);
  EXPECT_THROW(similarityBinEdges(0), std::exception);
}

TEST(SimilarityMath, HistogramFollowsNumpyAtEdges) {
  // np.histogram([-1, -0.5, 0, 0.5, 1, 0.49999999999999994], bins=4, range=(-1, 1))
  //   -> [1, 1, 2, 2]: left edges belong to the bin on their right, +1 to the last bin.
  auto edges = similarityBinEdges(4);
  auto v = torch::tensor({-1.0, -0.5, 0.0, 0.5, 1.0, 0.49999999999999994}, torch::kFloat64);
  EXPECT_EQ(histogramCounts(v, edges), (std::vector<int64_t>{1, 1, 2, 2}));
  auto density = densityFromCounts({1, 1, 2, 2}, edges);
  double integral = 0;
  for (size_t b = 0; b < density.size(); ++b) integral += density[b] * (edges[b + 1] - edges[b]);
  EXPECT_DOUBLE_EQ(integral, 1.0);
  EXPECT_DOUBLE_EQ(density[0], 1.0 / 6 / 0.5);
}

TEST(SimilarityMath, ZeroColumnsGiveZeroNotNaN) {
  auto x = torch::tensor({{1.0, 0.0, 2.0}, {3.0, 0.0, 2.0}}, torch::kFloat64);
  auto cos = unitColumns(x, false);
  auto corr = unitColumns(x, true);  // column 2 is constant: zero after centring
  EXPECT_FALSE(cos.isnan().any().item<bool>());
  EXPECT_FALSE(corr.isnan().any().item<bool>());
  EXPECT_EQ(cos.select(1, 1).abs().sum().item<double>(), 0.0);
  EXPECT_EQ(corr.select(1, 2).abs().sum().item<double>(), 0.0);
  EXPECT_NEAR(cos.select(1, 0).norm().item<double>(), 1.0, 1e-15);
}

TEST(SimilarityMath, BlockHistogramsCountEachValueOnce) {
  const int64_t d = 5, n = 4;
  auto x = torch::randn({n, 3 * d}, torch::kFloat64);
  auto edges = similarityBinEdges(11);
  auto h = similarityBlockHistograms(unitColumns(x, false), d, edges);
  for (int b = 0; b < kBlocks; ++b) {
    int64_t total = 0;
    for (auto c : h.counts[static_cast<size_t>(b)]) total += c;
    EXPECT_EQ(total, b < 3 ? d * (d - 1) / 2 : d * d) << blockKey(static_cast<SimilarityBlock>(b));
  }
  // Identical Q and K columns: QK has d values at exactly +1 (the last bin), KK as QQ.
  auto y = torch::randn({n, d}, torch::kFloat64);
  auto same = torch::cat({y, y, torch::randn({n, d}, torch::kFloat64)}, 1);
  auto hs = similarityBlockHistograms(unitColumns(same, false), d, edges);
  EXPECT_GE(hs.counts[3].back(), d);
  EXPECT_EQ(hs.counts[0], hs.counts[1]);
}

TEST(SimilarityMath, ProfilesAndTextSimilarity) {
  // Q = [[1, 2], [3, 6]]: column variances (ddof 1) 2 and 8 -> 5; column means 2, 4 -> 3.
  auto x = torch::tensor({{1.0, 2.0, 0.0, 0.0, -1.0, -1.0}, {3.0, 6.0, 0.0, 0.0, -3.0, -3.0}}, torch::kFloat64);
  auto p = qkvProfiles(x, 2);
  EXPECT_DOUBLE_EQ(p[0].variance, 5.0);
  EXPECT_DOUBLE_EQ(p[0].mean, 3.0);
  EXPECT_DOUBLE_EQ(p[2].mean, -2.0);
  EXPECT_DOUBLE_EQ(p[2].meanAbs, 2.0);
  EXPECT_EQ(p[1].variance, 0.0);
  auto s = textSimilarity(x);
  EXPECT_NEAR(s[0][0].item<double>(), 1.0, 1e-15);
  EXPECT_NEAR(s[0][1].item<double>(), s[1][0].item<double>(), 1e-15);
}

TEST(SeededRandom, SplitMix64KnownOutputs) {
  // Reference values of SplitMix64 seeded with 0 (Vigna's splitmix64.c).
  uint64_t state = 0;
  EXPECT_EQ(splitMix64(state), 0xE220A8397B1DCDAFULL);
  EXPECT_EQ(splitMix64(state), 0x6E789E6AA1B965F4ULL);
  EXPECT_EQ(splitMix64(state), 0x06C45D188009454FULL);
}

TEST(SeededRandom, PermutationIsAPermutationAndReproducible) {
  uint64_t a = streamState(0, 1), b = streamState(0, 1), c = streamState(1, 1);
  auto p = seededPermutation(1000, a);
  auto q = seededPermutation(1000, b);
  auto r = seededPermutation(1000, c);
  EXPECT_EQ(p, q);
  EXPECT_NE(p, r);
  std::set<int64_t> s(p.begin(), p.end());
  EXPECT_EQ(s.size(), 1000u);
  EXPECT_EQ(*s.begin(), 0);
  EXPECT_EQ(*s.rbegin(), 999);
  uint64_t st = 5;
  for (int i = 0; i < 1000; ++i) EXPECT_LT(uniformBelow(st, 3), 3u);
}

TEST(SimilarityMath, CpuLoopAndDevicePathAgree) {
  // The CPU path bins in one loop; other devices use tensor operations. Same numbers, edges
  // included (the exact edge values and their neighbours one ulp away).
  for (int bins : {4, 100, 101}) {
    auto edges = similarityBinEdges(bins);
    auto e = torch::tensor(edges, torch::kFloat64);
    auto v = torch::cat({torch::rand({20000}, torch::kFloat64) * 2 - 1, e,
                         torch::nextafter(e, torch::full_like(e, 2.0)).clamp(-1, 1),
                         torch::nextafter(e, torch::full_like(e, -2.0)).clamp(-1, 1)});
    EXPECT_EQ(histogramCounts(v, edges), histogramCountsWithTensorOps(v, edges)) << bins;
  }
}
