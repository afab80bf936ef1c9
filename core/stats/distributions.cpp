#include "stats/distributions.h"

#include <cmath>
#include <string>

#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <boost/math/special_functions/digamma.hpp>

#include "util/error.h"

namespace laminar::stats {
namespace {

// Errors become laminar::Error instead of Boost's exceptions or silent NaN.
using Policy = boost::math::policies::policy<
    boost::math::policies::domain_error<boost::math::policies::throw_on_error>,
    boost::math::policies::overflow_error<boost::math::policies::throw_on_error>,
    boost::math::policies::promote_double<false>>;

void requireNumber(double v, const char* what) {
  if (std::isnan(v)) throw Error(std::string(what) + " is NaN");
}

void requireDf(double df) {
  if (!(df > 0)) throw Error("Student t distribution: degrees of freedom must be > 0, got " +
                             std::to_string(df));
}

}  // namespace

double normalCdf(double z) {
  requireNumber(z, "normal CDF: argument");
  if (std::isinf(z)) return z > 0 ? 1.0 : 0.0;
  return boost::math::cdf(boost::math::normal_distribution<double, Policy>(), z);
}

double normalSf(double z) {
  requireNumber(z, "normal survival function: argument");
  if (std::isinf(z)) return z > 0 ? 0.0 : 1.0;
  return boost::math::cdf(
      boost::math::complement(boost::math::normal_distribution<double, Policy>(), z));
}

double normalQuantile(double p) {
  requireNumber(p, "normal quantile: probability");
  if (!(p > 0 && p < 1)) throw Error("normal quantile: probability must lie in (0, 1), got " + std::to_string(p));
  return boost::math::quantile(boost::math::normal_distribution<double, Policy>(), p);
}

double normalTwoSidedP(double z) {
  requireNumber(z, "normal two-sided p-value: statistic");
  return 2.0 * normalSf(std::fabs(z));
}

double studentTCdf(double t, double df) {
  requireNumber(t, "Student t CDF: argument");
  requireDf(df);
  if (std::isinf(t)) return t > 0 ? 1.0 : 0.0;
  return boost::math::cdf(boost::math::students_t_distribution<double, Policy>(df), t);
}

double studentTSf(double t, double df) {
  requireNumber(t, "Student t survival function: argument");
  requireDf(df);
  if (std::isinf(t)) return t > 0 ? 0.0 : 1.0;
  return boost::math::cdf(
      boost::math::complement(boost::math::students_t_distribution<double, Policy>(df), t));
}

double studentTTwoSidedP(double t, double df) {
  requireNumber(t, "Student t two-sided p-value: statistic");
  // scipy: stdtr(df, -|t|) * 2
  return 2.0 * studentTCdf(-std::fabs(t), df);
}

double digamma(double x) {
  if (!(x > 0) || std::isinf(x))
    throw Error("digamma: argument must be a finite number > 0, got " + std::to_string(x));
  return boost::math::digamma(x, Policy());
}

}  // namespace laminar::stats
