#include "stats/zscore.h"

#include <cmath>
#include <string>

#include "stats/descriptive.h"
#include "util/error.h"

namespace laminar::stats {

std::vector<double> zScores(const double* x, size_t n, int ddof) {
  requireFinite(x, n, "z-score");
  if (n == 0) throw Error("z-score: empty vector");
  const double m = mean(x, n);
  const double sd = standardDeviation(x, n, ddof);
  std::vector<double> z(n, 0.0);
  if (sd == 0) return z;  // constant vector: no deviation anywhere
  for (size_t i = 0; i < n; ++i) z[i] = (x[i] - m) / sd;
  return z;
}

std::vector<double> zScores(const std::vector<double>& x, int ddof) {
  return zScores(x.data(), x.size(), ddof);
}

std::vector<uint8_t> zTrimMask(const double* x, const double* y, size_t n, double threshold,
                               int ddof) {
  if (!(threshold >= 0) || std::isinf(threshold))
    throw Error("z-score trimming threshold must be a finite number >= 0 (0 = off), got " +
                std::to_string(threshold));
  requireFinite(x, n, "z-score trimming: first vector");
  requireFinite(y, n, "z-score trimming: second vector");
  std::vector<uint8_t> keep(n, 1);
  if (threshold == 0 || n == 0) return keep;
  const std::vector<double> zx = zScores(x, n, ddof);
  const std::vector<double> zy = zScores(y, n, ddof);
  for (size_t k = 0; k < n; ++k)
    if (std::fabs(zx[k]) > threshold || std::fabs(zy[k]) > threshold) keep[k] = 0;
  return keep;
}

TrimmedPairs zTrim(const double* x, const double* y, size_t n, double threshold, int ddof) {
  const std::vector<uint8_t> keep = zTrimMask(x, y, n, threshold, ddof);
  TrimmedPairs out;
  out.x.reserve(n);
  out.y.reserve(n);
  for (size_t k = 0; k < n; ++k) {
    if (!keep[k]) continue;
    out.x.push_back(x[k]);
    out.y.push_back(y[k]);
  }
  out.dropped = n - out.x.size();
  return out;
}

}  // namespace laminar::stats
