#pragma once
// Wall-clock seconds of one call, for the benchmarks.
#include <chrono>

template <class F>
double seconds(F&& f) {
  const auto start = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}
