#pragma once
// The learning rate of step s: linear warm-up to the peak, then cosine decay to a floor
// (GPT-2 / nanoGPT's schedule).
#include <cstdint>

namespace laminar {

struct LrSchedule {
  double peak = 1e-3;
  double floor = 1e-4;
  int64_t warmupSteps = 100;
  int64_t totalSteps = 1000;  // the cosine reaches `floor` here

  double at(int64_t step) const;  // step counts from 0
};

}  // namespace laminar
