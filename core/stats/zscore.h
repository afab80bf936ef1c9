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
// The same for x and y the caller checked to be finite, written into `out` (whose buffers
// are reused: experiment 2 trims every pair of every layer).
void zTrimOfFinite(const double* x, const double* y, size_t n, double threshold, int ddof, TrimmedPairs& out);

// What trimming needs from one vector alone: its mean and std, and the largest deviation from
// the mean whose z-score stays within the threshold. Experiment 2 trims each vector against
// several others; computing this once per vector rather than once per pair is the same
// arithmetic, so the kept samples are identical.
struct TrimScale {
  double mean = 0, sd = 0;
  double limit = 0;       // valid when hasLimit
  bool hasLimit = false;  // false: the z-scores themselves are compared with the threshold
};
// Whether zTrimOfFinite takes its main case, the one zTrimScale serves: a finite threshold
// > 0 and n > ddof >= 0 (otherwise trimming is off, or left to the mask, or an error).
bool zTrimUsesScales(size_t n, double threshold, int ddof);
// For a finite v in zTrimOfFinite's main case.
TrimScale zTrimScale(const double* v, size_t n, double threshold, int ddof);
// zTrimOfFinite's main case from the two vectors' scales, written into `out`.
void zTrimWithScales(const double* x, const TrimScale& sx, const double* y, const TrimScale& sy, size_t n,
                     double threshold, TrimmedPairs& out);

}  // namespace laminar::stats
