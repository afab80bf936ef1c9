#include "stats/paired_tests.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "stats/descriptive.h"
#include "stats/distributions.h"
#include "util/error.h"
#include "util/not_a_number.h"

namespace laminar::stats {
namespace {

std::vector<double> differences(const double* a, const double* b, size_t n, const char* what) {
  requireFinite(a, n, std::string(what) + ": sample A");
  requireFinite(b, n, std::string(what) + ": sample B");
  std::vector<double> d(n);
  for (size_t i = 0; i < n; ++i) d[i] = a[i] - b[i];
  return d;
}

void requireSameSize(size_t na, size_t nb, const char* what) {
  if (na != nb)
    throw Error(std::string(what) + ": the samples must be paired, got " + std::to_string(na) + " and " +
                std::to_string(nb) + " values");
}

// scipy's _var(x, ddof=1): mean of squared deviations (numpy summation) times n / (n - 1).
double sampleVariance(const std::vector<double>& v, double m) {
  std::vector<double> squares(v.size());
  for (size_t i = 0; i < v.size(); ++i) squares[i] = (v[i] - m) * (v[i] - m);
  const double n = static_cast<double>(v.size());
  return pairwiseSum(squares.data(), squares.size()) / n * (n / (n - 1));
}

// scipy.stats.rankdata(method='average') of |d|, and the sizes of the tie groups.
std::vector<double> averageRanks(const std::vector<double>& values, std::vector<size_t>& tieSizes) {
  std::vector<size_t> order(values.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t x, size_t y) { return values[x] < values[y]; });
  std::vector<double> ranks(values.size());
  for (size_t i = 0; i < order.size();) {
    size_t j = i;
    while (j < order.size() && values[order[j]] == values[order[i]]) ++j;
    const double rank = 0.5 * static_cast<double>(i + 1 + j);  // mean of ranks i+1 .. j
    for (size_t k = i; k < j; ++k) ranks[order[k]] = rank;
    if (j - i > 1) tieSizes.push_back(j - i);
    i = j;
  }
  return ranks;
}

WilcoxonResult undefinedWilcoxon(const std::string& reason) {
  WilcoxonResult r;
  r.statistic = r.p = kNaN;
  r.defined = false;
  r.reason = reason;
  return r;
}

double exactWilcoxonP(size_t count, double rPlus) {
  const std::vector<double> pmf = wilcoxonExactDistribution(count);
  const auto r = static_cast<size_t>(rPlus);  // scipy: int(r_plus), truncating a tie's .5
  if (r == (pmf.size() - 1) / 2) return 1.0;
  const double less = pairwiseSum(pmf.data(), r + 1);
  const double greater = pairwiseSum(pmf.data() + r, pmf.size() - r);
  return std::clamp(2 * std::min(greater, less), 0.0, 1.0);
}

}  // namespace

TTestResult pairedTTest(const double* a, const double* b, size_t n) {
  const std::vector<double> d = differences(a, b, n, "paired t-test");
  TTestResult r;
  if (n > 0) {
    r.meanA = mean(a, n);
    r.meanB = mean(b, n);
  }
  auto undefined = [&](const std::string& reason) {
    r.t = r.p = kNaN;
    r.defined = false;
    r.reason = reason;
    return r;
  };
  if (n < 2) return undefined("the paired t-test needs at least 2 pairs, got " + std::to_string(n));
  r.df = static_cast<double>(n) - 1;
  const double dm = mean(d);
  const double denom = std::sqrt(sampleVariance(d, dm) / static_cast<double>(n));
  if (denom == 0 && dm == 0) return undefined("all differences are zero");
  r.t = dm / denom;  // +-inf when every difference is the same non-zero value (scipy: same)
  r.p = studentTTwoSidedP(r.t, r.df);
  return r;
}

TTestResult pairedTTest(const std::vector<double>& a, const std::vector<double>& b) {
  requireSameSize(a.size(), b.size(), "paired t-test");
  return pairedTTest(a.data(), b.data(), a.size());
}

std::vector<double> wilcoxonExactDistribution(size_t n) {
  // Adding rank k: R+ either keeps its value or grows by k, each with probability 1/2.
  std::vector<double> c{1.0};
  for (size_t k = 1; k <= n; ++k) {
    std::vector<double> next(k * (k + 1) / 2 + 1, 0.0);
    const size_t m = c.size();
    for (size_t i = 0; i < m; ++i) next[i] = c[i] * 0.5;
    for (size_t i = 0; i < m; ++i) next[next.size() - m + i] += c[i] * 0.5;
    c = std::move(next);
  }
  return c;
}

WilcoxonResult wilcoxonSignedRank(const double* a, const double* b, size_t n) {
  std::vector<double> d = differences(a, b, n, "Wilcoxon signed-rank test");
  if (n == 0) return undefinedWilcoxon("no pairs");
  const bool anyZero = std::any_of(d.begin(), d.end(), [](double v) { return v == 0; });
  WilcoxonResult r;
  r.exact = n <= 50 && !anyZero;
  if (!r.exact) {
    d.erase(std::remove(d.begin(), d.end(), 0.0), d.end());
    if (d.empty()) return undefinedWilcoxon("all differences are zero");
  }
  std::vector<double> magnitude(d.size());
  for (size_t i = 0; i < d.size(); ++i) magnitude[i] = std::fabs(d[i]);
  std::vector<size_t> ties;
  const std::vector<double> ranks = averageRanks(magnitude, ties);
  std::vector<double> plus(d.size()), minus(d.size());
  for (size_t i = 0; i < d.size(); ++i) {
    plus[i] = d[i] > 0 ? ranks[i] : 0.0;
    minus[i] = d[i] < 0 ? ranks[i] : 0.0;
  }
  const double rPlus = pairwiseSum(plus.data(), plus.size()), rMinus = pairwiseSum(minus.data(), minus.size());
  r.used = d.size();
  r.statistic = std::min(rPlus, rMinus);
  if (r.exact) {
    r.p = exactWilcoxonP(d.size(), rPlus);
    return r;
  }
  const double count = static_cast<double>(d.size());
  const double mn = count * (count + 1.) * 0.25;
  double se = count * (count + 1.) * (2. * count + 1.);
  double tieTerm = 0;
  for (size_t t : ties) tieTerm += static_cast<double>(t) * (static_cast<double>(t) * static_cast<double>(t) - 1);
  se -= 0.5 * tieTerm;
  se = std::sqrt(se / 24);
  r.z = (r.statistic - mn) / se;
  r.p = normalTwoSidedP(r.z);
  return r;
}

WilcoxonResult wilcoxonSignedRank(const std::vector<double>& a, const std::vector<double>& b) {
  requireSameSize(a.size(), b.size(), "Wilcoxon signed-rank test");
  return wilcoxonSignedRank(a.data(), b.data(), a.size());
}

}  // namespace laminar::stats
