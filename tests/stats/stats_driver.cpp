// Test driver: reads {"cases": [...]} on stdin, runs each case through laminar::stats and
// writes {"results": [...]} on stdout, one result per case, so check_against_references.py
// can compare every function with scipy / statsmodels / scikit-learn in one process.
// Numbers may be given (and are returned) as the strings "nan", "inf", "-inf", which JSON
// cannot hold. A case that throws laminar::Error yields {"error": message}.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "stats/correlation.h"
#include "stats/descriptive.h"
#include "stats/distributions.h"
#include "stats/fisher_z.h"
#include "stats/histogram_mi.h"
#include "stats/kendall.h"
#include "stats/ksg_mi.h"
#include "stats/multiple_testing.h"
#include "stats/pair_mi.h"
#include "stats/theil_sen.h"
#include "stats/ttest.h"
#include "stats/zscore.h"
#include "util/error.h"

#include "driver_json.h"

using nlohmann::json;
using laminar::test::encode;
using laminar::test::number;
using laminar::test::numbers;
namespace st = laminar::stats;

namespace {

json runCase(const json& c) {
  const std::string fn = c.at("fn");
  json r;
  if (fn == "sum") {
    const auto x = numbers(c["x"]);
    r["value"] = encode(st::pairwiseSum(x.data(), x.size()));
  } else if (fn == "mean") {
    r["value"] = encode(st::mean(numbers(c["x"])));
  } else if (fn == "var") {
    r["value"] = encode(st::variance(numbers(c["x"]), c.value("ddof", 0)));
  } else if (fn == "zscore") {
    r["value"] = encode(st::zScores(numbers(c["x"]), c.value("ddof", 0)));
  } else if (fn == "ztrim") {
    const auto x = numbers(c["x"]), y = numbers(c["y"]);
    const auto keep = st::zTrimMask(x.data(), y.data(), x.size(), number(c["threshold"]),
                                    c.value("ddof", 0));
    r["keep"] = std::vector<int>(keep.begin(), keep.end());
  } else if (fn == "dist") {
    const std::string which = c["which"];
    const double df = c.contains("df") ? number(c["df"]) : 0.0;
    std::vector<double> out;
    for (double v : numbers(c["x"])) {
      if (which == "norm_cdf") out.push_back(st::normalCdf(v));
      else if (which == "norm_sf") out.push_back(st::normalSf(v));
      else if (which == "norm_p2") out.push_back(st::normalTwoSidedP(v));
      else if (which == "t_cdf") out.push_back(st::studentTCdf(v, df));
      else if (which == "t_sf") out.push_back(st::studentTSf(v, df));
      else if (which == "t_p2") out.push_back(st::studentTTwoSidedP(v, df));
      else if (which == "digamma") out.push_back(st::digamma(v));
      else throw std::runtime_error("unknown distribution function " + which);
    }
    r["value"] = encode(out);
  } else if (fn == "kendall") {
    const auto k = st::kendallTauB(numbers(c["x"]), numbers(c["y"]));
    r = {{"tau", encode(k.tau)}, {"p", encode(k.p)}, {"exact", k.exact}, {"defined", k.defined},
         {"reason", k.reason}};
  } else if (fn == "correlation") {
    const std::vector<double> x = numbers(c["x"]), y = numbers(c["y"]);
    r = {{"pearson", encode(st::pearsonCorrelation(x, y))}, {"spearman", encode(st::spearmanCorrelation(x, y))}};
  } else if (fn == "median") {
    r["value"] = encode(st::median(numbers(c["x"])));
  } else if (fn == "theil_sen") {
    const auto line = st::theilSenLine(numbers(c["x"]), numbers(c["y"]));
    r = {{"slope", encode(line.slope)}, {"intercept", encode(line.intercept)}, {"defined", line.defined}};
  } else if (fn == "kendall_exact_p") {
    r["value"] = encode(st::kendallExactP(c["n"], c["c"]));
  } else if (fn == "ttest") {
    const auto t = st::tTestIndependent(numbers(c["a"]), numbers(c["b"]),
                                        st::parseTTestKind(c["kind"]));
    r = {{"t", encode(t.t)}, {"p", encode(t.p)}, {"df", encode(t.df)}, {"defined", t.defined},
         {"reason", t.reason}};
  } else if (fn == "bonferroni" || fn == "bh") {
    const auto p = numbers(c["p"]);
    const double alpha = c.contains("alpha") ? number(c["alpha"]) : 0.05;
    const auto a = fn == "bh" ? st::benjaminiHochberg(p, alpha) : st::bonferroni(p, alpha);
    r["adjusted"] = encode(a.adjusted);
    r["reject"] = std::vector<int>(a.reject.begin(), a.reject.end());
    r["tests"] = a.tests;
  } else if (fn == "fisher_z") {
    const auto f = st::fisherZCompare(number(c["r1"]), number(c["r2"]), c["n"]);
    r = {{"z", encode(f.z)}, {"p", encode(f.p)}, {"defined", f.defined}, {"reason", f.reason}};
  } else if (fn == "fd_bins") {
    const auto x = numbers(c["x"]);
    r["value"] = st::freedmanDiaconisBinCount(x.data(), x.size());
  } else if (fn == "hist_mi") {
    const auto x = numbers(c["x"]), y = numbers(c["y"]);
    st::HistogramBinRule rule;
    rule.fixedBins = c.value("bins", 0);
    const auto m = st::histogramMutualInformation(x.data(), y.data(), x.size(), rule);
    r = {{"mi", encode(m.mi)}, {"bins", m.bins}, {"defined", m.defined}, {"reason", m.reason}};
  } else if (fn == "ksg") {
    const auto x = numbers(c["x"]), y = numbers(c["y"]);
    const auto m = st::ksgMutualInformation(x.data(), y.data(), x.size(), c.value("k", 3));
    r = {{"mi", encode(m.mi)}, {"defined", m.defined}, {"reason", m.reason}};
  } else if (fn == "pair_mi") {
    const auto x = numbers(c["x"]), y = numbers(c["y"]);
    st::PairMiSettings s;
    s.estimator = st::parseMiEstimator(c.value("estimator", "hist"));
    s.bins = st::parseHistogramBinRule(c.value("bins", "fd"));
    s.zTrim = c.contains("z_trim") ? number(c["z_trim"]) : 4.0;
    s.ksgK = c.value("k", 3);
    const auto m = st::pairMutualInformation(x.data(), y.data(), x.size(), s);
    r = {{"mi", encode(m.mi)}, {"bins", m.bins}, {"samples", m.samples},
         {"defined", m.defined}, {"reason", m.reason}};
  } else {
    throw std::runtime_error("unknown function " + fn);
  }
  return r;
}

}  // namespace

int main() { return laminar::test::answerCases(runCase); }
