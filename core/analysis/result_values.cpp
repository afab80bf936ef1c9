#include <cstdio>
#include "analysis/result_values.h"

#include <charconv>
#include <cmath>
#include <limits>

#include "util/error.h"
#include "util/json_excerpt.h"

namespace laminar {

nlohmann::json jsonNumber(double v) {
  if (std::isnan(v)) return nullptr;
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  return v;
}

double readJsonNumber(const nlohmann::json& j) {
  if (j.is_null()) return std::numeric_limits<double>::quiet_NaN();
  if (j.is_number()) return j.get<double>();
  if (j.is_string()) {
    const auto& s = j.get_ref<const std::string&>();
    if (s == "Infinity") return std::numeric_limits<double>::infinity();
    if (s == "-Infinity") return -std::numeric_limits<double>::infinity();
  }
  throw Error("expected a number, found " + jsonExcerpt(j));
}

nlohmann::json jsonNumbers(const std::vector<double>& v) {
  nlohmann::json a = nlohmann::json::array();
  for (double x : v) a.push_back(jsonNumber(x));
  return a;
}

std::vector<double> readJsonNumbers(const nlohmann::json& j) {
  if (!j.is_array()) throw Error("expected an array of numbers, found " + std::string(j.type_name()));
  std::vector<double> out;
  out.reserve(j.size());
  for (auto& x : j) out.push_back(readJsonNumber(x));
  return out;
}

std::string csvNumber(double v) {
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

std::string csvField(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string summaryNumber(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

}  // namespace laminar
