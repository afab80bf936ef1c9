#include "stats/zscore.h"

#include <cmath>
#include <limits>
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

namespace {

// The largest deviation d >= 0 whose z-score rounds to at most the threshold t: with a
// finite sd > 0, |fl((v - m) / sd)| > t exactly when |fl(v - m)| > limit, because the
// rounded quotient is monotone in d and symmetric in its sign. Saves one division per value.
// A constant vector (sd == 0, every z is 0) keeps everything: limit = +inf. Returns false
// for the cases left to the plain formula (non-finite mean or sd, or no limit found quickly).
bool deviationLimit(double m, double sd, double t, double& limit) {
  if (!std::isfinite(m) || !std::isfinite(sd) || !(t > 0)) return false;
  if (sd == 0) {
    limit = std::numeric_limits<double>::infinity();
    return true;
  }
  const double inf = std::numeric_limits<double>::infinity();
  double d = t * sd;  // within an ulp or two of the answer
  for (int step = 0; step < 64; ++step) {
    if (d / sd > t) {  // too large (also d == inf): step down
      d = std::nextafter(d, 0.0);
      continue;
    }
    const double up = std::nextafter(d, inf);
    if (up / sd > t) {
      limit = d;
      return true;
    }
    d = up;
  }
  return false;
}

}  // namespace

namespace {

void trimInto(const double* x, const double* y, size_t n, double threshold, int ddof, TrimmedPairs& out,
              bool checkFinite) {
  out.x.clear();
  out.y.clear();
  out.x.reserve(n);
  out.y.reserve(n);
  if (threshold == 0) {  // trimming off: every sample kept
    if (checkFinite) {
      requireFinite(x, n, "z-score trimming: first vector");
      requireFinite(y, n, "z-score trimming: second vector");
    }
    out.x.assign(x, x + n);
    out.y.assign(y, y + n);
    out.dropped = 0;
    return;
  }
  // Where zScores would throw (n <= ddof), the mask says it all.
  if (n == 0 || ddof < 0 || n <= static_cast<size_t>(ddof)) {
    const std::vector<uint8_t> keep = zTrimMask(x, y, n, threshold, ddof);
    for (size_t k = 0; k < n; ++k) {
      if (!keep[k]) continue;
      out.x.push_back(x[k]);
      out.y.push_back(y[k]);
    }
    out.dropped = n - out.x.size();
    return;
  }
  // The same arithmetic as zTrimMask (mean, numpy's std, (v - mean) / std compared with the
  // threshold), without materialising the z-scores and the mask: this runs for every pair.
  if (!(threshold >= 0) || std::isinf(threshold))
    throw Error("z-score trimming threshold must be a finite number >= 0 (0 = off), got " +
                std::to_string(threshold));
  if (checkFinite) {
    requireFinite(x, n, "z-score trimming: first vector");
    requireFinite(y, n, "z-score trimming: second vector");
  }
  zTrimWithScales(x, zTrimScale(x, n, threshold, ddof), y, zTrimScale(y, n, threshold, ddof), n, threshold, out);
}

}  // namespace

bool zTrimUsesScales(size_t n, double threshold, int ddof) {
  return threshold > 0 && std::isfinite(threshold) && n > 0 && ddof >= 0 && n > static_cast<size_t>(ddof);
}

TrimScale zTrimScale(const double* v, size_t n, double threshold, int ddof) {
  TrimScale s;
  s.mean = mean(v, n);
  s.sd = standardDeviation(v, n, ddof);
  s.hasLimit = deviationLimit(s.mean, s.sd, threshold, s.limit);
  return s;
}

void zTrimWithScales(const double* x, const TrimScale& sx, const double* y, const TrimScale& sy, size_t n,
                     double threshold, TrimmedPairs& out) {
  // Every sample is written and the next one overwrites it unless it was kept: no branch
  // per sample (nearly all are kept, but the rare drop would be a misprediction).
  out.x.resize(n);
  out.y.resize(n);
  double* keptX = out.x.data();
  double* keptY = out.y.data();
  size_t m = 0;
  if (sx.hasLimit && sy.hasLimit) {
    for (size_t k = 0; k < n; ++k) {
      keptX[m] = x[k];
      keptY[m] = y[k];
      m += static_cast<size_t>(!(std::fabs(x[k] - sx.mean) > sx.limit) & !(std::fabs(y[k] - sy.mean) > sy.limit));
    }
  } else {
    for (size_t k = 0; k < n; ++k) {
      const double zx = sx.sd == 0 ? 0.0 : (x[k] - sx.mean) / sx.sd;  // a constant vector has z = 0
      const double zy = sy.sd == 0 ? 0.0 : (y[k] - sy.mean) / sy.sd;
      keptX[m] = x[k];
      keptY[m] = y[k];
      m += static_cast<size_t>(!(std::fabs(zx) > threshold) & !(std::fabs(zy) > threshold));
    }
  }
  out.x.resize(m);
  out.y.resize(m);
  out.dropped = n - m;
}

TrimmedPairs zTrim(const double* x, const double* y, size_t n, double threshold, int ddof) {
  TrimmedPairs out;
  trimInto(x, y, n, threshold, ddof, out, true);
  return out;
}

void zTrimOfFinite(const double* x, const double* y, size_t n, double threshold, int ddof, TrimmedPairs& out) {
  trimInto(x, y, n, threshold, ddof, out, false);
}

}  // namespace laminar::stats
