#include "stats/fisher_z.h"

#include <cmath>
#include <limits>

#include "stats/distributions.h"
#include "util/error.h"

namespace laminar::stats {

FisherZResult fisherZCompare(double r1, double r2, int64_t n) {
  FisherZResult r;
  auto undefined = [&](const std::string& reason) {
    r.z = std::numeric_limits<double>::quiet_NaN();
    r.p = r.z;
    r.defined = false;
    r.reason = reason;
    return r;
  };
  for (const auto& [value, name] : {std::pair{r1, "r1"}, std::pair{r2, "r2"}})
    if (!std::isnan(value) && !(value >= -1 && value <= 1))
      throw Error(std::string("Fisher Z: ") + name + " = " + std::to_string(value) +
                  " is not a correlation in [-1, 1]");
  if (std::isnan(r1)) return undefined("r1 is undefined");
  if (std::isnan(r2)) return undefined("r2 is undefined");
  if (n <= 3) return undefined("needs more than 3 pairs, got " + std::to_string(n));
  const double diff = std::atanh(r1) - std::atanh(r2);
  if (std::isnan(diff)) return undefined("both coefficients are the same +-1");
  r.z = diff / std::sqrt(2.0 / static_cast<double>(n - 3));
  r.p = normalTwoSidedP(r.z);
  return r;
}

}  // namespace laminar::stats
