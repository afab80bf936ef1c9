#pragma once
// Test-only copies of the pair-MI code as it was before the speed work of issue 12 (commit
// 1202811): the z-score trimming, the Freedman-Diaconis bin count, the histogram estimator
// and the KSG estimator. The optimised code in core/stats must equal these bit for bit
// (test_mi_reference_equivalence.cpp); they are kept simple on purpose, not fast.
#include <cstddef>
#include <vector>

#include "stats/histogram_mi.h"

namespace laminar::stats::reference {

double variance(const double* values, size_t n, int ddof);
std::vector<double> zScores(const double* x, size_t n, int ddof);
struct Trimmed {
  std::vector<double> x, y;
};
Trimmed zTrim(const double* x, const double* y, size_t n, double threshold, int ddof);

int freedmanDiaconisBinCount(const double* values, size_t n);
int histogramBinCount(const double* x, const double* y, size_t n, const HistogramBinRule& rule);
HistogramMiTable histogramMutualInformationTable(const double* x, const double* y, size_t n, int bins);
MiEstimate ksgMutualInformation(const double* x, const double* y, size_t n, int k);

}  // namespace laminar::stats::reference
