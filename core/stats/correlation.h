#pragma once
// Pearson and Spearman correlation of paired samples, as scipy.stats.pearsonr(x, y).statistic
// and scipy.stats.spearmanr(x, y).correlation give them (Spearman: Pearson of the average
// ranks, ties sharing the mean rank). Used to compare two MI estimators on the same pairs
// (issue 10): only the coefficient, no p-value (the pairs are not independent samples).
#include <vector>

namespace laminar::stats {

// NaN when fewer than 2 pairs or either sample is constant (scipy warns and returns NaN).
// Sizes must agree; NaN/inf throws laminar::Error.
double pearsonCorrelation(const std::vector<double>& x, const std::vector<double>& y);
double spearmanCorrelation(const std::vector<double>& x, const std::vector<double>& y);

// Average ranks, 1-based (scipy.stats.rankdata(method='average')).
std::vector<double> averageRanks(const std::vector<double>& values);

}  // namespace laminar::stats
