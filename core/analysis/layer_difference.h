#pragma once
// One run's per-layer statistic against another's (issue 14 item 7): the run minus the
// compared run or the untrained control, layer by layer, for the profile's difference view.
// What training (or another model, target word, seed) changed is then read off one line
// around zero instead of the gap between two.
#include <cstddef>
#include <limits>
#include <vector>

namespace laminar {

// run[l] - other[l]; NaN for a layer the other has not reached yet, and NaN wherever either
// is undefined (NaN propagates): no layer shows a difference of 0 that was never measured.
inline std::vector<double> layerDifference(const std::vector<double>& run, const std::vector<double>& other) {
  std::vector<double> out(run.size(), std::numeric_limits<double>::quiet_NaN());
  for (size_t l = 0; l < run.size() && l < other.size(); ++l) out[l] = run[l] - other[l];
  return out;
}

}  // namespace laminar
