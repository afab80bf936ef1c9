#pragma once
// Multiple-comparison corrections as statsmodels.stats.multitest.multipletests (0.13):
// 'bonferroni' and 'fdr_bh' (Benjamini-Hochberg), with the same adjusted values and the same
// rejection rule (Bonferroni rejects p <= alpha / m, as statsmodels, rather than
// adjusted <= alpha; BH uses the step-up rule on the sorted p-values).
#include <vector>

namespace laminar::stats {

struct AdjustedPValues {
  std::vector<double> adjusted;  // in the input order, capped at 1; NaN where the input was NaN
  std::vector<bool> reject;      // significant at alpha; false where the input was NaN
  int tests = 0;                 // m: the number of p-values, NaN entries included
};

// p-values must lie in [0, 1]; a value outside (or inf) throws laminar::Error naming its index.
// NaN entries stand for tests whose statistic was undefined (e.g. a t-test on constant data).
// They still count as tests (m = p.size(), so Bonferroni stays min(1, p * L) as the spec
// writes it) and weigh on the others exactly as a p-value of 1 would, i.e. conservatively;
// their own adjusted value stays NaN and they are never rejected. statsmodels has no NaN rule
// (its output on NaN is meaningless). alpha must be in (0, 1), else laminar::Error.
// An empty input gives empty output.
AdjustedPValues bonferroni(const std::vector<double>& p, double alpha = 0.05);
// Bonferroni for one p-value among m tests: a test's verdict does not depend on the others'
// p-values, so a layer's result is final as soon as that layer is done. Same rule and NaN
// handling as bonferroni() (which applies this to each entry); m must be >= 1.
struct AdjustedPValue {
  double adjusted = 0;
  bool reject = false;
};
AdjustedPValue bonferroniOne(double p, int m, double alpha = 0.05);
AdjustedPValues benjaminiHochberg(const std::vector<double>& p, double alpha = 0.05);

}  // namespace laminar::stats
