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
  const torch::Tensor rows32 = x.to(torch::kFloat32);  // every value here is exact in float32
  const std::vector<double> s = textSimilarityMatrix(rows32.data_ptr<float>(), 2, 6);
  EXPECT_NEAR(s[0], 1.0, 1e-15);
  EXPECT_NEAR(s[1], s[2], 1e-15);
}

namespace {

// The tensor-op forms the CPU loops replaced (unit columns: other devices still run them), in float64.
torch::Tensor textSimilarityByTensorOps(const torch::Tensor& x) {
  const torch::Tensor norm = x.norm(2, 1, true);
  const torch::Tensor xn = x * torch::where(norm > 0, 1.0 / norm, torch::zeros_like(norm));
  return torch::matmul(xn, xn.t());
}

torch::Tensor unitColumnsByTensorOps(const torch::Tensor& x, bool centre) {
  const torch::Tensor c = centre ? x - x.mean(0, true) : x;
  const torch::Tensor norm = c.norm(2, 0, true);
  return c * torch::where(norm > 0, 1.0 / norm, torch::zeros_like(norm));
}

// Random rows of width `cols` with a constant column (1) and a zero column (the last).
torch::Tensor awkwardColumns(int64_t n, int64_t cols) {
  torch::Tensor x = torch::randn({n, cols}, torch::kFloat64);
  x.select(1, 1).fill_(2.5);
  x.select(1, cols - 1).zero_();
  return x;
}

// Runs `work` on one thread and on the current count, and says whether both gave the same bits.
template <typename Work>
void expectSameAtOneThread(Work&& work, const std::string& what) {
  const int threads = at::get_num_threads();
  const auto many = work();
  at::set_num_threads(1);
  const auto one = work();
  at::set_num_threads(threads);
  EXPECT_TRUE(many == one) << what << " changed with the thread count";
}

}  // namespace

// The CPU's loops for the profiles, the unit columns and the text-by-text matrix, against the
// tensor operations that compute them on other devices, at shapes whose widths are not
// multiples of the loops' steps (eight sums, 512-column ranges), with odd and even row counts.
TEST(SimilarityMath, CpuLoopsAgreeWithTensorOps) {
  torch::manual_seed(3);
  for (const auto& shapeNd : {std::pair<int64_t, int64_t>{7, 13}, {8, 181}, {54, 1600}, {2, 3}}) {
    const int64_t n = shapeNd.first, d = shapeNd.second;  // not a structured binding: the lambdas capture them
    const std::string shape = std::to_string(n) + " x 3*" + std::to_string(d);
    const torch::Tensor x = awkwardColumns(n, 3 * d);
    const auto p = qkvProfiles(x, d);
    for (int m = 0; m < kMatrices; ++m) {
      const torch::Tensor block = x.narrow(1, m * d, d);
      const torch::Tensor mean = block.mean(0);
      EXPECT_NEAR(p[static_cast<size_t>(m)].variance, block.var(0, true).mean().item<double>(), 1e-13) << shape;
      EXPECT_NEAR(p[static_cast<size_t>(m)].mean, mean.mean().item<double>(), 1e-15) << shape;
      EXPECT_NEAR(p[static_cast<size_t>(m)].meanAbs, mean.abs().mean().item<double>(), 1e-15) << shape;
    }
    for (bool centre : {false, true}) {
      const torch::Tensor u = unitColumns(x, centre);
      EXPECT_LT((u - unitColumnsByTensorOps(x, centre)).abs().max().item<double>(), 1e-15) << shape << centre;
      EXPECT_EQ(u.select(1, 3 * d - 1).abs().max().item<double>(), 0.0) << "a zero column stays zero";
      if (centre) EXPECT_EQ(u.select(1, 1).abs().max().item<double>(), 0.0) << "a constant column centres to zero";
    }
    const torch::Tensor rows32 = x.to(torch::kFloat32);
    if (n > 2) rows32.select(0, n / 2).zero_();  // a zero row stays zero
    const std::vector<double> s = textSimilarityMatrix(rows32.data_ptr<float>(), n, 3 * d);
    const torch::Tensor expected = textSimilarityByTensorOps(rows32.to(torch::kFloat64));
    ASSERT_EQ(s.size(), static_cast<size_t>(n * n));
    for (int64_t i = 0; i < n; ++i)
      for (int64_t j = 0; j < n; ++j) {
        const double v = s[static_cast<size_t>(i * n + j)];
        // Dot products of 4,800 terms in two summation orders: each within ~n u = 5e-13.
        EXPECT_NEAR(v, expected[i][j].item<double>(), 1e-12) << shape << " S[" << i << ", " << j << "]";
        EXPECT_EQ(v, s[static_cast<size_t>(j * n + i)]) << "S is symmetric";
      }
    expectSameAtOneThread([&] { return textSimilarityMatrix(rows32.data_ptr<float>(), n, 3 * d); }, "S " + shape);
    expectSameAtOneThread(
        [&] {
          const torch::Tensor u = unitColumns(x, true).contiguous();
          return std::vector<double>(u.data_ptr<double>(), u.data_ptr<double>() + u.numel());
        },
        "unit columns " + shape);
    expectSameAtOneThread(
        [&] {
          const auto q = qkvProfiles(x, d);
          return std::vector<double>{q[0].variance, q[1].variance, q[2].variance, q[0].mean, q[2].meanAbs};
        },
        "profiles " + shape);
  }
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
