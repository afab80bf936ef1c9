#include "stats/ksg_mi.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <vector>

#include "stats/descriptive.h"
#include "stats/distributions.h"
#include "util/error.h"

namespace laminar::stats {
namespace {

// sklearn.preprocessing.scale(v, with_mean=False): divide by numpy's std (ddof 0); a scale
// below 10 machine epsilons counts as zero and is replaced by 1 (_handle_zeros_in_scale).
std::vector<double> scaled(const double* v, size_t n) {
  double sd = standardDeviation(v, n, 0);
  if (sd < 10 * std::numeric_limits<double>::epsilon()) sd = 1.0;
  std::vector<double> out(n);
  for (size_t i = 0; i < n; ++i) out[i] = v[i] / sd;
  return out;
}

// Number of sorted[j] with |sorted[j] - sorted[pos]| <= radius, pos itself included. The
// qualifying j form one contiguous run around pos (rounding is monotone), found by galloping
// outward from pos and then bisecting with the exact predicate: O(log count).
int64_t countWithin(const std::vector<double>& sorted, size_t pos, double radius) {
  const double c = sorted[pos];
  const int64_t n = static_cast<int64_t>(sorted.size());
  auto inside = [&](int64_t j) { return std::fabs(sorted[static_cast<size_t>(j)] - c) <= radius; };
  // Right end: gallop while inside, then bisect (in: inside, out: outside or n).
  int64_t in = static_cast<int64_t>(pos), out, step = 1;
  while (in + step < n && inside(in + step)) {
    in += step;
    step *= 2;
  }
  out = std::min(n, in + step);
  while (out - in > 1) {
    const int64_t mid = in + (out - in) / 2;
    (inside(mid) ? in : out) = mid;
  }
  const int64_t right = out;  // one past the last inside
  // Left end, mirrored (out: outside or -1).
  in = static_cast<int64_t>(pos);
  step = 1;
  while (in - step >= 0 && inside(in - step)) {
    in -= step;
    step *= 2;
  }
  out = std::max<int64_t>(-1, in - step);
  while (in - out > 1) {
    const int64_t mid = out + (in - out) / 2;
    (inside(mid) ? in : out) = mid;
  }
  return right - in;
}

// digamma(m) for m = 0..n (entry 0 unused), kept per thread: the same values every call,
// and experiment 2 calls this for every pair of every layer.
const std::vector<double>& digammaTable(size_t n) {
  static thread_local std::vector<double> table(1, 0.0);
  for (size_t m = table.size(); m <= n; ++m) table.push_back(digamma(static_cast<double>(m)));
  return table;
}

}  // namespace

MiEstimate ksgMutualInformation(const double* x, const double* y, size_t n, int k) {
  requireFinite(x, n, "KSG MI: x");
  requireFinite(y, n, "KSG MI: y");
  if (k < 1) throw Error("KSG MI: k must be >= 1, got " + std::to_string(k));
  MiEstimate r;
  r.samples = n;
  if (n <= static_cast<size_t>(k)) {
    r.mi = std::numeric_limits<double>::quiet_NaN();
    r.defined = false;
    r.reason = "KSG MI with k = " + std::to_string(k) + " needs more than " + std::to_string(k) +
               " samples, got " + std::to_string(n);
    return r;
  }
  const std::vector<double> xs = scaled(x, n), ys = scaled(y, n);

  // Work on copies in x order, so the neighbour sweep reads memory contiguously. The
  // estimate only depends on the multiset of per-point counts, not on the order.
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), size_t{0});
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return xs[a] < xs[b]; });
  std::vector<double> sx(n), sy(n);
  for (size_t p = 0; p < n; ++p) {
    sx[p] = xs[order[p]];
    sy[p] = ys[order[p]];
  }

  // Distance to the k-th nearest neighbour in the joint max-norm space, expanding outward
  // from each point in x order; once the x gap alone reaches the current k-th distance no
  // farther point can come closer, so the sweep stops.
  const size_t kk = static_cast<size_t>(k);
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<double> radius(n), best(kk);  // best: the k smallest distances, ascending
  for (size_t pos = 0; pos < n; ++pos) {
    const double xi = sx[pos], yi = sy[pos];
    std::fill(best.begin(), best.end(), inf);
    size_t left = pos, right = pos + 1;  // next candidates: left - 1 and right
    while (true) {
      const double dl = left > 0 ? xi - sx[left - 1] : inf;
      const double dr = right < n ? sx[right] - xi : inf;
      const bool takeLeft = dl <= dr;
      const double dx = takeLeft ? dl : dr;
      if (dx >= best[kk - 1]) break;  // also ends the sweep when both sides are exhausted
      const size_t j = takeLeft ? --left : right++;
      const double d = std::max(dx, std::fabs(sy[j] - yi));
      if (d < best[kk - 1]) {
        size_t slot = kk - 1;
        while (slot > 0 && best[slot - 1] > d) {
          best[slot] = best[slot - 1];
          --slot;
        }
        best[slot] = d;
      }
    }
    // sklearn: np.nextafter(radius, 0), then neighbours with distance <= that radius.
    radius[pos] = std::nextafter(best[kk - 1], 0.0);
  }

  // Counts along y need the y-sorted order and each point's place in it.
  std::vector<size_t> yOrder(n);
  std::iota(yOrder.begin(), yOrder.end(), size_t{0});
  std::sort(yOrder.begin(), yOrder.end(), [&](size_t a, size_t b) { return sy[a] < sy[b]; });
  std::vector<double> sortedY(n);
  std::vector<size_t> yRank(n);
  for (size_t r = 0; r < n; ++r) {
    sortedY[r] = sy[yOrder[r]];
    yRank[yOrder[r]] = r;
  }
  std::vector<int64_t> nx(n), ny(n);
  for (size_t pos = 0; pos < n; ++pos) {
    nx[pos] = countWithin(sx, pos, radius[pos]);
    ny[pos] = countWithin(sortedY, yRank[pos], radius[pos]);
  }

  // psi(n_x + 1) where n_x excludes the point itself: psi of the count including it.
  const std::vector<double>& psiTable = digammaTable(n);
  std::vector<double> px(n), py(n);
  for (size_t i = 0; i < n; ++i) {
    px[i] = psiTable[static_cast<size_t>(nx[i])];
    py[i] = psiTable[static_cast<size_t>(ny[i])];
  }
  const double mi = digamma(static_cast<double>(n)) + digamma(static_cast<double>(k)) -
                    mean(px.data(), n) - mean(py.data(), n);
  r.mi = std::max(0.0, mi);
  return r;
}

}  // namespace laminar::stats
