// The CPU block histograms and spectrum masses of experiment 1 use float32 GEMMs; their
// counts must equal the float64 computation's, also for cosines that sit within float32
// rounding of a bin edge or a mass threshold.
#include <gtest/gtest.h>

#include <cmath>
#include <utility>

#include "analysis/similarity_math.h"
#include "analysis/spectrum_summary.h"
#include "util/error.h"

using namespace laminar;

namespace {

void expectSameCounts(const torch::Tensor& xn, int64_t d, const std::vector<double>& edges, const std::string& what) {
  BlockHistograms fast = similarityBlockHistograms(xn, d, edges);
  BlockHistograms reference = similarityBlockHistogramsFloat64(xn, d, edges);
  for (int b = 0; b < kBlocks; ++b)
    EXPECT_EQ(fast.counts[static_cast<size_t>(b)], reference.counts[static_cast<size_t>(b)])
        << what << " block " << blockKey(static_cast<SimilarityBlock>(b));
}

void expectSameMasses(const torch::Tensor& xn, int64_t d, double high, double low, const std::string& what) {
  const SpectrumMasses fast = spectrumMasses(xn, d, high, low);
  const SpectrumMasses reference = spectrumMassesFloat64(xn, d, high, low);
  for (size_t b = 0; b < kBlocks; ++b)
    for (size_t k = 0; k < 2; ++k)
      EXPECT_EQ(fast[b][k], reference[b][k]) << what << " block " << blockKey(static_cast<SimilarityBlock>(b))
                                             << (k == 0 ? " high" : " low");
}

// Two rows: Q columns (1, 0), K columns (cos t, sin t) with the given cosines, V columns
// spread around the circle.
torch::Tensor columnsWithCosines(const std::vector<double>& cosines) {
  const int64_t d = static_cast<int64_t>(cosines.size());
  torch::Tensor x = torch::zeros({2, 3 * d}, torch::kFloat64);
  for (int64_t j = 0; j < d; ++j) {
    const double c = cosines[static_cast<size_t>(j)];
    x[0][j] = 1.0;                             // Q
    x[0][d + j] = c;                           // K
    x[1][d + j] = std::sqrt(1.0 - c * c);
    x[0][2 * d + j] = std::cos(0.37 * j);      // V
    x[1][2 * d + j] = std::sin(0.37 * j);
  }
  return x;
}

}  // namespace

TEST(SimilarityFloat32, RandomVectorsGiveTheFloat64Counts) {
  torch::manual_seed(11);
  // d 65 and 130: blocks of several 64-row tiles whose last tile has one row or two (one of
  // them with nothing left of the diagonal to count).
  for (int64_t n : {2, 5, 54})
    for (int64_t d : {7, 40, 65, 130}) {
      torch::Tensor x = torch::randn({n, 3 * d}, torch::kFloat64);
      x.narrow(1, 2, 1).zero_();  // a zero column stays at similarity 0
      for (int bins : {4, 101}) {
        auto edges = similarityBinEdges(bins);
        const std::string what = "n " + std::to_string(n) + " d " + std::to_string(d) + " bins " + std::to_string(bins);
        expectSameCounts(unitColumns(x, false), d, edges, what + " cosine");
        expectSameCounts(unitColumns(x, true), d, edges, what + " correlation");
      }
    }
}

TEST(SimilarityFloat32, CosinesWithinFloat32RoundingOfAnEdgeAreBinnedAsInFloat64) {
  // Cosines at a bin edge plus or minus 1e-9..1e-7: float32 cannot tell which side they lie
  // on, float64 can.
  const int bins = 101;
  auto edges = similarityBinEdges(bins);
  std::vector<double> cosines;
  for (size_t e = 1; e + 1 < edges.size(); e += 3)
    for (double delta : {-1e-7, -1e-8, -1e-9, 1e-9, 1e-8, 1e-7}) cosines.push_back(edges[e] + delta);
  cosines.push_back(1.0);
  cosines.push_back(-1.0);
  cosines.push_back(1.0 - 1e-9);
  const int64_t d = static_cast<int64_t>(cosines.size());
  expectSameCounts(columnsWithCosines(cosines), d, edges, "near edges");
}

TEST(SimilarityFloat32, RandomVectorsGiveTheFloat64Masses) {
  torch::manual_seed(12);
  for (int64_t n : {2, 5, 54})
    for (int64_t d : {7, 40, 130}) {
      torch::Tensor x = torch::randn({n, 3 * d}, torch::kFloat64);
      x.narrow(1, 2, 1).zero_();
      const std::string what = "n " + std::to_string(n) + " d " + std::to_string(d);
      for (auto [high, low] : {std::pair{0.8, 0.2}, std::pair{1.0, 0.0}, std::pair{0.5, 0.5}}) {
        expectSameMasses(unitColumns(x, false), d, high, low, what + " cosine");
        expectSameMasses(unitColumns(x, true), d, high, low, what + " correlation");
      }
    }
}

TEST(SimilarityFloat32, CosinesWithinFloat32RoundingOfAThresholdCountAsInFloat64) {
  // |cos| within 1e-9..1e-7 of 0.8 and 0.2 on both sides and with both signs, and at +-1.
  std::vector<double> cosines;
  for (double t : {0.8, 0.2, -0.8, -0.2})
    for (double delta : {-1e-7, -3e-8, -1e-8, -1e-9, 0.0, 1e-9, 1e-8, 3e-8, 1e-7}) cosines.push_back(t + delta);
  for (double c : {1.0, -1.0, 1.0 - 1e-9}) cosines.push_back(c);
  const int64_t d = static_cast<int64_t>(cosines.size());
  const torch::Tensor x = columnsWithCosines(cosines);
  expectSameMasses(x, d, 0.8, 0.2, "near thresholds");
  // The QK block holds values on both sides of both thresholds.
  const SpectrumMasses m = spectrumMassesFloat64(x, d, 0.8, 0.2);
  const auto qk = static_cast<size_t>(SimilarityBlock::QK);
  EXPECT_GT(m[qk][0], 0.0);
  EXPECT_GT(m[qk][1], 0.0);
}

namespace {

// The run's pass: histograms that also count the masses. Its counts must be the plain
// histograms' and its masses the float64 reference's, on the CPU and the float64 path alike.
void expectHistogramPassMasses(const torch::Tensor& xn, int64_t d, const std::vector<double>& edges,
                               const MassThresholds& t, const std::string& what) {
  const BlockHistograms plain = similarityBlockHistograms(xn, d, edges);
  const BlockHistograms both = similarityBlockHistograms(xn, d, edges, &t);
  const BlockHistograms both64 = similarityBlockHistogramsFloat64(xn, d, edges, &t);
  ASSERT_FALSE(plain.hasMasses);
  ASSERT_TRUE(both.hasMasses && both64.hasMasses);
  const SpectrumMasses reference = spectrumMassesFloat64(xn, d, t.high, t.low);
  const SpectrumMasses fast = spectrumMassesFrom(both, d), slow = spectrumMassesFrom(both64, d);
  for (size_t b = 0; b < kBlocks; ++b) {
    const std::string block = what + " block " + blockKey(static_cast<SimilarityBlock>(b));
    EXPECT_EQ(both.counts[b], plain.counts[b]) << block;
    for (size_t k = 0; k < 2; ++k) {
      EXPECT_EQ(fast[b][k], reference[b][k]) << block << (k == 0 ? " high" : " low");
      EXPECT_EQ(slow[b][k], reference[b][k]) << block << (k == 0 ? " high" : " low") << " (float64 path)";
    }
  }
}

}  // namespace

TEST(SimilarityFloat32, HistogramPassCountsTheFloat64Masses) {
  torch::manual_seed(13);
  for (int64_t n : {2, 54}) {
    torch::Tensor x = torch::randn({n, 3 * 40}, torch::kFloat64);
    for (bool centre : {false, true})
      expectHistogramPassMasses(unitColumns(x, centre), 40, similarityBinEdges(101), {0.8, 0.2},
                                "n " + std::to_string(n) + (centre ? " correlation" : " cosine"));
  }
  std::vector<double> cosines;
  for (double t : {0.8, 0.2, -0.8, -0.2})
    for (double delta : {-1e-7, -1e-8, -1e-9, 0.0, 1e-9, 1e-8, 1e-7}) cosines.push_back(t + delta);
  const int64_t d = static_cast<int64_t>(cosines.size());
  // 101 bins: no edge at +-0.8 or +-0.2, so only the thresholds' recheck can get these right.
  expectHistogramPassMasses(columnsWithCosines(cosines), d, similarityBinEdges(101), {0.8, 0.2}, "near thresholds");
}

TEST(SimilarityFloat32, MassesNeedAPassThatCountedThem) {
  const torch::Tensor x = unitColumns(torch::randn({3, 3 * 4}, torch::kFloat64), false);
  EXPECT_THROW(spectrumMassesFrom(similarityBlockHistograms(x, 4, similarityBinEdges(10)), 4), Error);
}
