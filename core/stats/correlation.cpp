#include "stats/correlation.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>

#include "stats/descriptive.h"
#include "util/error.h"

namespace laminar::stats {

namespace {
void requirePaired(const std::vector<double>& x, const std::vector<double>& y, const char* what) {
  if (x.size() != y.size())
    throw Error(std::string(what) + ": samples of different sizes (" + std::to_string(x.size()) + " and " +
                std::to_string(y.size()) + ")");
  requireFinite(x.data(), x.size(), std::string(what) + " x");
  requireFinite(y.data(), y.size(), std::string(what) + " y");
}
}  // namespace

double pearsonCorrelation(const std::vector<double>& x, const std::vector<double>& y) {
  requirePaired(x, y, "Pearson correlation");
  const double nan = std::numeric_limits<double>::quiet_NaN();
  if (x.size() < 2) return nan;
  const double mx = mean(x), my = mean(y);
  // Centred sums, as scipy does (it centres, then normalises each vector).
  std::vector<double> dx(x.size()), dy(y.size()), xy(x.size());
  for (size_t k = 0; k < x.size(); ++k) {
    dx[k] = x[k] - mx;
    dy[k] = y[k] - my;
  }
  double sxx = 0, syy = 0;
  for (size_t k = 0; k < x.size(); ++k) {
    sxx += dx[k] * dx[k];
    syy += dy[k] * dy[k];
    xy[k] = dx[k] * dy[k];
  }
  if (sxx == 0 || syy == 0) return nan;
  const double r = pairwiseSum(xy.data(), xy.size()) / (std::sqrt(sxx) * std::sqrt(syy));
  return std::clamp(r, -1.0, 1.0);
}

std::vector<double> averageRanks(const std::vector<double>& v) {
  std::vector<size_t> order(v.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return v[a] < v[b]; });
  std::vector<double> rank(v.size());
  for (size_t i = 0; i < order.size();) {
    size_t j = i;
    while (j + 1 < order.size() && v[order[j + 1]] == v[order[i]]) ++j;
    const double r = 0.5 * static_cast<double>(i + j) + 1.0;  // mean of ranks i+1 .. j+1
    for (size_t k = i; k <= j; ++k) rank[order[k]] = r;
    i = j + 1;
  }
  return rank;
}

double spearmanCorrelation(const std::vector<double>& x, const std::vector<double>& y) {
  requirePaired(x, y, "Spearman correlation");
  return pearsonCorrelation(averageRanks(x), averageRanks(y));
}

}  // namespace laminar::stats
