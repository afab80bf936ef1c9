#include "training/lr_schedule.h"

#include <algorithm>
#include <cmath>

namespace laminar {

double LrSchedule::at(int64_t step) const {
  if (step < warmupSteps) return peak * static_cast<double>(step + 1) / static_cast<double>(warmupSteps);
  if (step >= totalSteps) return floor;
  const double progress =
      static_cast<double>(step - warmupSteps) / static_cast<double>(std::max<int64_t>(1, totalSteps - warmupSteps));
  return floor + 0.5 * (peak - floor) * (1.0 + std::cos(M_PI * progress));
}

}  // namespace laminar
