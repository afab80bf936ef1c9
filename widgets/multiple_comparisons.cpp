#include "widgets/multiple_comparisons.h"

#include <algorithm>
#include <numeric>

namespace laminar {

std::vector<double> bonferroniAdjust(const std::vector<double>& p) {
  std::vector<double> out(p.size());
  const double m = static_cast<double>(p.size());
  for (size_t i = 0; i < p.size(); ++i) out[i] = std::min(1.0, p[i] * m);
  return out;
}

std::vector<double> benjaminiHochbergAdjust(const std::vector<double>& p) {
  const size_t m = p.size();
  std::vector<size_t> order(m);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return p[a] < p[b]; });
  std::vector<double> out(m);
  double running = 1.0;
  for (size_t r = m; r-- > 0;) {  // from the largest p down: cumulative minimum
    const size_t i = order[r];
    running = std::min(running, p[i] * static_cast<double>(m) / static_cast<double>(r + 1));
    out[i] = std::min(1.0, running);
  }
  return out;
}

}  // namespace laminar
