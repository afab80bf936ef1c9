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
};

// "fd" -> Freedman-Diaconis; a positive integer ("32") -> fixed B. Anything else throws
// laminar::Error quoting the text.
HistogramBinRule parseHistogramBinRule(const std::string& text);

// B for the paired samples: fixed, or Freedman-Diaconis on the POOLED values (x then y,
// 2n values) clamped to [minBins, maxBins].
int histogramBinCount(const double* x, const double* y, size_t n, const HistogramBinRule& rule);

struct MiEstimate {
  double mi = 0;       // nats, >= 0; NaN when !defined
  size_t samples = 0;  // paired samples the estimate used (after any trimming)
  int bins = 0;        // B for the histogram estimator, 0 for KSG
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

}  // namespace laminar::stats
