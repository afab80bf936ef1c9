#pragma once
// The Theil–Sen line the MI-vs-distance view draws through each site's points: robust to the
// few pairs whose MI stands far from the rest, where a least-squares line would follow them.
// As scipy.stats.theilslopes(y, x, method="joint") (scipy 1.10): the slope is the median of
// (y_j - y_i) / (x_j - x_i) over the pairs with x_i != x_j, the intercept the median of
// y - slope * x. Points where x or y is not finite are left out (a pair's MI is undefined when
// a vector is constant), where scipy would return NaN.
#include <string>
#include <vector>

namespace laminar::stats {

struct TheilSenLine {
  double slope = 0;      // NaN when !defined
  double intercept = 0;  // NaN when !defined
  // false, with `reason`, when no two of the finite points differ in x ("fewer than two
  // distinct x"): there is no line to draw (scipy raises).
  bool defined = true;
  std::string reason;
};

// x and y of equal length (else throws laminar::Error).
TheilSenLine theilSenLine(const std::vector<double>& x, const std::vector<double>& y);

}  // namespace laminar::stats
