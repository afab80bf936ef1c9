// Times the pair-MI estimators at GPT-2 XL width (d = 1600), the cost the mi-distance
// analysis pays ~2000 times per run (21 pairs x 48 layers x 2 sites). Not a test.
// Usage: laminar-bench-pair-mi [d] [repeats]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

#include "stats/kendall.h"
#include "stats/pair_mi.h"

int main(int argc, char** argv) {
  const size_t d = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 1600;
  const int repeats = argc > 2 ? std::atoi(argv[2]) : 200;
  std::mt19937_64 rng(7);
  std::student_t_distribution<double> t3(3.0);
  std::vector<std::vector<double>> a(repeats, std::vector<double>(d)), b = a;
  for (int r = 0; r < repeats; ++r)
    for (size_t k = 0; k < d; ++k) {
      a[r][k] = t3(rng);
      b[r][k] = 0.5 * a[r][k] + t3(rng);
    }
  using clock = std::chrono::steady_clock;
  for (const char* estimator : {"hist", "ksg"}) {
    laminar::stats::PairMiSettings s;
    s.estimator = laminar::stats::parseMiEstimator(estimator);
    double sink = 0;
    const auto start = clock::now();
    for (int r = 0; r < repeats; ++r)
      sink += laminar::stats::pairMutualInformation(a[r].data(), b[r].data(), d, s).mi;
    const double ms =
        std::chrono::duration<double, std::milli>(clock::now() - start).count() / repeats;
    std::printf("pair MI %-4s d=%zu: %.3f ms per call (z-trim 4 included; mean MI %.4f)\n",
                estimator, d, ms, sink / repeats);
  }
  const auto start = clock::now();
  double sink = 0;
  for (int r = 0; r < repeats; ++r) sink += laminar::stats::kendallTauB(a[r], b[r]).tau;
  const double ms = std::chrono::duration<double, std::milli>(clock::now() - start).count() / repeats;
  std::printf("Kendall tau-b n=%zu: %.3f ms per call (mean tau %.4f)\n", d, ms, sink / repeats);
  return 0;
}
