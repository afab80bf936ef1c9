#pragma once
// Standard normal and Student t distributions, and the digamma function, all from Boost.Math
// (no hand-written special functions). Tails are computed as complements, so small p-values
// keep their relative precision instead of rounding to 0 through 1 - cdf.
namespace laminar::stats {

double normalCdf(double z);  // scipy.stats.norm.cdf
double normalSf(double z);   // scipy.stats.norm.sf = 1 - cdf, accurate in the upper tail
// 2 * sf(|z|), the two-sided p-value of a z statistic; +-inf gives 0. NaN throws laminar::Error.
double normalTwoSidedP(double z);
// scipy.stats.norm.ppf for 0 < p < 1 (the z of a central interval: normalQuantile(0.975) = 1.96...).
// p outside (0, 1) or NaN throws laminar::Error.
double normalQuantile(double p);

// Student t with df > 0 degrees of freedom (non-integer df allowed, as Welch needs).
// df <= 0 or NaN throws laminar::Error.
double studentTCdf(double t, double df);  // scipy.stats.t.cdf
double studentTSf(double t, double df);   // scipy.stats.t.sf
double studentTTwoSidedP(double t, double df);  // 2 * sf(|t|); +-inf gives 0

// scipy.special.digamma (psi) for x > 0; used by the KSG estimator on positive integers.
double digamma(double x);

}  // namespace laminar::stats
