#include "stats/theil_sen.h"

#include <cmath>
#include <limits>

#include "stats/descriptive.h"
#include "util/error.h"

namespace laminar::stats {

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
