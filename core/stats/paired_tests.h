#pragma once
// Paired two-sample tests, two-sided, for experiment 2's attention-vs-MLP comparison: every
// pair of occurrences is measured at both sites, so the two samples are paired (issue 10).
// Written to give exactly what scipy 1.10 (Debian 12) gives:
//  * pairedTTest = scipy.stats.ttest_rel(a, b): d = a - b, t = mean(d) / sqrt(var(d, ddof 1) / n),
//    df = n - 1;
//  * wilcoxonSignedRank = scipy.stats.wilcoxon(a, b) with its defaults (zero_method='wilcox',
//    correction=False, alternative='two-sided', method='auto').
// The independent-samples test (stats/ttest.h) stays for parity with the original analysis.
#include <cstddef>
#include <string>
#include <vector>

#include "stats/ttest.h"  // TTestResult

namespace laminar::stats {

// ttest_rel. meanA / meanB are the two samples' means, df = n - 1. Undefined (t, p NaN, with
// `reason`) for n < 2 ("needs at least 2 pairs") and when every difference is the same value 0
// ("all differences are zero"); identical non-zero differences give t = +-inf, p = 0 (scipy).
// Sizes must agree; NaN/inf throws laminar::Error naming the sample and index.
TTestResult pairedTTest(const double* a, const double* b, size_t n);
TTestResult pairedTTest(const std::vector<double>& a, const std::vector<double>& b);

struct WilcoxonResult {
  double statistic = 0;  // T = min(R+, R-), scipy's two-sided statistic; NaN when !defined
  double p = 1;          // two-sided; NaN when !defined
  bool exact = false;    // p from the exact null distribution of R+ (else normal approximation)
  double z = 0;          // the normal statistic when !exact (0 otherwise)
  size_t used = 0;       // differences ranked (the non-zero ones in the approximation)
  bool defined = true;
  std::string reason;  // "no pairs" / "all differences are zero" (scipy: NaN / ValueError)
};

// scipy.stats.wilcoxon(a, b) as in scipy 1.10.1:
//  * d = a - b; exact when len(d) <= 50 and no d is 0, else the normal approximation;
//  * exact: ranks of |d| (average ranks for ties: scipy 1.10 keeps the exact method with ties
//    and truncates the rank sum R+ to an integer), p = 2 min(P(R+ <= r), P(R+ >= r)) from the
//    exact distribution, 1 when r is its centre, clipped to 1;
//  * approximation: zero differences dropped (zero_method 'wilcox'), ranks of |d|,
//    z = (T - n(n+1)/4) / sqrt((n(n+1)(2n+1) - sum over tie groups of t(t^2 - 1) / 2) / 24),
//    no continuity correction, p = 2 sf(|z|).
WilcoxonResult wilcoxonSignedRank(const double* a, const double* b, size_t n);
WilcoxonResult wilcoxonSignedRank(const std::vector<double>& a, const std::vector<double>& b);

// scipy.stats._hypotests._get_wilcoxon_distr(n): P(R+ = r), r = 0..n(n+1)/2, for n untied
// non-zero differences. Exposed for tests.
std::vector<double> wilcoxonExactDistribution(size_t n);

}  // namespace laminar::stats
