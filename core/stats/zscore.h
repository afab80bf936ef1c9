#pragma once
// z-scores and the outlier trimming of experiment 2 (analysis-spec.md, "Pair MI").
#include <cstddef>
#include <cstdint>
#include <vector>

namespace laminar::stats {

// z[i] = (x[i] - mean) / std, with numpy's mean and std(ddof) (ddof 0 = scipy.stats.zscore's
// default). A constant vector (std == 0) has no deviations: every z is 0 (scipy would give
// NaN). Throws laminar::Error for NaN/inf inputs, n == 0, or n <= ddof.
std::vector<double> zScores(const double* x, size_t n, int ddof = 0);
std::vector<double> zScores(const std::vector<double>& x, int ddof = 0);

// Which paired samples (x[k], y[k]) survive trimming: keep[k] = 1 unless |z_x[k]| > threshold
// or |z_y[k]| > threshold (strictly greater: a z of exactly the threshold is kept).
// threshold == 0 turns trimming off (all kept); a negative threshold throws laminar::Error.
// A constant vector trims nothing (its z are 0).
std::vector<uint8_t> zTrimMask(const double* x, const double* y, size_t n, double threshold,
                               int ddof = 0);

// The kept samples themselves, in their original order.
struct TrimmedPairs {
  std::vector<double> x, y;
  size_t dropped = 0;  // n - x.size()
};
TrimmedPairs zTrim(const double* x, const double* y, size_t n, double threshold, int ddof = 0);

}  // namespace laminar::stats
