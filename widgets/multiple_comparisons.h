#pragma once
// Corrections for the Fisher Z p-values (core corrects the t-test p-values itself; the Z
// family gets the same two corrections here so the significance masks are comparable).
#include <vector>

namespace laminar {

std::vector<double> bonferroniAdjust(const std::vector<double>& p);
// Benjamini-Hochberg step-up adjusted p-values (as statsmodels 'fdr_bh').
std::vector<double> benjaminiHochbergAdjust(const std::vector<double>& p);

}  // namespace laminar
