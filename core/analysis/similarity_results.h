#pragma once
// Results of experiment 1 (token similarity across layers), ../shared/analysis-spec.md.
// Plain data (no torch), so widgets and files can use it without the engine.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "analysis/target_settings.h"

namespace laminar {

enum class TokenGroup { Target = 0, NonTarget = 1 };
enum class QkvMatrix { Q = 0, K = 1, V = 2 };
enum class SimilarityBlock { QQ = 0, KK = 1, VV = 2, QK = 3, QV = 4, KV = 5 };
enum class SimilarityMeasure { Cosine = 0, Correlation = 1, ShuffledCosine = 2 };
constexpr int kGroups = 2, kMatrices = 3, kBlocks = 6, kMeasures = 3;
const char* groupKey(TokenGroup g);            // "target", "nontarget"
const char* matrixKey(QkvMatrix m);            // "Q", "K", "V"
const char* blockKey(SimilarityBlock b);       // "QQ", ...
const char* measureKey(SimilarityMeasure m);   // "cosine", "correlation", "shuffled"

struct MatrixProfile {  // one of Q, K, V for one group at one layer
  double variance = 0;      // mean over columns of the sample variance (ddof = 1) over rows
  double mean = 0;          // mean over columns of the column means
  double meanAbs = 0;       // mean over columns of |column mean|
};

// A share of one block's similarities with a normal bootstrap interval over sentences, its
// bootstrap standard error and bias (analysis/spectrum_summary.h): lower <= value <= upper.
struct SpectrumMass {
  double value = 0, lower = 0, upper = 0, se = 0, bias = 0;
};
enum class SpectrumMassKind { High = 0, Low = 1 };  // |cos| > high, |cos| < low
constexpr int kMassKinds = 2;

struct SimilarityLayer {
  int layer = 0;  // 0-based block index
  // [group][matrix]
  std::array<std::array<MatrixProfile, kMatrices>, kGroups> profiles{};
  // [group][measure][block] -> density per bin (integrates to 1 over [-1, 1])
  std::array<std::array<std::array<std::vector<double>, kBlocks>, kMeasures>, kGroups> spectra;
  // [group][measure][block] -> number of values histogrammed
  std::array<std::array<std::array<int64_t, kBlocks>, kMeasures>, kGroups> counts{};
  // [group] -> N x N text-by-text cosine matrix, row-major (N = rows of that group)
  std::array<std::vector<double>, kGroups> textSimilarity;
  std::array<int, kGroups> rows{};  // N per group
  // [group][block][kind]: the cosine spectrum's masses (when the run's summaryReplicates > 0)
  std::array<std::array<std::array<SpectrumMass, kMassKinds>, kBlocks>, kGroups> masses{};
  bool hasMasses = false;
  double forwardSeconds = 0, analysisSeconds = 0;
};

struct SimilaritySettings : TargetSettings {
  int bins = 101;
  uint64_t seed = 0;
  bool allowPosition0 = false;  // non-targets from positions 0 .. p-1 (default 1 .. p-1)
  // Spectrum summary (issue 10): 0 replicates = none; pairs 0 = every pair in each replicate.
  int summaryReplicates = 0;
  int64_t summaryPairs = 0;
  double summaryHigh = 0.8, summaryLow = 0.2, summaryLevel = 0.95;
};

struct SimilarityResults {
  SimilaritySettings settings;
  int nLayer = 0;
  int width = 0;  // d
  std::vector<double> binEdges;  // bins + 1 edges over [-1, 1]
  std::vector<SimilarityLayer> layers;  // filled in order as layers finish
  // Which texts contributed to each group (indices into the sentence set) and where.
  std::array<std::vector<int>, kGroups> textIndex;
  std::array<std::vector<int64_t>, kGroups> tokenPosition;
};

}  // namespace laminar
