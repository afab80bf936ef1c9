// Test-only reference: the pair-MI code of commit 1202811, copied verbatim (see reference_mi.h).
#include "reference_mi.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>
#include <vector>

#include "stats/descriptive.h"
#include "stats/distributions.h"
#include "util/error.h"

namespace laminar::stats::reference {
namespace {

double mean(const double* values, size_t n) { return pairwiseSum(values, n) / static_cast<double>(n); }
double standardDeviation(const double* values, size_t n, int ddof) { return std::sqrt(variance(values, n, ddof)); }


// numpy's histogram edges for `bins` equal bins over the data range.
std::vector<double> histogramEdges(const double* v, size_t n, int bins) {
  double lo = *std::min_element(v, v + n), hi = *std::max_element(v, v + n);
  if (lo == hi) {  // numpy's _get_outer_edges
    lo -= 0.5;
    hi += 0.5;
  }
  // numpy.linspace(lo, hi, bins + 1): i * step + lo, the last edge set to hi.
  std::vector<double> edges(static_cast<size_t>(bins) + 1);
  const double delta = hi - lo;
  const double step = delta / bins;
  for (int i = 0; i <= bins; ++i) {
    double e = static_cast<double>(i);
    if (step == 0) {
      e /= bins;
      e *= delta;
    } else {
      e *= step;
    }
    edges[static_cast<size_t>(i)] = e + lo;
  }
  edges.back() = hi;
  return edges;
}

// Bin index as numpy.histogramdd assigns it: searchsorted(side='right') - 1, values on the
// last edge go to the last bin. The equal-width guess lands on or next to the answer; the
// comparisons with the edges themselves make it exact (the largest g with edges[g] <= v).
struct EdgeBinner {
  const std::vector<double>& edges;
  int bins;
  double lo, scale;
  explicit EdgeBinner(const std::vector<double>& e)
      : edges(e), bins(static_cast<int>(e.size()) - 1), lo(e.front()), scale(bins / (e.back() - e.front())) {}
  int operator()(double value) const {
    double guess = (value - lo) * scale;
    int g = guess <= 0 ? 0 : guess >= bins ? bins : static_cast<int>(guess);
    while (g < bins && edges[static_cast<size_t>(g) + 1] <= value) ++g;
    while (g > 0 && edges[static_cast<size_t>(g)] > value) --g;
    if (value == edges.back()) g -= 1;
    return g;
  }
};

// The values a sorted copy of v would hold at positions `at`, by repeated selection
// instead of a full sort (each selection only reorders what lies after the previous one).
std::vector<double> orderStatistics(const double* v, size_t n, const std::vector<size_t>& at) {
  std::vector<double> work(v, v + n);
  std::vector<size_t> ascending = at;
  std::sort(ascending.begin(), ascending.end());
  ascending.erase(std::unique(ascending.begin(), ascending.end()), ascending.end());
  auto from = work.begin();
  for (size_t i : ascending) {
    auto nth = work.begin() + static_cast<std::ptrdiff_t>(i);
    std::nth_element(from, nth, work.end());
    from = nth + 1;
  }
  std::vector<double> out;
  for (size_t i : at) out.push_back(work[i]);
  return out;
}

// numpy.percentile's 'linear' method reads sorted[prev] and sorted[next]: those positions.
void percentilePositions(size_t n, double quantile, size_t& prev, size_t& next, double& gamma) {
  const double virtualIndex = static_cast<double>(n - 1) * quantile;
  const double previousIndex = std::floor(virtualIndex);
  prev = static_cast<size_t>(previousIndex);
  next = prev + 1;
  if (virtualIndex >= static_cast<double>(n - 1)) prev = next = n - 1;
  gamma = virtualIndex - previousIndex;
}

double lerp(double a, double b, double gamma) {
  const double diff = b - a;  // numpy's _lerp, exact order of operations
  return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
}



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

double variance(const double* values, size_t n, int ddof) {
  const double m = mean(values, n);
  std::vector<double> squares(n);
  for (size_t i = 0; i < n; ++i) {
    const double d = values[i] - m;
    squares[i] = d * d;
  }
  return pairwiseSum(squares.data(), n) / static_cast<double>(n - static_cast<size_t>(ddof));
}

std::vector<double> zScores(const double* x, size_t n, int ddof) {
  const double m = mean(x, n);
  const double sd = standardDeviation(x, n, ddof);
  std::vector<double> z(n, 0.0);
  if (sd == 0) return z;
  for (size_t i = 0; i < n; ++i) z[i] = (x[i] - m) / sd;
  return z;
}

Trimmed zTrim(const double* x, const double* y, size_t n, double threshold, int ddof) {
  Trimmed out;
  if (threshold == 0) {
    out.x.assign(x, x + n);
    out.y.assign(y, y + n);
    return out;
  }
  const std::vector<double> zx = zScores(x, n, ddof), zy = zScores(y, n, ddof);
  for (size_t k = 0; k < n; ++k) {
    if (std::fabs(zx[k]) > threshold || std::fabs(zy[k]) > threshold) continue;
    out.x.push_back(x[k]);
    out.y.push_back(y[k]);
  }
  return out;
}

int freedmanDiaconisBinCount(const double* values, size_t n) {
  if (n == 0) throw Error("Freedman-Diaconis bin rule: no values");
  requireFinite(values, n, "Freedman-Diaconis bin rule");
  const auto [minIt, maxIt] = std::minmax_element(values, values + n);
  double first = *minIt, last = *maxIt;
  if (first == last) {
    first -= 0.5;
    last += 0.5;
  }
  size_t p25, n25, p75, n75;
  double g25, g75;
  percentilePositions(n, 0.25, p25, n25, g25);
  percentilePositions(n, 0.75, p75, n75, g75);
  const std::vector<double> q = orderStatistics(values, n, {p25, n25, p75, n75});
  const double iqr = lerp(q[2], q[3], g75) - lerp(q[0], q[1], g25);
  const double width = 2.0 * iqr * std::pow(static_cast<double>(n), -1.0 / 3.0);
  if (width == 0) return 1;
  const double bins = std::ceil((last - first) / width);
  return bins > 1e9 ? 1000000000 : static_cast<int>(bins);
}

int histogramBinCount(const double* x, const double* y, size_t n, const HistogramBinRule& rule) {
  if (rule.fixedBins > 0) return rule.fixedBins;
  if (rule.sharedPerLayer)
    throw Error("histogram bins 'shared-fd': the layer's bin count is not set (compute it with "
                "sharedFreedmanDiaconisBins over the layer's pairs and pass it as fixedBins)");
  if (rule.fixedBins < 0 || rule.minBins < 1 || rule.maxBins < rule.minBins)
    throw Error("histogram bin rule: invalid settings (fixed " + std::to_string(rule.fixedBins) +
                ", clamp " + std::to_string(rule.minBins) + ".." + std::to_string(rule.maxBins) +
                ")");
  std::vector<double> pooled(x, x + n);
  pooled.insert(pooled.end(), y, y + n);
  const int fd = freedmanDiaconisBinCount(pooled.data(), pooled.size());
  return std::clamp(fd, rule.minBins, rule.maxBins);
}

HistogramMiTable histogramMutualInformationTable(const double* x, const double* y, size_t n, int bins) {
  requireFinite(x, n, "histogram MI: x");
  requireFinite(y, n, "histogram MI: y");
  if (bins < 1) throw Error("histogram MI: bins must be >= 1, got " + std::to_string(bins));
  if (n == 0) throw Error("histogram MI: no samples");
  const std::vector<double> ex = histogramEdges(x, n, bins), ey = histogramEdges(y, n, bins);
  const size_t b = static_cast<size_t>(bins);
  std::vector<int64_t> joint(b * b, 0), cx(b, 0), cy(b, 0);
  const EdgeBinner binX(ex), binY(ey);
  for (size_t k = 0; k < n; ++k) {
    const size_t i = static_cast<size_t>(binX(x[k]));
    const size_t j = static_cast<size_t>(binY(y[k]));
    ++joint[i * b + j];
    ++cx[i];
    ++cy[j];
  }
  // sum p(x,y) log(p(x,y) / (p(x) p(y))) with p = count / n, written on counts.
  HistogramMiTable table;
  const double total = static_cast<double>(n);
  std::vector<double> terms;
  terms.reserve(n);
  for (size_t i = 0; i < b; ++i)
    for (size_t j = 0; j < b; ++j) {
      const int64_t c = joint[i * b + j];
      if (c == 0) continue;
      ++table.occupiedCells;
      const double cd = static_cast<double>(c);
      terms.push_back(cd / total *
                      std::log(cd * total / (static_cast<double>(cx[i]) * static_cast<double>(cy[j]))));
    }
  table.occupiedX = std::count_if(cx.begin(), cx.end(), [](int64_t c) { return c > 0; });
  table.occupiedY = std::count_if(cy.begin(), cy.end(), [](int64_t c) { return c > 0; });
  table.mi = std::max(0.0, pairwiseSum(terms.data(), terms.size()));
  return table;
}

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

}  // namespace laminar::stats::reference
