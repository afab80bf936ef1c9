#include "stats/histogram_mi.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "stats/descriptive.h"
#include "util/cpu_features.h"
#include "util/error.h"

// The two loops below that vectorise (value ranges, fine bins) are also built for x86-64-v4
// and picked per process by cpuRunsX86_64V4 (util/cpu_features.h says why the bits agree).
#ifdef LAMINAR_X86_64_V4
#include <immintrin.h>
#endif

namespace laminar::stats {
namespace {

// The smallest and largest of v[0..n), n >= 1, all finite. Several running minima and maxima
// instead of one (the comparisons of one chain wait for each other; independent chains
// overlap), two values per instruction where SSE2 is there. Which of several equal values is
// returned cannot matter (equal finite values differ at most in the sign of zero, and
// lo - 0.5, hi - lo and e + lo give the same for +0 and -0).
void finiteRangeBaseline(const double* v, size_t n, double& lo, double& hi) {
  size_t i = 0;
#ifdef __SSE2__
  __m128d l0 = _mm_set1_pd(v[0]), l1 = l0, h0 = l0, h1 = l0;
  for (; i + 4 <= n; i += 4) {
    const __m128d a = _mm_loadu_pd(v + i), b = _mm_loadu_pd(v + i + 2);
    l0 = _mm_min_pd(l0, a);
    l1 = _mm_min_pd(l1, b);
    h0 = _mm_max_pd(h0, a);
    h1 = _mm_max_pd(h1, b);
  }
  double l[4], h[4];
  _mm_storeu_pd(l, l0);
  _mm_storeu_pd(l + 2, l1);
  _mm_storeu_pd(h, h0);
  _mm_storeu_pd(h + 2, h1);
#else
  double l[4] = {v[0], v[0], v[0], v[0]}, h[4] = {v[0], v[0], v[0], v[0]};
  for (; i + 4 <= n; i += 4)
    for (int c = 0; c < 4; ++c) {
      l[c] = v[i + c] < l[c] ? v[i + c] : l[c];
      h[c] = h[c] < v[i + c] ? v[i + c] : h[c];
    }
#endif
  for (; i < n; ++i) {
    l[0] = v[i] < l[0] ? v[i] : l[0];
    h[0] = h[0] < v[i] ? v[i] : h[0];
  }
  lo = std::min(std::min(l[0], l[1]), std::min(l[2], l[3]));
  hi = std::max(std::max(h[0], h[1]), std::max(h[2], h[3]));
}

#ifdef LAMINAR_X86_64_V4
#if defined(__GNUC__) && !defined(__clang__)  // GCC 12's _mm512_min_pd / max_pd: a false "__Y uninitialized"
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
// finiteRangeBaseline eight values per instruction.
LAMINAR_X86_64_V4 void finiteRangeV4(const double* v, size_t n, double& lo, double& hi) {
  size_t i = 0;
  __m512d l0 = _mm512_set1_pd(v[0]), l1 = l0, h0 = l0, h1 = l0;
  for (; i + 16 <= n; i += 16) {
    const __m512d a = _mm512_loadu_pd(v + i), b = _mm512_loadu_pd(v + i + 8);
    l0 = _mm512_min_pd(l0, a);
    l1 = _mm512_min_pd(l1, b);
    h0 = _mm512_max_pd(h0, a);
    h1 = _mm512_max_pd(h1, b);
  }
  double l[8], h[8];
  _mm512_storeu_pd(l, _mm512_min_pd(l0, l1));
  _mm512_storeu_pd(h, _mm512_max_pd(h0, h1));
  for (; i < n; ++i) {
    l[0] = v[i] < l[0] ? v[i] : l[0];
    h[0] = h[0] < v[i] ? v[i] : h[0];
  }
  lo = *std::min_element(l, l + 8);
  hi = *std::max_element(h, h + 8);
}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
#endif

void finiteRange(const double* v, size_t n, double& lo, double& hi) {
#ifdef LAMINAR_X86_64_V4
  if (cpuRunsX86_64V4()) return finiteRangeV4(v, n, lo, hi);
#endif
  finiteRangeBaseline(v, n, lo, hi);
}

// orderStatistics' fine bins: each value's bin of kFine equal-width bins from lo, scale bins per
// unit, min(int((v - lo) * scale), kFine - 1) for values lo..hi. The compiler vectorises it,
// for each target it is inlined into.
constexpr int kFine = 1024;
inline __attribute__((always_inline)) void fineBinsLoop(const double* v, size_t n, double lo, double scale,
                                                        uint16_t* out) {
  for (size_t i = 0; i < n; ++i)
    out[i] = static_cast<uint16_t>(std::min(static_cast<int>((v[i] - lo) * scale), kFine - 1));
}
#ifdef LAMINAR_X86_64_V4
LAMINAR_X86_64_V4 void fineBinsV4(const double* v, size_t n, double lo, double scale, uint16_t* out) {
  fineBinsLoop(v, n, lo, scale, out);
}
#endif
void fineBins(const double* v, size_t n, double lo, double scale, uint16_t* out) {
#ifdef LAMINAR_X86_64_V4
  if (cpuRunsX86_64V4()) return fineBinsV4(v, n, lo, scale, out);
#endif
  fineBinsLoop(v, n, lo, scale, out);
}

// numpy's histogram edges for `bins` equal bins over the data range, written into `edges`
// (a reused buffer: this runs for every pair of every layer).
void histogramEdges(const double* v, size_t n, int bins, std::vector<double>& edges) {
  double lo, hi;
  finiteRange(v, n, lo, hi);
  if (lo == hi) {  // numpy's _get_outer_edges
    lo -= 0.5;
    hi += 0.5;
  }
  // numpy.linspace(lo, hi, bins + 1): i * step + lo, the last edge set to hi.
  edges.resize(static_cast<size_t>(bins) + 1);
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
  edges.push_back(std::numeric_limits<double>::infinity());  // sentinel for EdgeBinner
}

// Bin index as numpy.histogramdd assigns it: searchsorted(side='right') - 1, values on the
// last edge go to the last bin. The equal-width guess lands on or next to the answer; the
// comparisons with the edges themselves make it exact (the largest g with edges[g] <= v).
// `edges` holds bins + 1 edges and one +inf after them (histogramEdges), so edges[g + 1]
// exists for every g <= bins; edges[0] is the minimum, never above a value.
struct EdgeBinner {
  const double* edges;
  int bins;
  double lo, scale, last;
  explicit EdgeBinner(const std::vector<double>& e)
      : edges(e.data()), bins(static_cast<int>(e.size()) - 2), lo(e.front()), scale(bins / (e[e.size() - 2] - e.front())),
        last(e[e.size() - 2]) {}
  int operator()(double value) const {
    double guess = (value - lo) * scale;
    int g = guess <= 0 ? 0 : guess >= bins ? bins : static_cast<int>(guess);
    while (edges[g + 1] <= value) ++g;
    while (edges[g] > value) --g;
    if (value == last) g -= 1;
    return g;
  }
};

// Per-thread scratch space of the estimator, reused from call to call.
struct HistogramWork {
  std::vector<double> values, edgesX, edgesY, terms;
  std::vector<double> near[4];  // the values of the fine bins holding the wanted ranks
  std::vector<int64_t> joint, cx, cy;
  std::vector<uint32_t> fine;
  std::vector<uint16_t> fineOf;  // each value's fine bin, kept for the gathering pass
  std::vector<uint64_t> occupied;
};
HistogramWork& histogramWork() {
  static thread_local HistogramWork w;
  return w;
}

// True when every value is finite (exponent bits not all ones); no branch per value.
bool allFinite(const double* v, size_t n) {
  uint64_t bad = 0;
  for (size_t i = 0; i < n; ++i) {
    uint64_t b;
    std::memcpy(&b, v + i, sizeof b);
    bad |= static_cast<uint64_t>((b & 0x7ff0000000000000ULL) == 0x7ff0000000000000ULL);
  }
  return bad == 0;
}

// The values a sorted copy of the pooled values (a[0..na) then b[0..nb), n = na + nb, all
// within lo..hi) would hold at the ascending positions at[0..4). Exact order statistics, found
// cheaply: one pass counts the values in 1024 equal-width "fine" bins over lo..hi (a monotone
// map, so bins hold consecutive ranks), the counts say which fine bin holds each wanted rank, a
// second pass gathers only those bins' values, and a selection inside the few gathered values
// finishes. Small or degenerate samples use repeated selection on a pooled copy.
void orderStatistics(const double* a, size_t na, const double* b, size_t nb, double lo, double hi,
                     const size_t at[4], double out[4]) {
  const size_t n = na + nb;
  const double scale = kFine / (hi - lo);
  HistogramWork& w = histogramWork();
  if (n < 256 || n > UINT32_MAX || !(hi > lo) || !std::isfinite(scale) || !(scale > 0)) {
    std::vector<double>& values = w.values;
    values.assign(a, a + na);
    values.insert(values.end(), b, b + nb);
    // at is ascending: each selection only reorders what lies after the previous one.
    double* from = values.data();
    for (int t = 0; t < 4; ++t) {
      double* nth = values.data() + at[t];
      if (nth >= from) {
        std::nth_element(from, nth, values.data() + n);
        from = nth + 1;
      }
      out[t] = *nth;
    }
    return;
  }
  w.fine.assign(kFine + 1, 0);
  w.fineOf.resize(n);
  uint16_t* fineOf = w.fineOf.data();
  fineBins(a, na, lo, scale, fineOf);  // (v - lo) * scale is >= 0 and at most about kFine
  fineBins(b, nb, lo, scale, fineOf + na);
  for (size_t i = 0; i < n; ++i) ++w.fine[fineOf[i]];
  // Exclusive prefix sums: fine[f] = number of values in bins below f.
  uint32_t below = 0;
  for (int f = 0; f <= kFine; ++f) {
    const uint32_t c = w.fine[static_cast<size_t>(f)];
    w.fine[static_cast<size_t>(f)] = below;
    below += c;
  }
  int binOf[4], slots = 0, slotBin[4];
  int slotOf[4];
  for (int t = 0; t < 4; ++t) {
    // The last bin f with fine[f] <= at[t].
    int f = static_cast<int>(std::upper_bound(w.fine.begin(), w.fine.begin() + kFine, static_cast<uint32_t>(at[t])) -
                             w.fine.begin()) - 1;
    binOf[t] = f;
    int s = 0;
    while (s < slots && slotBin[s] != f) ++s;
    if (s == slots) slotBin[slots++] = f;
    slotOf[t] = s;
  }
  for (int s = 0; s < slots; ++s) w.near[s].clear();
  auto gather = [&](const double* v, size_t count, const uint16_t* bins) {
    for (size_t i = 0; i < count; ++i)
      for (int s = 0; s < slots; ++s)
        if (bins[i] == slotBin[s]) w.near[s].push_back(v[i]);
  };
  gather(a, na, fineOf);
  gather(b, nb, fineOf + na);
  for (int t = 0; t < 4; ++t) {
    std::vector<double>& v = w.near[slotOf[t]];
    const size_t r = at[t] - w.fine[static_cast<size_t>(binOf[t])];
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(r), v.end());
    out[t] = v[r];
  }
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

namespace {

// Throws, naming the pooled index, unless a[0..na) followed by b[0..nb) are all finite.
void requirePooledFinite(const double* a, size_t na, const double* b, size_t nb) {
  if (allFinite(a, na) && allFinite(b, nb)) return;
  std::vector<double> pooled(a, a + na);
  pooled.insert(pooled.end(), b, b + nb);
  requireFinite(pooled.data(), na + nb, "Freedman-Diaconis bin rule");
}

// Freedman-Diaconis on the finite values a[0..na) followed by b[0..nb), without building
// the pooled array first (histogramBinCount pools x and y).
int freedmanDiaconis(const double* a, size_t na, const double* b, size_t nb) {
  const size_t n = na + nb;
  if (n == 0) throw Error("Freedman-Diaconis bin rule: no values");
  double first, last;
  finiteRange(na > 0 ? a : b, na > 0 ? na : nb, first, last);
  if (na > 0 && nb > 0) {
    double bLo, bHi;
    finiteRange(b, nb, bLo, bHi);
    first = std::min(first, bLo);
    last = std::max(last, bHi);
  }
  const double lo = first, hi = last;
  if (first == last) {
    first -= 0.5;
    last += 0.5;
  }
  size_t at[4];
  double g25, g75;
  percentilePositions(n, 0.25, at[0], at[1], g25);
  percentilePositions(n, 0.75, at[2], at[3], g75);
  double q[4];
  orderStatistics(a, na, b, nb, lo, hi, at, q);
  const double iqr = lerp(q[2], q[3], g75) - lerp(q[0], q[1], g25);
  const double width = 2.0 * iqr * std::pow(static_cast<double>(n), -1.0 / 3.0);
  if (width == 0) return 1;
  const double bins = std::ceil((last - first) / width);
  return bins > 1e9 ? 1000000000 : static_cast<int>(bins);
}

}  // namespace

int freedmanDiaconisBinCount(const double* values, size_t n) {
  if (n > 0) requirePooledFinite(values, n, nullptr, 0);
  return freedmanDiaconis(values, n, nullptr, 0);
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

namespace {

// histogramBinCount, with the finiteness check of the pooled values optional.
int binCount(const double* x, const double* y, size_t n, const HistogramBinRule& rule, bool checkFinite) {
  if (rule.fixedBins > 0) return rule.fixedBins;
  if (rule.sharedPerLayer)
    throw Error("histogram bins 'shared-fd': the layer's bin count is not set (compute it with "
                "sharedFreedmanDiaconisBins over the layer's pairs and pass it as fixedBins)");
  if (rule.fixedBins < 0 || rule.minBins < 1 || rule.maxBins < rule.minBins)
    throw Error("histogram bin rule: invalid settings (fixed " + std::to_string(rule.fixedBins) +
                ", clamp " + std::to_string(rule.minBins) + ".." + std::to_string(rule.maxBins) +
                ")");
  if (checkFinite && n > 0) requirePooledFinite(x, n, y, n);
  const int fd = freedmanDiaconis(x, n, y, n);  // on the pooled values x then y
  return std::clamp(fd, rule.minBins, rule.maxBins);
}

}  // namespace

int histogramBinCount(const double* x, const double* y, size_t n, const HistogramBinRule& rule) {
  return binCount(x, y, n, rule, true);
}

int histogramBinCountOfFinite(const double* x, const double* y, size_t n, const HistogramBinRule& rule) {
  return binCount(x, y, n, rule, false);
}

HistogramMiTable histogramMutualInformationTable(const double* x, const double* y, size_t n, int bins) {
  requireFinite(x, n, "histogram MI: x");
  requireFinite(y, n, "histogram MI: y");
  return histogramMiTableOfFinite(x, y, n, bins);
}

HistogramMiTable histogramMiTableOfFinite(const double* x, const double* y, size_t n, int bins) {
  if (bins < 1) throw Error("histogram MI: bins must be >= 1, got " + std::to_string(bins));
  if (n == 0) throw Error("histogram MI: no samples");
  HistogramWork& w = histogramWork();
  histogramEdges(x, n, bins, w.edgesX);
  histogramEdges(y, n, bins, w.edgesY);
  const size_t b = static_cast<size_t>(bins);
  std::vector<int64_t>& joint = w.joint;  // all zero between calls (see the end)
  std::vector<int64_t>& cx = w.cx;
  std::vector<int64_t>& cy = w.cy;
  if (joint.size() < b * b) joint.assign(b * b, 0);
  cx.assign(b, 0);
  cy.assign(b, 0);
  // Which cells are occupied, one bit per cell, row by row: the sum below visits occupied
  // cells only, in the same row-major order, and resets exactly those cells afterwards.
  std::vector<uint64_t>& occupied = w.occupied;
  const size_t words = (b + 63) / 64;
  occupied.assign(b * words, 0);
  const EdgeBinner binX(w.edgesX), binY(w.edgesY);
  for (size_t k = 0; k < n; ++k) {
    const size_t i = static_cast<size_t>(binX(x[k]));
    const size_t j = static_cast<size_t>(binY(y[k]));
    ++joint[i * b + j];
    occupied[i * words + j / 64] |= uint64_t{1} << (j % 64);
    ++cx[i];
    ++cy[j];
  }
  // sum p(x,y) log(p(x,y) / (p(x) p(y))) with p = count / n, written on counts.
  HistogramMiTable table;
  const double total = static_cast<double>(n);
  std::vector<double>& terms = w.terms;
  terms.clear();
  for (size_t i = 0; i < b; ++i) {
    if (cx[i] == 0) continue;  // an empty row has no occupied cell
    const double rowCount = static_cast<double>(cx[i]);
    int64_t* row = joint.data() + i * b;
    for (size_t word = 0; word < words; ++word)
      for (uint64_t bitsLeft = occupied[i * words + word]; bitsLeft != 0; bitsLeft &= bitsLeft - 1) {
        const size_t j = word * 64 + static_cast<size_t>(__builtin_ctzll(bitsLeft));
        const double cd = static_cast<double>(row[j]);
        row[j] = 0;
        ++table.occupiedCells;
        terms.push_back(cd / total * std::log(cd * total / (rowCount * static_cast<double>(cy[j]))));
      }
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
