#pragma once
// The numbers of the stats test drivers' JSON on stdin and stdout (stats_driver.cpp,
// controls_driver.cpp): JSON has no NaN or infinity, so both sides spell them "nan", "inf"
// and "-inf".
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace laminar::test {

inline double number(const nlohmann::json& v) {
  if (v.is_string()) {
    const std::string s = v.get<std::string>();
    if (s == "nan") return std::numeric_limits<double>::quiet_NaN();
    if (s == "inf") return std::numeric_limits<double>::infinity();
    if (s == "-inf") return -std::numeric_limits<double>::infinity();
    throw std::runtime_error("bad number string " + s);
  }
  return v.get<double>();
}

inline std::vector<double> numbers(const nlohmann::json& v) {
  std::vector<double> out;
  for (const auto& e : v) out.push_back(number(e));
  return out;
}

inline nlohmann::json encode(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  return v;
}

inline nlohmann::json encode(const std::vector<double>& v) {
  nlohmann::json out = nlohmann::json::array();
  for (double e : v) out.push_back(encode(e));
  return out;
}

}  // namespace laminar::test
