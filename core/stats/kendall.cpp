#include "stats/kendall.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <boost/math/special_functions/factorials.hpp>

#include "stats/descriptive.h"
#include "stats/distributions.h"
#include "util/error.h"
#include "util/not_a_number.h"

namespace laminar::stats {
namespace {

// Dense ranks 1..K of values (equal values share a rank), as scipy's
// np.r_[True, v[1:] != v[:-1]].cumsum() on the sorted values.
std::vector<int64_t> denseRanks(const double* v, size_t n) {
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), size_t{0});
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return v[a] < v[b]; });
  std::vector<int64_t> rank(n);
  int64_t r = 0;
  for (size_t i = 0; i < n; ++i) {
    if (i == 0 || v[order[i]] != v[order[i - 1]]) ++r;
    rank[order[i]] = r;
  }
  return rank;
}

struct TieStats {
  int64_t pairs = 0;  // sum cnt (cnt - 1) / 2
  double v0 = 0;      // sum cnt (cnt - 1) (cnt - 2)
  double v1 = 0;      // sum cnt (cnt - 1) (2 cnt + 5)
};

// scipy's count_rank_tie; the float sums are numpy pairwise sums of integer-valued terms.
TieStats tieStats(const std::vector<int64_t>& rank) {
  const int64_t maxRank = rank.empty() ? 0 : *std::max_element(rank.begin(), rank.end());
  std::vector<int64_t> count(static_cast<size_t>(maxRank) + 1, 0);
  for (int64_t r : rank) ++count[static_cast<size_t>(r)];
  TieStats s;
  std::vector<double> t0, t1;
  for (int64_t c : count) {
    if (c <= 1) continue;
    s.pairs += c * (c - 1) / 2;
    const double cd = static_cast<double>(c);
    t0.push_back(cd * (cd - 1.) * (cd - 2));
    t1.push_back(cd * (cd - 1.) * (2 * cd + 5));
  }
  s.v0 = pairwiseSum(t0.data(), t0.size());
  s.v1 = pairwiseSum(t1.data(), t1.size());
  return s;
}

KendallResult undefinedResult(int64_t n, const std::string& reason) {
  KendallResult r;
  r.n = n;
  r.tau = kNaN;
  r.p = kNaN;
  r.defined = false;
  r.reason = reason;
  return r;
}

}  // namespace

double kendallExactP(int64_t n, int64_t c) {
  if (n <= 0) throw Error("Kendall exact p-value: n must be positive, got " + std::to_string(n));
  const int64_t tot = n * (n - 1) / 2;
  if (c < 0 || c > tot)
    throw Error("Kendall exact p-value: discordant count " + std::to_string(c) +
                " outside 0.." + std::to_string(tot));
  c = std::min(c, tot - c);
  double prob;
  if (n == 1 || n == 2) {
    prob = 1.0;
  } else if (c == 0) {
    prob = n < 171 ? 2.0 / boost::math::factorial<double>(static_cast<unsigned>(n)) : 0.0;
  } else if (c == 1) {
    prob = n < 172 ? 2.0 / boost::math::factorial<double>(static_cast<unsigned>(n - 1)) : 0.0;
  } else if (4 * c == n * (n - 1)) {
    prob = 1.0;
  } else {
    // Number of permutations with j inversions, j = 0..c, built up one element at a time
    // (scipy: new = cumsum(new); new[j:] -= new[:c+1-j]).
    const size_t len = static_cast<size_t>(c) + 1;
    std::vector<double> counts(len, 0.0), cum(len);
    counts[0] = 1.0;
    counts[1] = 1.0;
    for (int64_t j = 3; j <= n; ++j) {
      double running = 0;
      for (size_t i = 0; i < len; ++i) {
        running += counts[i];
        cum[i] = running;
      }
      // Past 170! the counts overflow; scipy then divides by j at every step instead.
      if (n >= 171)
        for (double& v : cum) v /= static_cast<double>(j);
      counts = cum;
      if (j <= c)
        for (size_t i = static_cast<size_t>(j); i < len; ++i) counts[i] = cum[i] - cum[i - j];
    }
    if (n < 171)
      prob = 2.0 * pairwiseSum(counts.data(), len) /
             boost::math::factorial<double>(static_cast<unsigned>(n));
    else
      prob = pairwiseSum(counts.data(), len);
  }
  return std::clamp(prob, 0.0, 1.0);
}

namespace {

// Discordant pairs (smaller x, larger y) and pairs tied in both x and y, from dense ranks:
// ordered by (x rank, y rank), the discordant pairs are counted with a Fenwick tree over y
// ranks (scipy's _kendall_dis).
struct PairCounts {
  int64_t discordant = 0, jointTies = 0;
};

PairCounts countDiscordantAndJointTies(const std::vector<int64_t>& rx, const std::vector<int64_t>& ry) {
  const size_t n = rx.size();
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), size_t{0});
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return rx[a] != rx[b] ? rx[a] < rx[b] : ry[a] < ry[b];
  });
  const int64_t maxY = *std::max_element(ry.begin(), ry.end());
  std::vector<int64_t> fenwick(static_cast<size_t>(maxY) + 1, 0);
  PairCounts counts;
  int64_t inserted = 0;
  size_t i = 0;
  while (i < n) {
    size_t k = i;
    while (k < n && rx[order[k]] == rx[order[i]]) {
      int64_t atMost = 0;  // inserted (smaller x) with y rank <= this y rank
      for (int64_t idx = ry[order[k]]; idx > 0; idx &= idx - 1) atMost += fenwick[idx];
      counts.discordant += inserted - atMost;
      ++k;
    }
    for (size_t m = i; m < k; ++m) {
      for (int64_t idx = ry[order[m]]; idx <= maxY; idx += idx & -idx) ++fenwick[idx];
      ++inserted;
    }
    // Joint ties within this x group: runs of equal y rank.
    for (size_t m = i; m < k;) {
      size_t e = m;
      while (e < k && ry[order[e]] == ry[order[m]]) ++e;
      const int64_t cnt = static_cast<int64_t>(e - m);
      counts.jointTies += cnt * (cnt - 1) / 2;
      m = e;
    }
    i = k;
  }
  return counts;
}

// scipy's method="auto": the exact null without ties for n <= 33 (or when nearly every pair
// agrees), otherwise the normal approximation with the tie-corrected variance.
void setPValue(KendallResult& r, int64_t discordant, int64_t total, const TieStats& tx, const TieStats& ty) {
  const bool untied = tx.pairs == 0 && ty.pairs == 0;
  if (untied && (r.n <= 33 || std::min(discordant, total - discordant) <= 1)) {
    r.exact = true;
    r.p = kendallExactP(r.n, total - discordant);
    return;
  }
  const double sz = static_cast<double>(r.n);
  const double m = sz * (sz - 1.);
  const double var = ((m * (2 * sz + 5) - tx.v1 - ty.v1) / 18 + static_cast<double>(2 * tx.pairs * ty.pairs) / m +
                      tx.v0 * ty.v0 / (9 * m * (sz - 2)));
  r.z = static_cast<double>(r.concordantMinusDiscordant) / std::sqrt(var);
  r.p = normalTwoSidedP(r.z);
}

}  // namespace

KendallResult kendallTauB(const double* x, const double* y, size_t n) {
  requireFinite(x, n, "Kendall tau: x");
  requireFinite(y, n, "Kendall tau: y");
  const int64_t size = static_cast<int64_t>(n);
  if (n < 2) return undefinedResult(size, "fewer than 2 observations");

  const std::vector<int64_t> rx = denseRanks(x, n), ry = denseRanks(y, n);
  const PairCounts counts = countDiscordantAndJointTies(rx, ry);
  const TieStats tx = tieStats(rx), ty = tieStats(ry);
  const int64_t tot = size * (size - 1) / 2;
  if (tx.pairs == tot) return undefinedResult(size, "x is constant");
  if (ty.pairs == tot) return undefinedResult(size, "y is constant");

  KendallResult r;
  r.n = size;
  const int64_t conMinusDis = tot - tx.pairs - ty.pairs + counts.jointTies - 2 * counts.discordant;
  r.concordantMinusDiscordant = conMinusDis;
  double tau = static_cast<double>(conMinusDis) / std::sqrt(static_cast<double>(tot - tx.pairs)) /
               std::sqrt(static_cast<double>(tot - ty.pairs));
  r.tau = std::min(1., std::max(-1., tau));
  setPValue(r, counts.discordant, tot, tx, ty);
  return r;
}

KendallResult kendallTauB(const std::vector<double>& x, const std::vector<double>& y) {
  if (x.size() != y.size())
    throw Error("Kendall tau: x and y differ in length (" + std::to_string(x.size()) + " vs " +
                std::to_string(y.size()) + ")");
  return kendallTauB(x.data(), y.data(), x.size());
}

}  // namespace laminar::stats
