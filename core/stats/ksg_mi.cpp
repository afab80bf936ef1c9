#include "stats/ksg_mi.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cmath>
#include <cstring>
#include <limits>
#include <utility>
#include <vector>

#include "stats/descriptive.h"
#include "stats/distributions.h"
#include "util/error.h"

namespace laminar::stats {
namespace {

struct Point {
  double x, y;
};

// The points cut into columns of `width` consecutive points in x order, each column's
// points listed by ascending y: a grid for the joint k-nearest-neighbour search that only
// looks at points near the query in both coordinates, not at a whole strip of x.
struct Columns {
  size_t width = 0, count = 0;
  std::vector<double> x, y;    // column c's points at [c * width, min((c + 1) * width, n))
  std::vector<uint32_t> at;    // inverse: where the point at x order p sits in its column
  // Where the point at x order p would sit in y order in the column left (right) of its own:
  // the first slot there holding a point after it in the y order. Most searches visit only
  // these two columns besides their own, and then need no binary search.
  std::vector<uint32_t> inLeft, inRight;
  std::vector<double> xLo, xHi;  // smallest and largest x of each column
};

// A value's place in ascending order as an unsigned key: non-negative doubles get their sign
// bit set, negative ones all bits flipped. -0 sorts before +0 (callers treat equal values as
// ties); NaN never reaches here.
uint64_t orderKey(double v) {
  uint64_t bits;
  std::memcpy(&bits, &v, sizeof bits);
  return bits >> 63 ? ~bits : bits | (uint64_t{1} << 63);
}

struct Keyed {
  uint64_t key;
  uint32_t index;
};

// Stable LSD radix sort by key, 11 bits a pass; a pass whose digit is the same for every
// item is skipped. For n = 1600 it takes a fifth of std::sort's time, most of which went
// to mispredicted comparisons.
void radixSort(std::vector<Keyed>& items, std::vector<Keyed>& scratch) {
  constexpr int kBits = 11, kPasses = 6;  // 66 bits
  constexpr size_t kBuckets = size_t{1} << kBits;
  static thread_local std::array<std::array<uint32_t, kBuckets>, kPasses> counts;
  for (auto& c : counts) c.fill(0);
  for (const Keyed& e : items)
    for (int p = 0; p < kPasses; ++p) ++counts[p][(e.key >> (p * kBits)) & (kBuckets - 1)];
  scratch.resize(items.size());
  for (int p = 0; p < kPasses; ++p) {
    auto& c = counts[p];
    if (c[(items[0].key >> (p * kBits)) & (kBuckets - 1)] == items.size()) continue;
    uint32_t sum = 0;
    for (uint32_t& v : c) sum += std::exchange(v, sum);
    for (const Keyed& e : items) scratch[c[(e.key >> (p * kBits)) & (kBuckets - 1)]++] = e;
    items.swap(scratch);
  }
}

// Where in a sorted array a value would go, to within a bucket: `buckets` equal slices of
// [s[0], s[n - 1]] and the first index of each. It only gives the counts below a place to
// start; the counts themselves always come from the exact comparisons.
struct BucketIndex {
  double lo = 0, scale = 0;       // bucket of v: (v - lo) * scale, clamped
  std::vector<uint32_t> start;    // start[b]: the first j whose value lies in bucket b or above
  size_t bucketOf(double v) const {
    const double b = (v - lo) * scale, last = static_cast<double>(start.size() - 2);
    return b > 0 ? static_cast<size_t>(std::min(b, last)) : 0;  // NaN (scale 0, v - lo infinite): 0
  }
};

// Per-thread scratch space: experiment 2 calls the estimator thousands of times with the same
// n, so the buffers are allocated once per thread instead of once per call.
struct KsgWork {
  std::vector<double> squares, radius, px, py;
  std::vector<Point> points;
  std::vector<Keyed> keyed, keyedScratch;  // sorted by x, then by y (the y order)
  std::vector<double> sx, sy, sortedY;  // padded with sentinels (see padded())
  BucketIndex xIndex, yIndex;            // of sx and sortedY
  Columns columns;
};
KsgWork& ksgWork() {
  static thread_local KsgWork w;
  return w;
}

// numpy's std (ddof 0), bit-identical to standardDeviation(v, n, 0) but without its copy.
double numpyStd(const double* v, size_t n, std::vector<double>& squares) {
  const double m = pairwiseSum(v, n) / static_cast<double>(n);
  squares.resize(n);
  for (size_t i = 0; i < n; ++i) {
    const double d = v[i] - m;
    squares[i] = d * d;
  }
  return std::sqrt(pairwiseSum(squares.data(), n) / static_cast<double>(n));
}

// sklearn.preprocessing.scale(v, with_mean=False): divide by numpy's std (ddof 0); a scale
// below 10 machine epsilons counts as zero and is replaced by 1 (_handle_zeros_in_scale).
double scaleOf(const double* v, size_t n, std::vector<double>& squares) {
  const double sd = numpyStd(v, n, squares);
  return sd < 10 * std::numeric_limits<double>::epsilon() ? 1.0 : sd;
}

// Sorted values are stored with kPad sentinels on both sides (-inf before, +inf after), so
// the scans below need no bounds checks: a sentinel is never within a finite radius.
constexpr size_t kPad = 8;

// Two buckets a point: most then hold zero to two points, so a run's end is found within
// one block of four from the guess, where scanning from the point itself took about nine.
void buildBucketIndex(const double* s, size_t n, BucketIndex& index) {
  const size_t buckets = 2 * n;
  index.lo = s[0];
  const double range = s[n - 1] - s[0];
  index.scale = range > 0 && std::isfinite(range) ? static_cast<double>(buckets) / range : 0.0;
  index.start.assign(buckets + 1, 0);
  for (size_t j = 0; j < n; ++j) ++index.start[index.bucketOf(s[j]) + 1];  // counts, shifted by one
  for (size_t b = 1; b <= buckets; ++b) index.start[b] += index.start[b - 1];
}

// 1 + the number of s[j], j > pos, with |s[j] - s[pos]| <= radius (s sorted ascending): the
// qualifying j form one run right of pos (rounding is monotone). The scan starts at `guess`,
// which must not lie past the run's end (see countWithin). Short scans, the usual case, are
// counted four at a time without data-dependent branches; long ones by galloping.
int64_t runRight(const double* s, int64_t n, int64_t pos, double radius, int64_t guess) {
  const double c = s[pos];
  auto inside = [&](int64_t j) { return std::fabs(s[j] - c) <= radius; };
  int64_t j = std::max(guess, pos + 1);
  for (int block = 0; block < 16; ++block, j += 4) {
    const int got = int(inside(j)) + int(inside(j + 1)) + int(inside(j + 2)) + int(inside(j + 3));
    if (got < 4) return j + got - pos;
  }
  // Gallop from j - 1 (inside) to an outside index (at most n, a sentinel), then bisect.
  int64_t in = j - 1, step = 1;
  while (inside(std::min(in + step, n))) {
    in += step;
    step *= 2;
  }
  int64_t out = std::min(in + step, n);
  while (out - in > 1) {
    const int64_t mid = in + (out - in) / 2;
    (inside(mid) ? in : out) = mid;
  }
  return out - pos;
}

// Mirrored: 1 + the number of s[j], j < pos, within the radius; s[-1] is a sentinel.
int64_t runLeft(const double* s, int64_t pos, double radius, int64_t guess) {
  const double c = s[pos];
  auto inside = [&](int64_t j) { return std::fabs(s[j] - c) <= radius; };
  int64_t j = std::min(guess, pos - 1);
  for (int block = 0; block < 16; ++block, j -= 4) {
    const int got = int(inside(j)) + int(inside(j - 1)) + int(inside(j - 2)) + int(inside(j - 3));
    if (got < 4) return pos - j + got;
  }
  int64_t in = j + 1, step = 1;
  while (inside(std::max<int64_t>(in - step, -1))) {
    in -= step;
    step *= 2;
  }
  int64_t out = std::max<int64_t>(in - step, -1);
  while (in - out > 1) {
    const int64_t mid = out + (in - out) / 2;
    (inside(mid) ? in : out) = mid;
  }
  return pos - out;
}

// Number of sorted[j] with |sorted[j] - sorted[pos]| <= radius, pos itself included. The
// index guesses where each run ends: a scan right starts at the first point of the bucket
// holding c + radius, a scan left at the last point of the bucket holding c - radius
// (c = sorted[pos]). Every point passed over lies inside: bucketOf is monotone, so a point
// in a lower bucket than fl(c + r) is below it, hence (fl rounds to nearest, and the point
// is a double) at most c + r, so fl(s - c) <= r; the same holds on the left.
int64_t countWithin(const double* sorted, int64_t n, int64_t pos, double radius, const BucketIndex& index) {
  const double c = sorted[pos];
  const auto right = static_cast<int64_t>(index.start[index.bucketOf(c + radius)]);
  const auto left = static_cast<int64_t>(index.start[index.bucketOf(c - radius) + 1]) - 1;
  return runRight(sorted, n, pos, radius, right) + runLeft(sorted, pos, radius, left) - 1;
}

// digamma(m) for m = 0..n (entry 0 unused), kept per thread: the same values every call,
// and experiment 2 calls this for every pair of every layer.
const std::vector<double>& digammaTable(size_t n) {
  static thread_local std::vector<double> table(1, 0.0);
  for (size_t m = table.size(); m <= n; ++m) table.push_back(digamma(static_cast<double>(m)));
  return table;
}

// Sizes `out` for n values between kPad sentinels on each side; returns where the values go.
double* padded(std::vector<double>& out, size_t n) {
  const double inf = std::numeric_limits<double>::infinity();
  out.assign(n + 2 * kPad, inf);
  std::fill(out.begin(), out.begin() + kPad, -inf);
  return out.data() + kPad;
}

// Fills `cols` from the x-sorted points and the y order (byY), in O(n): walking the points
// in y order and appending each to its column leaves every column sorted by y.
void buildColumns(const double* sx, const double* sy, const std::vector<Keyed>& byY, size_t n, size_t width,
                  Columns& cols) {
  cols.width = width;
  cols.count = (n + width - 1) / width;
  cols.x.resize(n);
  cols.y.resize(n);
  cols.at.resize(n);
  cols.inLeft.resize(n);
  cols.inRight.resize(n);
  cols.xLo.resize(cols.count);
  cols.xHi.resize(cols.count);
  static thread_local std::vector<size_t> fillAt;
  fillAt.resize(cols.count);
  for (size_t c = 0; c < cols.count; ++c) {
    fillAt[c] = c * width;
    cols.xLo[c] = sx[c * width];
    cols.xHi[c] = sx[std::min((c + 1) * width, n) - 1];
  }
  for (const Keyed& e : byY) {  // e.index: the point's index in x order
    const size_t c = e.index / width;
    if (c > 0) cols.inLeft[e.index] = static_cast<uint32_t>(fillAt[c - 1]);
    if (c + 1 < cols.count) cols.inRight[e.index] = static_cast<uint32_t>(fillAt[c + 1]);
    const size_t at = fillAt[c]++;
    cols.x[at] = sx[e.index];
    cols.y[at] = sy[e.index];
    cols.at[e.index] = static_cast<uint32_t>(at);
  }
}

// Inserts d into the ascending best[0..k), dropping the largest, with min/max instead of
// branches: which slot a neighbour lands in is unpredictable, and mispredicted branches
// were most of the search's time. Each slot ends up holding one of the values it compared,
// so the result is exactly that of an insertion sort.
inline void insertDistance(double* best, size_t k, double d) {
  for (size_t s = k - 1; s > 0; --s) best[s] = std::max(best[s - 1], std::min(best[s], d));
  best[0] = std::min(best[0], d);
}

// Distance to the k-th nearest neighbour of point pos in the joint max-norm space (the
// point itself excluded, duplicates at distance 0 included): the k-th smallest of
// max(|x_j - x_i|, |y_j - y_i|) over j != i, computed exactly as the x-sorted sweep did.
// Columns are visited outward from the point's own; one whose x range lies at least the
// current k-th distance away, and every one beyond it, can hold no closer point (rounding
// is monotone, so the bound holds for the computed differences too). Inside a column the
// scan goes up and down in y from y_i and stops at the same bound in y. The k-th smallest
// of a multiset does not depend on the order of visits, nor on the order of equal y values.
// K > 0 fixes k at compile time (k = 3, sklearn's default and Laminar's, is the case that
// matters): the k slots then live in registers. K = 0 takes k at run time and uses `scratch`.
template <size_t K>
double kthDistance(const Columns& cols, const double* sx, const double* sy, uint32_t pos, size_t kRuntime,
                   double* scratch) {
  const size_t k = K > 0 ? K : kRuntime;
  double slots[K > 0 ? K : 1];
  double* best = K > 0 ? slots : scratch;
  const double xi = sx[pos], yi = sy[pos];
  std::fill(best, best + k, std::numeric_limits<double>::infinity());  // ascending
  const size_t n = cols.x.size();
  const double* Y = cols.y.data();
  const double* X = cols.x.data();
  auto up = [&](size_t u, size_t end) {  // u, u + 1, ... while y - y_i is below the bound
    for (; u < end; ++u) {
      const double dy = Y[u] - yi;
      if (!(dy < best[k - 1])) break;
      insertDistance(best, k, std::max(std::fabs(X[u] - xi), dy));
    }
  };
  auto down = [&](size_t u, size_t begin) {  // u - 1, u - 2, ... down to begin
    for (; u > begin; --u) {
      const double dy = yi - Y[u - 1];
      if (!(dy < best[k - 1])) break;
      insertDistance(best, k, std::max(std::fabs(X[u - 1] - xi), dy));
    }
  };
  // Column c scanned both ways from slot t, which splits it into points below y_i (y <= y_i)
  // and above (y >= y_i). Equal y values may lie on either side: both scans pass over them.
  auto scan = [&](size_t c, size_t t) {
    const size_t begin = c * cols.width, end = std::min(begin + cols.width, n);
    up(t, end);
    down(t, begin);
  };
  auto visit = [&](size_t c) {
    const size_t begin = c * cols.width, end = std::min(begin + cols.width, n);
    // The first u with Y[u] >= y_i (std::lower_bound), without data-dependent branches:
    // the halving steps compile to conditional moves.
    const double* base = Y + begin;
    size_t len = end - begin;
    while (len > 1) {
      const size_t half = len / 2;
      base = base[half - 1] < yi ? base + half : base;
      len -= half;
    }
    scan(c, static_cast<size_t>(base - Y) + (len == 1 && *base < yi ? 1 : 0));
  };
  // The own column needs no search: the point's place in it is known, and every other
  // point of the column lies above it (y >= y_i) or below it (y <= y_i).
  const size_t own = pos / cols.width;
  const size_t ownBegin = own * cols.width;
  up(cols.at[pos] + 1, std::min(ownBegin + cols.width, n));
  down(cols.at[pos], ownBegin);
  size_t right = own + 1;
  size_t left = own;  // next left column is left - 1
  bool goRight = right < cols.count, goLeft = left > 0;
  while (goRight || goLeft) {
    if (goRight) {
      if (cols.xLo[right] - xi >= best[k - 1]) {
        goRight = false;
      } else {
        right == own + 1 ? scan(right, cols.inRight[pos]) : visit(right);
        goRight = ++right < cols.count;
      }
    }
    if (goLeft) {
      if (xi - cols.xHi[left - 1] >= best[k - 1]) {
        goLeft = false;
      } else {
        --left;
        left + 1 == own ? scan(left, cols.inLeft[pos]) : visit(left);
        goLeft = left > 0;
      }
    }
  }
  return best[k - 1];
}

// The scaled points in x order into w.sx / w.sy (padded with sentinels: see kthDistance).
// The mean of psi(n_x + 1) is a pairwise sum in this order. Without ties in x every sort gives
// the same order, and the radix sort is used. With ties, the order among them is whatever
// std::sort makes of the comparisons "x[a] < x[b]" on the points in input order, as it always
// was: sorting the points themselves with that comparator performs the same comparisons and
// moves as sorting their indices did.
void sortByX(const double* x, const double* y, size_t n, double sdx, double sdy, size_t pad, KsgWork& w) {
  const double inf = std::numeric_limits<double>::infinity();
  w.sx.assign(n + 2 * pad, inf);
  w.sy.assign(n + 2 * pad, 0.0);  // finite: |sy - yi| never beats an infinite x gap anyway
  std::fill(w.sx.begin(), w.sx.begin() + static_cast<std::ptrdiff_t>(pad), -inf);
  double* sx = w.sx.data() + pad;
  double* sy = w.sy.data() + pad;
  w.keyed.resize(n);
  for (size_t i = 0; i < n; ++i) w.keyed[i] = {orderKey(x[i] / sdx), static_cast<uint32_t>(i)};
  radixSort(w.keyed, w.keyedScratch);
  bool tiesInX = false;
  for (size_t p = 0; p < n; ++p) {
    const uint32_t i = w.keyed[p].index;
    sx[p] = x[i] / sdx;
    sy[p] = y[i] / sdy;
    tiesInX |= p > 0 && sx[p] == sx[p - 1];
  }
  if (!tiesInX) return;
  w.points.resize(n);
  for (size_t i = 0; i < n; ++i) w.points[i] = {x[i] / sdx, y[i] / sdy};
  std::sort(w.points.begin(), w.points.end(), [](const Point& a, const Point& b) { return a.x < b.x; });
  for (size_t p = 0; p < n; ++p) {
    sx[p] = w.points[p].x;
    sy[p] = w.points[p].y;
  }
}

// The y order (w.keyed: x-order positions sorted by y) and the sorted y values, for the counts
// along y and the columns of the neighbour search. The order among equal y values changes no
// count and no k-th distance.
double* sortByY(const double* sy, size_t n, KsgWork& w) {
  for (size_t p = 0; p < n; ++p) w.keyed[p] = {orderKey(sy[p]), static_cast<uint32_t>(p)};
  radixSort(w.keyed, w.keyedScratch);
  double* sortedY = padded(w.sortedY, n);
  for (size_t q = 0; q < n; ++q) sortedY[q] = sy[w.keyed[q].index];
  return sortedY;
}

// Each point's k-th neighbour distance in the max norm, as sklearn's radius: np.nextafter(eps,
// 0), so that the counts below take neighbours strictly closer than the k-th.
void neighbourRadii(const double* sx, const double* sy, size_t n, size_t k, KsgWork& w) {
  // Columns of about sqrt(k n) points (measured on GPT-2 XL activations, n = 1600: half or
  // twice that is slower): the k-th distance usually spans one or two columns.
  const size_t width = std::max<size_t>(8, static_cast<size_t>(std::sqrt(static_cast<double>(n * k))));
  buildColumns(sx, sy, w.keyed, n, width, w.columns);
  w.radius.resize(n);
  std::vector<double>& best = w.squares;  // reused: k slots
  best.resize(k);
  for (size_t pos = 0; pos < n; ++pos) {
    const auto p = static_cast<uint32_t>(pos);
    const double eps = k == 3 ? kthDistance<3>(w.columns, sx, sy, p, k, best.data())
                              : kthDistance<0>(w.columns, sx, sy, p, k, best.data());
    w.radius[pos] = std::nextafter(eps, 0.0);
  }
}

// psi(n_x + 1) and psi(n_y + 1) of every point into w.px / w.py, where n_x excludes the point
// itself: psi of the count within its radius including it.
void digammaOfCounts(const double* sx, const double* sortedY, size_t n, const std::vector<double>& psi, KsgWork& w) {
  w.px.resize(n);
  w.py.resize(n);
  buildBucketIndex(sx, n, w.xIndex);
  buildBucketIndex(sortedY, n, w.yIndex);
  const auto count = [n](const double* sorted, size_t at, double radius, const BucketIndex& index) {
    return static_cast<size_t>(countWithin(sorted, static_cast<int64_t>(n), static_cast<int64_t>(at), radius, index));
  };
  for (size_t pos = 0; pos < n; ++pos) w.px[pos] = psi[count(sx, pos, w.radius[pos], w.xIndex)];
  for (size_t q = 0; q < n; ++q) {
    const uint32_t pos = w.keyed[q].index;
    w.py[pos] = psi[count(sortedY, q, w.radius[pos], w.yIndex)];
  }
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
  KsgWork& w = ksgWork();
  const double sdx = scaleOf(x, n, w.squares), sdy = scaleOf(y, n, w.squares);
  const size_t kk = static_cast<size_t>(k);
  const size_t pad = std::max(kPad, kk + 1);
  sortByX(x, y, n, sdx, sdy, pad, w);
  const double* sx = w.sx.data() + pad;
  const double* sy = w.sy.data() + pad;
  const double* sortedY = sortByY(sy, n, w);
  neighbourRadii(sx, sy, n, kk, w);
  const std::vector<double>& psi = digammaTable(n);
  digammaOfCounts(sx, sortedY, n, psi, w);
  const double mi = psi[n] + psi[kk] - mean(w.px.data(), n) - mean(w.py.data(), n);
  r.mi = std::max(0.0, mi);
  return r;
}

}  // namespace laminar::stats
