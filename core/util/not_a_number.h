#pragma once
// The quiet NaN that a statistic returns where it is undefined (scipy's convention), named
// once for every file that returns one.
#include <limits>

namespace laminar {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace laminar
