// The parallel normal draws of the untrained control (training/parallel_normal.h): normal
// with the asked-for spread (a Kolmogorov-Smirnov test against Boost.Math's normal CDF, not
// against the generator's own code), independent across blocks, and the same values for
// any thread count and any length.
#include <gtest/gtest.h>

#include <ATen/Parallel.h>

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <vector>

#include "training/parallel_normal.h"

using namespace laminar;

namespace {

std::vector<float> draw(int64_t n, double stddev, uint64_t seed, uint64_t stream) {
  std::vector<float> v(static_cast<size_t>(n));
  fillParallelNormal(v.data(), n, stddev, seed, stream);
  return v;
}

// sup |F_n(x) - F(x)| of the sample against normal(0, stddev).
double ksStatistic(std::vector<float> v, double stddev) {
  std::sort(v.begin(), v.end());
  const boost::math::normal_distribution<double> normal(0.0, stddev);
  const double n = static_cast<double>(v.size());
  double d = 0;
  for (size_t i = 0; i < v.size(); ++i) {
    const double f = boost::math::cdf(normal, static_cast<double>(v[i]));
    d = std::max({d, (static_cast<double>(i) + 1) / n - f, f - static_cast<double>(i) / n});
  }
  return d;
}

}  // namespace

TEST(ParallelNormal, IsNormalWithTheAskedForSpread) {
  const int64_t n = 200000;
  // 1.95 / sqrt(n) is the KS critical value at p = 0.001; seeds fixed, so this is not flaky.
  for (uint64_t seed : {0, 1, 42}) {
    EXPECT_LT(ksStatistic(draw(n, 0.02, seed, 3), 0.02), 1.95 / std::sqrt(static_cast<double>(n))) << seed;
  }
  // and it can fail: a wrong spread is far outside
  EXPECT_GT(ksStatistic(draw(n, 0.021, 0, 3), 0.02), 1.95 / std::sqrt(static_cast<double>(n)));
}

TEST(ParallelNormal, BlocksAndStreamsAreUncorrelated) {
  const int64_t b = kParallelNormalBlock, blocks = 64;
  const auto v = draw(b * blocks, 1.0, 7, 0), w = draw(b * blocks, 1.0, 7, 1);
  // Correlation of value i of a block with value i of the next block, and of stream 0 with
  // stream 1: for independent draws about normal(0, 1/sqrt(m)); allow 5 of those.
  double sumNext = 0, sumStream = 0;
  const double m = static_cast<double>(b * (blocks - 1));
  for (int64_t i = 0; i + b < b * blocks; ++i) {
    sumNext += static_cast<double>(v[i]) * v[i + b];
    sumStream += static_cast<double>(v[i]) * w[i];
  }
  EXPECT_LT(std::abs(sumNext / m), 5.0 / std::sqrt(m));
  EXPECT_LT(std::abs(sumStream / m), 5.0 / std::sqrt(m));
  EXPECT_NE(draw(10, 1.0, 7, 0), draw(10, 1.0, 8, 0));  // the seed matters
}

TEST(ParallelNormal, TheSameValuesForAnyThreadCountAndLength) {
  const int64_t n = 37 * kParallelNormalBlock + 123;  // a partial last block
  const int threads = at::get_num_threads();
  at::set_num_threads(1);
  const auto one = draw(n, 0.02, 5, 9);
  at::set_num_threads(3);
  const auto three = draw(n, 0.02, 5, 9);
  at::set_num_threads(threads);
  EXPECT_EQ(one, three);
  const auto prefix = draw(n - 5000, 0.02, 5, 9);
  EXPECT_TRUE(std::equal(prefix.begin(), prefix.end(), one.begin()));
}
