#include "stats/theil_sen.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "util/error.h"

namespace laminar::stats {

namespace {

// numpy.median: the middle value, or the mean of the two middle values of an even count.
double median(std::vector<double> v) {
  const size_t mid = v.size() / 2;
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid), v.end());
  const double upper = v[mid];
  if (v.size() % 2) return upper;
  return 0.5 * (upper + *std::max_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid)));
}

}  // namespace

TheilSenLine theilSenLine(const std::vector<double>& x, const std::vector<double>& y) {
  if (x.size() != y.size())
    throw Error("Theil-Sen line: x and y differ in length (" + std::to_string(x.size()) + " vs " +
                std::to_string(y.size()) + ")");
  std::vector<double> fx, fy;
  for (size_t i = 0; i < x.size(); ++i)
    if (std::isfinite(x[i]) && std::isfinite(y[i])) fx.push_back(x[i]), fy.push_back(y[i]);
  std::vector<double> slopes;
  for (size_t i = 0; i < fx.size(); ++i)
    for (size_t j = i + 1; j < fx.size(); ++j)
      if (fx[j] != fx[i]) slopes.push_back((fy[j] - fy[i]) / (fx[j] - fx[i]));
  TheilSenLine line;
  if (slopes.empty()) {
    line.slope = line.intercept = std::numeric_limits<double>::quiet_NaN();
    line.defined = false;
    line.reason = "fewer than two distinct x";
    return line;
  }
  line.slope = median(std::move(slopes));
  std::vector<double> residuals(fx.size());
  for (size_t i = 0; i < fx.size(); ++i) residuals[i] = fy[i] - line.slope * fx[i];
  line.intercept = median(std::move(residuals));
  return line;
}

}  // namespace laminar::stats
