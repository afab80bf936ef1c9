#pragma once
// Results of experiment 2 (mutual information vs token distance), ../shared/analysis-spec.md.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace laminar {

enum class MiSite { Attn = 0, Mlp = 1 };  // hook_attn_out, hook_mlp_out
constexpr int kSites = 2;
const char* siteKey(MiSite s);  // "attn", "mlp"

struct OccurrencePair {
  int i = 0, j = 0;          // occurrence indices, i < j
  int64_t distance = 0;      // |p_i - p_j| in tokens
};

struct MiSiteLayer {
  std::vector<double> pairMi;  // one per pair, in MiDistanceResults::pairs order (nats)
  std::vector<int64_t> keptSamples;  // dimensions left after z-trimming, per pair
  std::vector<int> bins;             // B used per pair (histogram estimator; 0 for KSG)
  double meanMi = 0;
  double tau = 0, tauP = 1;  // Kendall tau-b of (distance, MI), two-sided p
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
  double forwardSeconds = 0, analysisSeconds = 0;
};

struct MiDistanceSettings {
  std::string target;
  std::string estimator = "hist";  // "hist" | "ksg"
  std::string bins = "fd";         // "fd" | a fixed number
  double zTrim = 4.0;              // 0 = off
  int ksgK = 3;
  std::string ttest = "student";   // "student" | "welch"
  double fdrQ = 0.05;
  double alpha = 0.05;             // Bonferroni significance level
  int zDdof = 0;                   // ddof of the z-scores used for trimming
  bool caseInsensitive = false;
  bool prependBos = false;         // "<|endoftext|>" before each text (positions count it)
};

struct MiDistanceResults {
  MiDistanceSettings settings;
  int nLayer = 0;
  int width = 0;
  std::vector<int> occurrenceText;          // text index of each occurrence
  std::vector<int64_t> occurrencePosition;  // token position of each occurrence
  std::vector<OccurrencePair> pairs;
  std::vector<MiLayer> layers;  // filled in order as layers finish
  // Known only when every layer is done (Benjamini-Hochberg needs all p-values): the
  // adjusted p and the mask at fdrQ, for the t-test (p) and for Fisher Z (fisherP).
  std::vector<double> pFdr, fisherPFdr;
  std::vector<bool> significantFdr, fisherSignificantFdr;
  bool complete() const {
    return static_cast<int>(layers.size()) == nLayer && pFdr.size() == layers.size() && fisherPFdr.size() == layers.size();
  }
};

}  // namespace laminar
