// Controls benchmark (not a test): the CPU cost of issue 10's controls at GPT-2 XL's shape
// (d = 1600, 48 layers), per layer and for a whole run, on random data of that shape:
//  * Kendall and sign-flip permutation nulls (default 1000 permutations) for P pairs;
//  * the estimator floor (one more histogram MI per pair and site);
//  * the spectrum bootstrap (one replicate = the six blocks of a [N, 4800] X in float64).
// Prints JSON. Usage: laminar-bench-controls [--pairs 21] [--sentences 54] [--replicates 3]
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <iostream>
#include <random>

#include "analysis/mi_estimator_floor.h"
#include "analysis/mi_permutation_null.h"
#include "analysis/seeded_random.h"
#include "analysis/spectrum_summary.h"
#include "stats/pair_mi.h"
#include "timed.h"
#include "util/thread_wait_policy.h"

using namespace laminar;

namespace {


std::vector<double> normal(size_t n, std::mt19937_64& rng) {
  std::normal_distribution<double> z;
  std::vector<double> v(n);
  for (double& e : v) e = z(rng);
  return v;
}

}  // namespace

int main(int argc, char** argv) {
  (void)laminar::passiveThreadWaits();  // links in the step that sets the pools' wait policy
  CLI::App app{"CPU cost of the controls of issue 10 at GPT-2 XL's shape"};
  int pairs = 21, sentences = 54, replicates = 3, layers = 48, permutations = kDefaultPermutations;
  const int64_t d = 1600;
  app.add_option("--pairs", pairs, "occurrence pairs per layer (21 = 7 occurrences)");
  app.add_option("--sentences", sentences, "rows N of experiment 1's X");
  app.add_option("--replicates", replicates, "bootstrap replicates to time (the cost is linear)");
  CLI11_PARSE(app, argc, argv);
  torch::set_num_threads(1);
  std::mt19937_64 rng(1);
  const std::vector<double> distance = normal(static_cast<size_t>(pairs), rng), mi = normal(static_cast<size_t>(pairs), rng),
                            other = normal(static_cast<size_t>(pairs), rng);
  const std::vector<int> group(static_cast<size_t>(pairs), 0);
  nlohmann::json out;
  out["threads"] = 1;
  out["kendall_null_seconds_per_layer_site"] =
      seconds([&] { kendallPermutationNull(distance, mi, group, permutations, 1); });
  out["sign_flip_null_seconds_per_layer"] = seconds([&] { siteDifferenceSignFlipNull(mi, other, permutations, 2); });
  const std::vector<double> vi = normal(d, rng), vj = normal(d, rng);
  stats::PairMiSettings s;
  const int reps = 50;
  out["pair_mi_seconds"] = seconds([&] {
                             for (int r = 0; r < reps; ++r) stats::pairMutualInformation(vi.data(), vj.data(), d, s);
                           }) / reps;
  out["pair_mi_with_floor_seconds"] = seconds([&] {
                                        for (int r = 0; r < reps; ++r)
                                          pairMutualInformationWithFloor(vi.data(), vj.data(), d, s, 3);
                                      }) / reps;
  const torch::Tensor x = torch::randn({sentences, 3 * d}, torch::kFloat64);
  SpectrumSummarySettings ss;
  ss.replicates = replicates;
  const double withReps = seconds([&] { spectrumSummary(x, d, ss, 4); });
  ss.replicates = 1;
  const double oneRep = seconds([&] { spectrumSummary(x, d, ss, 4); });
  out["spectrum_seconds_per_replicate"] = (withReps - oneRep) / (replicates - 1);
  out["spectrum_observed_plus_one_replicate_seconds"] = oneRep;
  const double perLayer = 2 * out["kendall_null_seconds_per_layer_site"].get<double>() +
                          out["sign_flip_null_seconds_per_layer"].get<double>() +
                          2 * pairs * (out["pair_mi_with_floor_seconds"].get<double>() - out["pair_mi_seconds"].get<double>());
  out["experiment2_controls_seconds_per_run"] = perLayer * layers;
  out["spectrum_bootstrap_seconds_per_run_200_replicates"] =
      out["spectrum_seconds_per_replicate"].get<double>() * 200 * layers * 2;  // two token groups
  out["shape"] = {{"d", d}, {"layers", layers}, {"pairs", pairs}, {"sentences", sentences}, {"permutations", permutations}};
  std::cout << out.dump(2) << "\n";
  return 0;
}
