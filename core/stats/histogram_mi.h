#pragma once
// Histogram ("plug-in") mutual information of paired samples, analysis-spec.md
// "Experiment 2 / Pair MI / Histogram estimator":
//  * B x B equal-width bins spanning each variable's own min..max, with numpy.histogram2d
//    semantics (edges = linspace(min, max, B+1), bins half-open [a, b) except the last,
//    which is closed; a constant variable spans min-0.5..max+0.5 as numpy does);
//  * MI = sum over non-empty cells of p(x,y) log(p(x,y) / (p(x) p(y))), natural log (nats).
// The estimate is biased upward by a constant depending on B and the sample size: compare
// only values computed with the same settings.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace laminar::stats {

// The number of bins numpy.histogram_bin_edges(values, bins='fd') produces:
// width = 2 IQR n^(-1/3) (numpy's linear percentiles), bins = ceil((max - min) / width),
// 1 when the width is 0 (IQR 0). Throws laminar::Error for n == 0 or non-finite input.
int freedmanDiaconisBinCount(const double* values, size_t n);

struct HistogramBinRule {
  int fixedBins = 0;  // > 0: use exactly this B; 0: Freedman-Diaconis, clamped below
  int minBins = 4, maxBins = 64;  // clamp for the Freedman-Diaconis rule (spec: [4, 64])
  // "shared-fd" (issue 10): one B per layer for every pair at both sites, so the attention
  // and MLP MIs carry the same bin-count bias. The count needs the whole layer: the caller
  // computes it with sharedFreedmanDiaconisBins and passes it as fixedBins.
  bool sharedPerLayer = false;
};

// "fd" -> Freedman-Diaconis; "shared-fd" -> sharedPerLayer; a positive integer ("32") ->
// fixed B. Anything else throws laminar::Error quoting the text.
HistogramBinRule parseHistogramBinRule(const std::string& text);

// B for the paired samples: fixed, or Freedman-Diaconis on the POOLED values (x then y,
// 2n values) clamped to [minBins, maxBins]. A sharedPerLayer rule without fixedBins throws
// laminar::Error (its B is a property of the layer, not of one pair).
int histogramBinCount(const double* x, const double* y, size_t n, const HistogramBinRule& rule);

// The "shared-fd" B of a layer: the lower median (sorted[(m - 1) / 2]) of the clamped
// Freedman-Diaconis counts of every pair at both sites (stats/pair_mi.h:
// pairFreedmanDiaconisBins). A median, so one odd pair does not set the layer's resolution;
// the lower one, so B is an integer without a rounding rule. Throws for an empty input.
int sharedFreedmanDiaconisBins(std::vector<int> perPairBins);

struct MiEstimate {
  double mi = 0;       // nats, >= 0; NaN when !defined
  size_t samples = 0;  // paired samples the estimate used (after any trimming)
  int bins = 0;        // B for the histogram estimator, 0 for KSG
  double uncorrectedMi = 0;  // == mi unless a bias correction was applied (stats/pair_mi.h)
  // false, with `reason`, when the sample is too small: histogram needs >= 2 samples, KSG
  // needs more than k. Never NaN otherwise.
  bool defined = true;
  std::string reason;
};

// MI of (x[k], y[k]), k < n, with B from `rule`. NaN/inf throws laminar::Error.
MiEstimate histogramMutualInformation(const double* x, const double* y, size_t n,
                                      const HistogramBinRule& rule = {});
// The same with a given B (>= 1).
double histogramMutualInformationWithBins(const double* x, const double* y, size_t n, int bins);

// The plug-in MI with the occupancy of its histogram, for bias corrections.
struct HistogramMiTable {
  double mi = 0;                // as histogramMutualInformationWithBins
  int64_t occupiedCells = 0;    // non-empty cells of the B x B joint histogram
  int64_t occupiedX = 0, occupiedY = 0;  // non-empty bins of the two marginals
};
HistogramMiTable histogramMutualInformationTable(const double* x, const double* y, size_t n, int bins);

// histogramBinCount and histogramMutualInformationTable without their finiteness checks, for
// callers that checked x and y already: experiment 2 checks each pair once, then trims, bins
// and estimates on the same values (the checks were an eighth of its histogram MI's time).
int histogramBinCountOfFinite(const double* x, const double* y, size_t n, const HistogramBinRule& rule);
HistogramMiTable histogramMiTableOfFinite(const double* x, const double* y, size_t n, int bins);

// Miller-Madow: each plug-in entropy is biased low by about (occupied bins - 1) / (2n), so
// MI = H(X) + H(Y) - H(X,Y) is biased high by (cells - binsX - binsY + 1) / (2n). The
// corrected value is mi minus that term; it can be negative (it is ~0 on average at zero
// dependence, which is the point), so it is not clipped.
double millerMadowBias(const HistogramMiTable& table, size_t n);

}  // namespace laminar::stats
