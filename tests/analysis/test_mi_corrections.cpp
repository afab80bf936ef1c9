// Experiment 2's multiple-comparison results, computed by core for both families (the t-test
// and Fisher Z), with an undefined layer among them. Expected values: statsmodels 0.13
// multipletests on the same p-values with the undefined one as p = 1 (the rule in
// core/stats/multiple_testing.h), i.e.
//   bonferroni [0.005, -, 0.1, 0.02, 1.0]  reject [T, F, F, T, F]
//   fdr_bh     [0.005, -, 0.0333.., 0.01, 0.375]  reject [T, F, T, T, F]
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "analysis/mi_distance_math.h"

namespace laminar {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

MiDistanceResults fiveLayers(const std::vector<double>& p, const std::vector<double>& fisherP) {
  MiDistanceResults r;
  r.nLayer = 5;
  for (int l = 0; l < 5; ++l) {
    MiLayer layer;
    layer.layer = l;
    layer.p = p[static_cast<size_t>(l)];
    layer.fisherP = fisherP[static_cast<size_t>(l)];
    adjustLayerTests(layer, r.nLayer, r.settings);
    r.layers.push_back(layer);
  }
  correctAcrossLayers(r);
  return r;
}

TEST(MiCorrections, BothFamiliesWithAnUndefinedLayerMatchStatsmodels) {
  const std::vector<double> p = {0.001, kNaN, 0.02, 0.004, 0.3};
  // Fisher Z gets the same values in another order, so a family mix-up shows.
  const std::vector<double> z = {0.3, 0.004, kNaN, 0.02, 0.001};
  const MiDistanceResults r = fiveLayers(p, z);
  ASSERT_TRUE(r.complete());
  const std::vector<double> bonf = {0.005, kNaN, 0.1, 0.02, 1.0};
  const std::vector<bool> bonfReject = {true, false, false, true, false};
  const std::vector<double> bh = {0.005, kNaN, 0.1 / 3, 0.01, 0.375};
  const std::vector<bool> bhReject = {true, false, true, true, false};
  const std::vector<size_t> zOrder = {4, 3, 1, 2, 0};  // z[i] == p[zOrder[i]]
  for (size_t i = 0; i < 5; ++i) {
    SCOPED_TRACE("layer " + std::to_string(i));
    const MiLayer& l = r.layers[i];
    const size_t k = zOrder[i];
    if (std::isnan(p[i])) {
      EXPECT_TRUE(std::isnan(l.pBonferroni));
      EXPECT_TRUE(std::isnan(r.pFdr[i]));
    } else {
      EXPECT_NEAR(l.pBonferroni, bonf[i], 1e-15);
      EXPECT_NEAR(r.pFdr[i], bh[i], 1e-15);
    }
    if (std::isnan(z[i])) {
      EXPECT_TRUE(std::isnan(l.fisherPBonferroni));
      EXPECT_TRUE(std::isnan(r.fisherPFdr[i]));
    } else {
      EXPECT_NEAR(l.fisherPBonferroni, bonf[k], 1e-15);
      EXPECT_NEAR(r.fisherPFdr[i], bh[k], 1e-15);
    }
    EXPECT_EQ(l.significantBonferroni, bonfReject[i]);
    EXPECT_EQ(r.significantFdr[i], bhReject[i]);
    EXPECT_EQ(l.fisherSignificantBonferroni, bonfReject[k]);
    EXPECT_EQ(r.fisherSignificantFdr[i], bhReject[k]);
  }
}

TEST(MiCorrections, BonferroniIsFinalPerLayerAtTheThreshold) {
  // p exactly alpha / L is significant (statsmodels rejects p <= alpha / m).
  MiLayer l;
  l.p = 0.01;
  l.fisherP = std::nextafter(0.01, 1.0);
  adjustLayerTests(l, 5, MiDistanceSettings{});
  EXPECT_TRUE(l.significantBonferroni);
  EXPECT_FALSE(l.fisherSignificantBonferroni);
  EXPECT_DOUBLE_EQ(l.pBonferroni, 0.05);
}

}  // namespace
}  // namespace laminar
