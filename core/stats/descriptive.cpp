#include "stats/descriptive.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>

#include "util/error.h"

namespace laminar::stats {

// numpy/core/src/umath/loops_utils.h.src, @TYPE@_pairwise_sum with PW_BLOCKSIZE 128.
double pairwiseSum(const double* a, size_t n) {
  if (n < 8) {
    double res = 0.;
    for (size_t i = 0; i < n; ++i) res += a[i];
    return res;
  }
  if (n <= 128) {
    double r[8];
    for (int j = 0; j < 8; ++j) r[j] = a[j];
    size_t i = 8;
    for (; i < n - (n % 8); i += 8)
      for (int j = 0; j < 8; ++j) r[j] += a[i + j];
    double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (; i < n; ++i) res += a[i];
    return res;
  }
  size_t n2 = n / 2;
  n2 -= n2 % 8;
  return pairwiseSum(a, n2) + pairwiseSum(a + n2, n - n2);
}

double mean(const double* values, size_t n) {
  if (n == 0) throw Error("mean of an empty sample is undefined");
  return pairwiseSum(values, n) / static_cast<double>(n);
}

double mean(const std::vector<double>& values) { return mean(values.data(), values.size()); }

double variance(const double* values, size_t n, int ddof) {
  if (ddof < 0) throw Error("variance: ddof must be >= 0, got " + std::to_string(ddof));
  if (n <= static_cast<size_t>(ddof))
    throw Error("variance with ddof=" + std::to_string(ddof) + " needs more than " +
                std::to_string(ddof) + " values, got " + std::to_string(n));
  const double m = mean(values, n);
  static thread_local std::vector<double> squares;  // reused: no allocation per call
  squares.resize(n);
  for (size_t i = 0; i < n; ++i) {
    const double d = values[i] - m;
    squares[i] = d * d;
  }
  return pairwiseSum(squares.data(), n) / static_cast<double>(n - static_cast<size_t>(ddof));
}

double variance(const std::vector<double>& values, int ddof) {
  return variance(values.data(), values.size(), ddof);
}

double standardDeviation(const double* values, size_t n, int ddof) {
  return std::sqrt(variance(values, n, ddof));
}

double standardDeviation(const std::vector<double>& values, int ddof) {
  return standardDeviation(values.data(), values.size(), ddof);
}

double median(std::vector<double> values) {
  if (values.empty()) return std::nan("");
  const auto mid = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
  std::nth_element(values.begin(), mid, values.end());
  if (values.size() % 2) return *mid;
  return 0.5 * (*mid + *std::max_element(values.begin(), mid));
}

void requireFinite(const double* values, size_t n, const std::string& what) {
  // Fast path: a value is NaN or infinite exactly when its exponent bits are all ones. The
  // OR over integers has no rounding, so the loop vectorises; the slow loop below only runs
  // to name the first bad index.
  uint64_t nonFinite = 0;
  for (size_t i = 0; i < n; ++i) {
    uint64_t b;
    std::memcpy(&b, values + i, sizeof b);
    nonFinite |= static_cast<uint64_t>((b & 0x7ff0000000000000ULL) == 0x7ff0000000000000ULL);
  }
  if (!nonFinite) return;
  for (size_t i = 0; i < n; ++i) {
    if (std::isnan(values[i]))
      throw Error(what + ": value at index " + std::to_string(i) + " is NaN");
    if (std::isinf(values[i]))
      throw Error(what + ": value at index " + std::to_string(i) + " is infinite");
  }
}

}  // namespace laminar::stats
