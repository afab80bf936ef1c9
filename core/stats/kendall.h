#pragma once
// Kendall's tau-b and its two-sided p-value, computed exactly as scipy.stats.kendalltau
// (scipy 1.10, method='auto', variant='b', alternative='two-sided'):
//  * tau-b = (concordant - discordant) / sqrt((n0 - n1)(n0 - n2)), ties counted by scipy's
//    dense-rank + Fenwick-tree algorithm, O(n log n), clamped to [-1, 1];
//  * p: the exact null distribution (Kendall 1970, scipy's _kendall_p_exact) when there are
//    no ties and (n <= 33 or min(discordant, concordant) <= 1); otherwise the normal
//    approximation with the tie-corrected variance of (concordant - discordant).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace laminar::stats {

struct KendallResult {
  double tau = 0;   // tau-b in [-1, 1]; NaN when !defined
  double p = 1;     // two-sided p-value; NaN when !defined
  int64_t n = 0;    // number of pairs of observations
  bool exact = false;  // p from the exact distribution (else normal approximation)
  double z = 0;        // the normal statistic when !exact (0 otherwise)
  int64_t concordantMinusDiscordant = 0;
  // false when tau is mathematically undefined on this data; tau and p are then NaN (as
  // scipy returns) and `reason` says why: "fewer than 2 observations", "x is constant",
  // "y is constant". Callers must show such a value as undefined, never plot the NaN.
  bool defined = true;
  std::string reason;
};

// x and y are paired observations of equal length. NaN or inf in either throws
// laminar::Error naming the argument and index (scipy's nan_policy='propagate' would return
// NaN silently). n == 2 without ties gives tau = +-1, p = 1 (scipy's exact rule).
KendallResult kendallTauB(const double* x, const double* y, size_t n);
KendallResult kendallTauB(const std::vector<double>& x, const std::vector<double>& y);

// scipy.stats._mstats_basic._kendall_p_exact(n, c, 'two-sided'): the two-sided exact
// p-value for n untied observations with c discordant pairs (0 <= c <= n(n-1)/2).
// Exposed for tests. Throws laminar::Error for n < 1 or c out of range.
double kendallExactP(int64_t n, int64_t c);

}  // namespace laminar::stats
