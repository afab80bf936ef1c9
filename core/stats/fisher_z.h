#pragma once
// Comparison of two correlation coefficients with Fisher's z-transform, as the original
// analysis compared the attention and MLP Kendall taus (analysis-spec.md):
//   Z = (atanh(r1) - atanh(r2)) / sqrt(2 / (N - 3)),  p = 2 * (1 - Phi(|Z|)).
// Tau is not a Pearson r, so on taus this is an approximation; label it so in the UI.
#include <cstdint>
#include <string>

namespace laminar::stats {

struct FisherZResult {
  double z = 0;  // NaN when !defined
  double p = 1;  // two-sided p from the standard normal; NaN when !defined
  // false, with `reason`, when N <= 3 ("needs more than 3 pairs"), when an input r is NaN
  // ("r1 is undefined": an undefined tau passed on), or when both r are the same +-1
  // (inf - inf). One r = +-1 and the other not gives Z = +-inf, p = 0 (defined).
  bool defined = true;
  std::string reason;
};

// r1, r2 in [-1, 1] (values outside throw laminar::Error); n = number of observations
// behind each coefficient (the number of occurrence pairs for the taus).
FisherZResult fisherZCompare(double r1, double r2, int64_t n);

}  // namespace laminar::stats
