#include "stats/multiple_testing.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>

#include "util/error.h"
#include "util/not_a_number.h"

namespace laminar::stats {
namespace {

// Indices of the defined (non-NaN) p-values, after validating every value and alpha.
std::vector<size_t> definedIndices(const std::vector<double>& p, double alpha, const char* what) {
  if (!(alpha > 0 && alpha < 1))
    throw Error(std::string(what) + ": alpha must lie in (0, 1), got " + std::to_string(alpha));
  std::vector<size_t> idx;
  for (size_t i = 0; i < p.size(); ++i) {
    if (std::isnan(p[i])) continue;
    if (!(p[i] >= 0 && p[i] <= 1))
      throw Error(std::string(what) + ": p-value at index " + std::to_string(i) + " is " +
                  std::to_string(p[i]) + ", outside [0, 1]");
    idx.push_back(i);
  }
  return idx;
}

AdjustedPValues emptyLike(size_t n) {
  AdjustedPValues out;
  out.adjusted.assign(n, kNaN);
  out.reject.assign(n, false);
  return out;
}

}  // namespace

AdjustedPValues bonferroni(const std::vector<double>& p, double alpha) {
  const std::vector<size_t> idx = definedIndices(p, alpha, "Bonferroni correction");
  AdjustedPValues out = emptyLike(p.size());
  out.tests = static_cast<int>(p.size());
  for (size_t i : idx) {
    const AdjustedPValue one = bonferroniOne(p[i], out.tests, alpha);
    out.reject[i] = one.reject;
    out.adjusted[i] = one.adjusted;
  }
  return out;
}

AdjustedPValue bonferroniOne(double p, int m, double alpha) {
  if (m < 1) throw Error("Bonferroni correction: the number of tests must be at least 1, got " + std::to_string(m));
  definedIndices({p}, alpha, "Bonferroni correction");  // validates p and alpha
  if (std::isnan(p)) return {kNaN, false};
  const double tests = static_cast<double>(m);
  return {std::min(1.0, p * tests), p <= alpha / tests};
}

AdjustedPValues benjaminiHochberg(const std::vector<double>& p, double alpha) {
  std::vector<size_t> idx = definedIndices(p, alpha, "Benjamini-Hochberg correction");
  AdjustedPValues out = emptyLike(p.size());
  // Undefined entries rank last as p = 1: they never lower another's adjusted value (which
  // is capped at 1) and are never rejected, so only m changes.
  const size_t m = p.size(), defined = idx.size();
  out.tests = static_cast<int>(m);
  if (defined == 0) return out;
  std::stable_sort(idx.begin(), idx.end(), [&](size_t a, size_t b) { return p[a] < p[b]; });
  // statsmodels fdrcorrection on the sorted values: ecdf factor (i+1)/m, step-up rejection,
  // adjusted = running minimum from the top of p / ecdf, capped at 1.
  std::vector<double> ecdf(defined), adjusted(defined);
  size_t rejectCount = 0;
  for (size_t i = 0; i < defined; ++i) {
    ecdf[i] = static_cast<double>(i + 1) / static_cast<double>(m);
    if (p[idx[i]] <= ecdf[i] * alpha) rejectCount = i + 1;
  }
  double running = std::numeric_limits<double>::infinity();
  for (size_t i = defined; i-- > 0;) {
    running = std::min(running, p[idx[i]] / ecdf[i]);
    adjusted[i] = std::min(1.0, running);
  }
  for (size_t i = 0; i < defined; ++i) {
    out.adjusted[idx[i]] = adjusted[i];
    out.reject[idx[i]] = i < rejectCount;
  }
  return out;
}

}  // namespace laminar::stats
