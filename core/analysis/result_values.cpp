#include <cstdio>
#include "analysis/result_values.h"

#include <charconv>
#include <cmath>
#include <limits>
#include <type_traits>

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

template <class Int>
Int readJsonInteger(const nlohmann::json& j) {
  // Checked in the type nlohmann holds the integer as; the comparisons are between integers.
  if (j.is_number_unsigned()) {
    const uint64_t v = j.get<uint64_t>();
    if (v <= static_cast<uint64_t>(std::numeric_limits<Int>::max())) return static_cast<Int>(v);
  } else if (j.is_number_integer()) {
    const int64_t v = j.get<int64_t>();
    if (std::is_signed_v<Int> ? v >= static_cast<int64_t>(std::numeric_limits<Int>::min()) &&
                                    v <= static_cast<int64_t>(std::numeric_limits<Int>::max())
                              : v >= 0)
      return static_cast<Int>(v);
  } else {
    throw Error("expected an integer, found " + jsonExcerpt(j));
  }
  throw Error("integer out of range: " + jsonExcerpt(j));
}

template <class Int>
std::vector<Int> readJsonIntegers(const nlohmann::json& j) {
  if (!j.is_array()) throw Error("expected an array of integers, found " + std::string(j.type_name()));
  std::vector<Int> out;
  out.reserve(j.size());
  for (auto& x : j) out.push_back(readJsonInteger<Int>(x));
  return out;
}

template <class Int>
Int readJsonInteger(const nlohmann::json& object, const char* key, Int fallback) {
  if (!object.is_object()) throw Error("expected an object, found " + std::string(object.type_name()));
  const auto it = object.find(key);
  return it == object.end() ? fallback : readJsonInteger<Int>(*it);
}

template int readJsonInteger<int>(const nlohmann::json&);
template int64_t readJsonInteger<int64_t>(const nlohmann::json&);
template uint64_t readJsonInteger<uint64_t>(const nlohmann::json&);
template std::vector<int> readJsonIntegers<int>(const nlohmann::json&);
template std::vector<int64_t> readJsonIntegers<int64_t>(const nlohmann::json&);
template int readJsonInteger<int>(const nlohmann::json&, const char*, int);
template int64_t readJsonInteger<int64_t>(const nlohmann::json&, const char*, int64_t);
template uint64_t readJsonInteger<uint64_t>(const nlohmann::json&, const char*, uint64_t);

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
