#pragma once
// Independent two-sample t-tests, two-sided, as scipy.stats.ttest_ind (scipy 1.10):
// Student (equal_var=True, pooled variance, df = n1 + n2 - 2) and Welch (equal_var=False,
// Welch-Satterthwaite df). Means and variances use numpy's summation.
#include <cstddef>
#include <string>
#include <vector>

namespace laminar::stats {

enum class TTestKind { Student, Welch };

// "student" | "welch" (case-sensitive); anything else throws laminar::Error.
TTestKind parseTTestKind(const std::string& name);
const char* tTestKindName(TTestKind kind);

struct TTestResult {
  double t = 0;   // (mean(a) - mean(b)) / standard error; NaN when !defined
  double p = 1;   // two-sided p; NaN when !defined
  double df = 0;  // degrees of freedom used for p
  double meanA = 0, meanB = 0;
  // false when t is undefined on this data, with `reason`:
  //  * "sample A has fewer than 2 values" / "sample B ..." (scipy: NaN);
  //  * "both samples are constant and equal" (standard error and difference both 0; scipy: NaN).
  // Both samples constant but different gives a defined t = +-inf, p = 0 (as scipy).
  bool defined = true;
  std::string reason;
};

// NaN or inf in a or b throws laminar::Error naming the sample and index.
TTestResult tTestIndependent(const double* a, size_t na, const double* b, size_t nb,
                             TTestKind kind = TTestKind::Student);
TTestResult tTestIndependent(const std::vector<double>& a, const std::vector<double>& b,
                             TTestKind kind = TTestKind::Student);

}  // namespace laminar::stats
