// Test driver for the controls of issue 10: reads {"cases": [...]} on stdin, runs each case
// through Laminar and writes {"results": [...]} on stdout, so check_controls.py can compare
// them with scipy / numpy and with the Python replays in tools/verify_results.py. Numbers may
// be the strings "nan", "inf", "-inf". A case that throws laminar::Error yields {"error": ...}.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/mi_estimator_floor.h"
#include "analysis/mi_permutation_null.h"
#include "analysis/seeded_random.h"
#include "analysis/spectrum_summary.h"
#include "stats/histogram_mi.h"
#include "stats/paired_tests.h"
#include "stats/pair_mi.h"
#include "util/error.h"

#include "driver_json.h"

using nlohmann::json;
using laminar::test::encode;
using laminar::test::number;
using laminar::test::numbers;
namespace st = laminar::stats;

namespace {

uint64_t state(const json& c) { return laminar::streamState(c.at("seed").get<uint64_t>(), c.at("stream").get<uint64_t>()); }

st::PairMiSettings pairSettings(const json& c) {
  st::PairMiSettings s;
  s.estimator = st::parseMiEstimator(c.value("estimator", "hist"));
  s.bins = st::parseHistogramBinRule(c.value("bins", "fd"));
  s.biasCorrection = st::parseMiBiasCorrection(c.value("bias", "none"));
  s.zTrim = c.contains("z_trim") ? number(c["z_trim"]) : 4.0;
  return s;
}

// The null's quantiles at these levels are returned with them (check_controls.py asks numpy).
const std::vector<double> kBandLevels = {0.0, 0.025, 0.3, 0.5, 0.975, 1.0};

json permutationNull(const laminar::PermutationNull& n) {
  std::vector<double> band;
  for (double q : kBandLevels) band.push_back(laminar::nullQuantile(n, q));
  return {{"observed", encode(n.observed)}, {"null", encode(n.null)}, {"extreme", n.atLeastAsExtreme},
          {"p", encode(n.p)}, {"undefined", n.undefined}, {"bandLevels", kBandLevels}, {"band", encode(band)}};
}

json spectrum(const json& c) {
  const std::vector<double> x = numbers(c["x"]);
  const int64_t n = c["n"], d = c["d"];
  laminar::SpectrumSummarySettings s;
  s.centre = c.value("centre", false);
  s.replicates = c["replicates"];
  s.level = c.value("level", 0.95);
  const torch::Tensor t = torch::tensor(x, torch::kFloat64).reshape({n, 3 * d});
  json out = json::array();
  for (const auto& b : laminar::spectrumSummary(t, d, s, state(c)))
    out.push_back({{b.high.value, b.high.lower, b.high.upper, b.high.se, b.high.bias},
                   {b.low.value, b.low.lower, b.low.upper, b.low.se, b.low.bias}});
  return out;
}

json runCase(const json& c) {
  const std::string fn = c.at("fn");
  if (fn == "kendall_perm")
    return permutationNull(laminar::kendallPermutationNull(numbers(c["distance"]), numbers(c["mi"]),
                                                           c["group"].get<std::vector<int>>(), c["permutations"], state(c)));
  if (fn == "signflip_perm")
    return permutationNull(
        laminar::siteDifferenceSignFlipNull(numbers(c["attn"]), numbers(c["mlp"]), c["permutations"], state(c)));
  if (fn == "ttest_rel") {
    const auto t = st::pairedTTest(numbers(c["a"]), numbers(c["b"]));
    return {{"t", encode(t.t)}, {"p", encode(t.p)}, {"df", encode(t.df)}, {"defined", t.defined}, {"reason", t.reason}};
  }
  if (fn == "wilcoxon") {
    const auto w = st::wilcoxonSignedRank(numbers(c["a"]), numbers(c["b"]));
    return {{"statistic", encode(w.statistic)}, {"p", encode(w.p)}, {"exact", w.exact}, {"defined", w.defined},
            {"reason", w.reason}};
  }
  if (fn == "hist_mi_table") {
    const auto x = numbers(c["x"]), y = numbers(c["y"]);
    const auto t = st::histogramMutualInformationTable(x.data(), y.data(), x.size(), c["bins"]);
    return {{"mi", encode(t.mi)}, {"mm_bias", encode(st::millerMadowBias(t, x.size()))}};
  }
  if (fn == "pair_mi_floor") {
    const auto x = numbers(c["x"]), y = numbers(c["y"]);
    const uint64_t s = laminar::streamState(c["seed"].get<uint64_t>(),
                                            laminar::floorStream(c["layer"], c["site"], c["pair"]));
    const auto f = laminar::pairMutualInformationWithFloor(x.data(), y.data(), x.size(), pairSettings(c), s);
    return {{"mi", encode(f.estimate.mi)}, {"uncorrected", encode(f.estimate.uncorrectedMi)},
            {"floor", encode(f.floor)}, {"bins", f.estimate.bins}, {"samples", f.estimate.samples}};
  }
  if (fn == "pair_fd") {
    const auto x = numbers(c["x"]), y = numbers(c["y"]);
    return {{"value", st::pairFreedmanDiaconisBins(x.data(), y.data(), x.size(), pairSettings(c))}};
  }
  if (fn == "shared_fd") return {{"value", st::sharedFreedmanDiaconisBins(c["bins"].get<std::vector<int>>())}};
  if (fn == "spectrum") return {{"blocks", spectrum(c)}};
  throw std::runtime_error("unknown function " + fn);
}

}  // namespace

int main() { return laminar::test::answerCases(runCase); }
