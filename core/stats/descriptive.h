#pragma once
// Mean, variance and standard deviation computed the way numpy does (pairwise summation,
// two-pass variance), so values written by Laminar and recomputed by numpy from the exported
// vectors agree to the last few bits, and so z-score trimming decides the same samples.
#include <cstddef>
#include <string>
#include <vector>

namespace laminar::stats {

// numpy's pairwise summation (np.add.reduce on a contiguous float64 array): bit-identical
// to numpy.sum for the same values in the same order. Empty input sums to 0.
double pairwiseSum(const double* values, size_t n);

// numpy.mean. Throws laminar::Error for n == 0.
double mean(const double* values, size_t n);
double mean(const std::vector<double>& values);

// numpy.var(values, ddof=ddof): sum((x - mean)^2) / (n - ddof).
// Throws laminar::Error when n <= ddof (numpy would return NaN or inf).
double variance(const double* values, size_t n, int ddof = 0);
double variance(const std::vector<double>& values, int ddof = 0);

// numpy.std: sqrt(variance).
double standardDeviation(const double* values, size_t n, int ddof = 0);
double standardDeviation(const std::vector<double>& values, int ddof = 0);

// numpy.median: the middle value, or the mean of the two middle values of an even count;
// NaN for no values.
double median(std::vector<double> values);

// Throws laminar::Error "<what>: value at index 7 is NaN" (or "is infinite") when any value
// is not finite. Every function of this module validates its inputs with it; `what` names
// the argument as the message should show it, e.g. "Kendall tau: x".
void requireFinite(const double* values, size_t n, const std::string& what);

}  // namespace laminar::stats
