#pragma once
// Results of experiment 2 (mutual information vs token distance), ../shared/analysis-spec.md.
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "analysis/target_settings.h"

namespace laminar {

enum class MiSite { Attn = 0, Mlp = 1 };  // hook_attn_out, hook_mlp_out
constexpr int kSites = 2;
const char* siteKey(MiSite s);  // "attn", "mlp"

struct OccurrencePair {
  int i = 0, j = 0;          // occurrence indices, i < j
  int64_t distance = 0;      // |p_i - p_j| in tokens
};

// One permutation null as results keep it (analysis/mi_permutation_null.h computes it): the
// observed statistic, the central 95% of the null (numpy percentiles 2.5 and 97.5, the band a
// view draws), the count of null values at least as extreme and the +1-corrected p.
// `permutations` 0: not computed (a directory written before issue 10).
struct PermutationSummary {
  double observed = std::numeric_limits<double>::quiet_NaN();
  double nullLow = std::numeric_limits<double>::quiet_NaN(), nullHigh = std::numeric_limits<double>::quiet_NaN();
  int64_t atLeastAsExtreme = 0;
  int permutations = 0;
  double p = std::numeric_limits<double>::quiet_NaN();
  std::string undefined;  // non-empty: why the statistic is undefined (p is then NaN)
};

struct MiSiteLayer {
  std::vector<double> pairMi;  // one per pair, in MiDistanceResults::pairs order (nats)
  std::vector<int64_t> keptSamples;  // dimensions left after z-trimming, per pair
  std::vector<int> bins;             // B used per pair (histogram estimator; 0 for KSG)
  double meanMi = 0;
  // Estimator floor (issue 10): per pair, the same estimator on x against a seeded
  // permutation of y (analysis/mi_estimator_floor.h). Empty in directories written before.
  std::vector<double> floor;
  double meanFloor = std::numeric_limits<double>::quiet_NaN();
  double meanAboveFloor = std::numeric_limits<double>::quiet_NaN();  // mean of pairMi - floor
  // The statistics below (tau, the site tests, the nulls) use comparedMi(): pairMi minus the
  // floor ("above-floor") or pairMi itself ("raw", the original analysis).
  std::vector<double> comparedMi(bool aboveFloor) const {
    if (!aboveFloor || floor.size() != pairMi.size()) return pairMi;
    std::vector<double> out(pairMi.size());
    for (size_t k = 0; k < out.size(); ++k) out[k] = pairMi[k] - floor[k];
    return out;
  }
  // Standard error of the mean of comparedMi() across pairs (sample sd, ddof 1, over sqrt(n):
  // scipy.stats.sem); 0 with fewer than two pairs. The profile's error bars.
  double comparedMiStandardError(bool aboveFloor) const {
    const std::vector<double> v = comparedMi(aboveFloor);
    if (v.size() < 2) return 0;
    double mean = 0;
    for (double x : v) mean += x;
    mean /= static_cast<double>(v.size());
    double ss = 0;
    for (double x : v) ss += (x - mean) * (x - mean);
    return std::sqrt(ss / static_cast<double>(v.size() - 1) / static_cast<double>(v.size()));
  }
  PermutationSummary kendallNull;  // tau under distances shuffled within texts
  // Estimator comparison (compare-ksg): the histogram (this run's bins and correction) and
  // KSG (this run's k) on the same trimmed pairs, and their correlation across the pairs.
  std::vector<double> histMi, ksgMi;  // empty when off
  double estimatorPearson = std::numeric_limits<double>::quiet_NaN();
  double estimatorSpearman = std::numeric_limits<double>::quiet_NaN();
  double tau = 0, tauP = 1;  // Kendall tau-b of (distance, compared MI), two-sided p
  bool tauExact = false;     // p from the exact null distribution (else normal approximation)
  std::string tauUndefined;  // non-empty: why tau is undefined (tau, tauP are then NaN)
};

struct MiLayer {
  int layer = 0;
  std::array<MiSiteLayer, kSites> sites;
  // attention vs MLP pair MIs, independent two-sample t-test
  double t = 0, p = 1, df = 0;
  // Bonferroni over the L layers, final as soon as the layer is done: min(1, p * L), and
  // significant when p <= alpha / L (statsmodels' rule). NaN / false when p is undefined.
  double pBonferroni = 1;
  bool significantBonferroni = false;
  std::string tUndefined;  // non-empty: why t is undefined (t, p, pBonferroni are then NaN)
  // Fisher Z of the two taus (an approximation: tau is not Pearson r), with the same
  // per-layer Bonferroni correction as the t-test
  double fisherZ = 0, fisherP = 1;
  double fisherPBonferroni = 1;
  bool fisherSignificantBonferroni = false;
  std::string fisherUndefined;  // non-empty: why Z is undefined (fisherZ, fisherP, fisherPBonferroni are then NaN)
  // Controls (issue 10), on the compared MIs; absent (hasControls false) in older directories.
  bool hasControls = false;
  int sharedBins = 0;  // the layer's B under "shared-fd" (0 otherwise)
  // Paired tests: scipy.stats.ttest_rel and wilcoxon of attention vs MLP over the pairs.
  double pairedT = std::numeric_limits<double>::quiet_NaN(), pairedP = std::numeric_limits<double>::quiet_NaN();
  double pairedDf = std::numeric_limits<double>::quiet_NaN();
  std::string pairedUndefined;
  double wilcoxonStatistic = std::numeric_limits<double>::quiet_NaN();
  double wilcoxonP = std::numeric_limits<double>::quiet_NaN();
  bool wilcoxonExact = false;
  std::string wilcoxonUndefined;
  PermutationSummary siteNull;  // mean(attn - mlp) under sign flips within each pair
  double forwardSeconds = 0, analysisSeconds = 0;
  // The controls' share of analysisSeconds (wall clock): floors, both permutation nulls,
  // the second estimator of the comparison.
  double floorSeconds = 0, permutationSeconds = 0, comparisonSeconds = 0;
};

// Benjamini-Hochberg over the layers of one family of control p-values (final at the end).
struct ControlFdr {
  std::string key;  // kendallPermutationAttn, kendallPermutationMlp, siteSignFlip, pairedT, wilcoxon
  std::vector<double> pFdr;
  std::vector<bool> significant;
};

struct MiDistanceSettings : TargetSettings {
  std::string estimator = "hist";  // "hist" | "ksg"
  // "shared-fd" (one B per layer for both sites) | "fd" (per pair, the original analysis) |
  // a fixed number. docs/controls.md says why shared-fd with the floor is the default.
  std::string bins = "shared-fd";
  std::string biasCorrection = "none";    // "none" | "miller-madow" (histogram estimator)
  std::string miCompared = "above-floor";  // "above-floor" | "raw" (the original analysis)
  int permutations = 1000;                 // of each permutation null
  uint64_t seed = 0;                       // floors and permutation nulls
  std::string compareKsg = "on";           // "on" | "off": both estimators side by side
  bool aboveFloor() const { return miCompared == "above-floor"; }
  double zTrim = 4.0;              // 0 = off
  int ksgK = 3;
  std::string ttest = "student";   // "student" | "welch"
  double fdrQ = 0.05;
  double alpha = 0.05;             // Bonferroni significance level
  int zDdof = 0;                   // ddof of the z-scores used for trimming
};

struct MiDistanceResults {
  MiDistanceSettings settings;
  int nLayer = 0;
  int width = 0;
  std::vector<int> occurrenceText;          // text index of each occurrence
  int textOf(int occurrence) const {        // -1 when out of range (a hostile file)
    return occurrence >= 0 && static_cast<size_t>(occurrence) < occurrenceText.size()
               ? occurrenceText[static_cast<size_t>(occurrence)]
               : -1;
  }
  std::vector<int64_t> occurrencePosition;  // token position of each occurrence
  std::vector<OccurrencePair> pairs;
  std::vector<MiLayer> layers;  // filled in order as layers finish
  // Known only when every layer is done (Benjamini-Hochberg needs all p-values): the
  // adjusted p and the mask at fdrQ, for the t-test (p) and for Fisher Z (fisherP).
  std::vector<double> pFdr, fisherPFdr;
  std::vector<bool> significantFdr, fisherSignificantFdr;
  // Also final at the end: BH of every control family, and the estimators' correlation
  // across layers (of the layers' mean MIs; [0] attn, [1] mlp, [2] both sites pooled).
  std::vector<ControlFdr> controlsFdr;
  std::array<double, 3> layersPearson{std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN(),
                                      std::numeric_limits<double>::quiet_NaN()};
  std::array<double, 3> layersSpearman = layersPearson;
  const ControlFdr* controlFdr(const std::string& key) const {
    for (const ControlFdr& c : controlsFdr)
      if (c.key == key) return &c;
    return nullptr;
  }
  bool complete() const {
    return static_cast<int>(layers.size()) == nLayer && pFdr.size() == layers.size() && fisherPFdr.size() == layers.size();
  }
};

}  // namespace laminar
