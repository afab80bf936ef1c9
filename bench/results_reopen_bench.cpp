// Results-reopen benchmark (not a test): the seconds loadResults takes on a results
// directory, and when each tenth of its progress was reached (issue 14, item 8).
// Usage: laminar-bench-reopen DIR
#include <chrono>
#include <cmath>
#include <cstdio>

#include "analysis/results_loading.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s RESULTS_DIR\n", argv[0]);
    return 2;
  }
  const auto start = std::chrono::steady_clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
  double next = 0;
  laminar::loadResults(argv[1], [&](double f) {
    if (f < next) return;
    std::printf("  %5.1f%% after %.3f s\n", 100 * f, elapsed());
    next = std::floor(f * 10 + 1) / 10;
  });
  std::printf("%s: loadResults %.3f s\n", argv[1], elapsed());
  return 0;
}
