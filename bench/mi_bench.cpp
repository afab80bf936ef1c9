// MI benchmark (not a test): experiment 2's per-layer statistics recomputed from a saved
// results directory (results.json + vectors.safetensors of `laminar-cli analyze mi-distance`),
// for the histogram and the KSG estimator, timed in CPU seconds of this process and in wall
// seconds (with --threads 2 the pairs of a layer run on two threads, as in the app). Its peer
// is bench/peer_mi_sklearn.py, which times scikit-learn on the same vectors and pairs.
// Prints JSON.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <ctime>
#include <iostream>

#include "analysis/mi_distance_math.h"
#include "analysis/mi_distance_results.h"
#include "analysis/similarity_results.h"
#include "analysis/run_results.h"
#include "model/gpt2_model.h"
#include "stats/pair_mi.h"
#include "util/error.h"

using namespace laminar;

namespace {

double cpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

const std::vector<double>* siteVectors(const RunResults& r, const std::string& name, std::vector<double>& out) {
  for (const auto& a : r.vectors)
    if (a.name == name) {
      auto f = a.values<float>();
      out.assign(f.begin(), f.end());  // float32 -> float64 as the analysis does
      return &out;
    }
  throw Error("vectors.safetensors has no array " + name);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"laminar MI benchmark: experiment 2's statistics from a saved results directory"};
  std::string dir;
  int repeat = 3, threads = 1;
  std::vector<std::string> estimators = {"hist", "ksg"};
  app.add_option("results", dir, "results directory of an mi-distance run")->required();
  app.add_option("--repeat", repeat, "timed repetitions (the best is reported)");
  app.add_option("--threads", threads, "libtorch threads (1: CPU time = wall time of one core)");
  app.add_option("--estimator", estimators, "estimators to time (for profiling one of them)")
      ->check(CLI::IsMember({"hist", "ksg"}));
  CLI11_PARSE(app, argc, argv);
  torch::set_num_threads(std::max(1, threads));
  try {
    RunResults r = loadResults(dir);
    if (!r.get<MiDistanceResults>()) throw Error(dir + " is not an mi-distance run");
    const MiDistanceResults& mi = *r.get<MiDistanceResults>();
    const int64_t d = mi.width;
    // Every site's vectors, loaded before the clock starts.
    std::vector<std::vector<double>> vectors;
    std::vector<std::pair<int, MiSite>> which;
    for (int l = 0; l < mi.nLayer; ++l)
      for (int s = 0; s < kSites; ++s) {
        std::vector<double> v;
        siteVectors(r, "layer" + std::to_string(l) + "." + siteKey(static_cast<MiSite>(s)), v);
        vectors.push_back(std::move(v));
        which.emplace_back(l, static_cast<MiSite>(s));
      }
    nlohmann::json report = {{"results", dir},
                             {"layers", mi.nLayer},
                             {"sites", kSites},
                             {"pairs", mi.pairs.size()},
                             {"width", d},
                             {"threads", torch::get_num_threads()}};
    for (const std::string& estimator : estimators) {
      MiDistanceSettings settings = mi.settings;
      settings.estimator = estimator;
      // shared-fd: each layer's B, found before the clock starts (the estimator's cost is timed).
      std::vector<int> shared(static_cast<size_t>(mi.nLayer), 0);
      if (estimator == "hist" && stats::parseHistogramBinRule(settings.bins).sharedPerLayer)
        for (int l = 0; l < mi.nLayer; ++l)
          shared[static_cast<size_t>(l)] =
              sharedLayerBins({vectors[static_cast<size_t>(2 * l)], vectors[static_cast<size_t>(2 * l + 1)]}, d, mi.pairs,
                              settings);
      double best = 1e300, bestWall = 1e300;
      double checksum = 0;
      for (int rep = 0; rep < std::max(1, repeat); ++rep) {
        const auto w0 = std::chrono::steady_clock::now();
        const double t0 = cpuSeconds();
        checksum = 0;
        for (size_t k = 0; k < vectors.size(); ++k) {
          MiSiteLayer site = computeMiSite(vectors[k], d, mi.pairs, settings, which[k].first, which[k].second,
                                           shared[static_cast<size_t>(which[k].first)], false);
          checksum += site.meanMi;
        }
        best = std::min(best, cpuSeconds() - t0);
        bestWall = std::min(bestWall, std::chrono::duration<double>(std::chrono::steady_clock::now() - w0).count());
      }
      const double pairMis = static_cast<double>(vectors.size() * mi.pairs.size());
      report[estimator] = {{"cpuSeconds", best},
                           {"wallSeconds", bestWall},
                           {"pairMis", pairMis},
                           {"microsecondsPerPair", best / pairMis * 1e6},
                           {"sumOfMeanMi", checksum}};
    }
    std::cout << report.dump(2) << "\n";
  } catch (const std::exception& e) {
    std::cerr << "laminar-bench-mi: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
