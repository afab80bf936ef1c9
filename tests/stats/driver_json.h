#pragma once
// The stats test drivers' JSON on stdin and stdout (stats_driver.cpp, controls_driver.cpp;
// driver_json.py is the Python side): JSON has no NaN or infinity, so both sides spell them
// "nan", "inf" and "-inf".
#include <cmath>
#include <iostream>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "util/error.h"

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

// A driver's main: reads {"cases": [...]} from stdin and writes {"results": [...]}, one result
// per case in order; a case the library refuses (laminar::Error) answers {"error": message},
// so the Python side can check the refusals too.
template <class RunCase>
int answerCases(RunCase runCase) {
  const nlohmann::json input = nlohmann::json::parse(std::cin);
  nlohmann::json results = nlohmann::json::array();
  for (const auto& c : input.at("cases")) {
    try {
      results.push_back(runCase(c));
    } catch (const laminar::Error& e) {
      results.push_back({{"error", e.what()}});
    }
  }
  std::cout << nlohmann::json{{"results", results}}.dump() << "\n";
  return 0;
}

}  // namespace laminar::test
