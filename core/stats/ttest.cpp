#include "stats/ttest.h"

#include <cmath>

#include "stats/descriptive.h"
#include "stats/distributions.h"
#include "util/error.h"
#include "util/not_a_number.h"

namespace laminar::stats {
namespace {

// scipy's _var(x, ddof=1): the second central moment (numpy mean of squared deviations)
// times n / (n - 1) — not numpy.var(ddof=1), which can differ in the last bits.
double sampleVariance(const double* v, size_t n, double m) {
  std::vector<double> squares(n);
  for (size_t i = 0; i < n; ++i) {
    const double d = v[i] - m;
    squares[i] = d * d;
  }
  const double moment2 = pairwiseSum(squares.data(), n) / static_cast<double>(n);
  return moment2 * (static_cast<double>(n) / static_cast<double>(n - 1));
}

}  // namespace

TTestKind parseTTestKind(const std::string& name) {
  if (name == "student") return TTestKind::Student;
  if (name == "welch") return TTestKind::Welch;
  throw Error("unknown t-test '" + name + "' (expected 'student' or 'welch')");
}

const char* tTestKindName(TTestKind kind) {
  return kind == TTestKind::Student ? "student" : "welch";
}

TTestResult tTestIndependent(const double* a, size_t na, const double* b, size_t nb,
                             TTestKind kind) {
  requireFinite(a, na, "t-test: sample A");
  requireFinite(b, nb, "t-test: sample B");
  TTestResult r;
  auto undefined = [&](const std::string& reason) {
    r.t = kNaN;
    r.p = kNaN;
    r.defined = false;
    r.reason = reason;
    return r;
  };
  if (na > 0) r.meanA = mean(a, na);
  if (nb > 0) r.meanB = mean(b, nb);
  if (na < 2) return undefined("sample A has fewer than 2 values");
  if (nb < 2) return undefined("sample B has fewer than 2 values");

  const double v1 = sampleVariance(a, na, r.meanA), v2 = sampleVariance(b, nb, r.meanB);
  const double n1 = static_cast<double>(na), n2 = static_cast<double>(nb);
  double denom;
  if (kind == TTestKind::Student) {
    r.df = n1 + n2 - 2.0;
    const double svar = ((n1 - 1) * v1 + (n2 - 1) * v2) / r.df;
    denom = std::sqrt(svar * (1.0 / n1 + 1.0 / n2));
  } else {
    const double vn1 = v1 / n1, vn2 = v2 / n2;
    r.df = (vn1 + vn2) * (vn1 + vn2) / (vn1 * vn1 / (n1 - 1) + vn2 * vn2 / (n2 - 1));
    if (std::isnan(r.df)) r.df = 1;  // both variances 0: scipy's convention
    denom = std::sqrt(vn1 + vn2);
  }
  const double d = r.meanA - r.meanB;
  if (denom == 0 && d == 0) return undefined("both samples are constant and equal");
  r.t = d / denom;  // +-inf when only the means differ (scipy: same, p = 0)
  r.p = studentTTwoSidedP(r.t, r.df);
  return r;
}

TTestResult tTestIndependent(const std::vector<double>& a, const std::vector<double>& b,
                             TTestKind kind) {
  return tTestIndependent(a.data(), a.size(), b.data(), b.size(), kind);
}

}  // namespace laminar::stats
