#include "stats/histogram_mi.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "stats/descriptive.h"
#include "util/error.h"

namespace laminar::stats {
namespace {

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

}  // namespace

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

HistogramBinRule parseHistogramBinRule(const std::string& text) {
  HistogramBinRule rule;
  if (text == "fd") return rule;
  if (text == "shared-fd") {
    rule.sharedPerLayer = true;
    return rule;
  }
  size_t used = 0;
  long value = 0;
  try {
    value = std::stol(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text.size() || text.empty() || value < 1 || value > 100000)
    throw Error("bins must be 'fd', 'shared-fd' or a whole number from 1 to 100000, got '" + text + "'");
  rule.fixedBins = static_cast<int>(value);
  return rule;
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

double histogramMutualInformationWithBins(const double* x, const double* y, size_t n, int bins) {
  return histogramMutualInformationTable(x, y, n, bins).mi;
}

double millerMadowBias(const HistogramMiTable& t, size_t n) {
  if (n == 0) throw Error("Miller-Madow correction: no samples");
  return static_cast<double>(t.occupiedCells - t.occupiedX - t.occupiedY + 1) / (2.0 * static_cast<double>(n));
}

int sharedFreedmanDiaconisBins(std::vector<int> perPairBins) {
  if (perPairBins.empty()) throw Error("shared Freedman-Diaconis bins: the layer has no pairs");
  const size_t lowerMedian = (perPairBins.size() - 1) / 2;
  std::nth_element(perPairBins.begin(), perPairBins.begin() + static_cast<std::ptrdiff_t>(lowerMedian),
                   perPairBins.end());
  return perPairBins[lowerMedian];
}

MiEstimate histogramMutualInformation(const double* x, const double* y, size_t n,
                                      const HistogramBinRule& rule) {
  requireFinite(x, n, "histogram MI: x");
  requireFinite(y, n, "histogram MI: y");
  MiEstimate r;
  r.samples = n;
  if (n < 2) {
    r.mi = std::numeric_limits<double>::quiet_NaN();
    r.defined = false;
    r.reason = "histogram MI needs at least 2 samples, got " + std::to_string(n);
    return r;
  }
  r.bins = histogramBinCount(x, y, n, rule);
  r.mi = histogramMutualInformationWithBins(x, y, n, r.bins);
  return r;
}

}  // namespace laminar::stats
