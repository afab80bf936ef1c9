#pragma once
// How numbers travel in results files. JSON has no NaN or infinity: NaN (an undefined
// statistic, always accompanied by its reason) is written as null, +-infinity as the strings
// "Infinity" / "-Infinity". CSV numbers are C-locale, shortest round-trip ("nan", "inf").
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace laminar {

nlohmann::json jsonNumber(double v);
double readJsonNumber(const nlohmann::json& j);  // inverse of jsonNumber; throws laminar::Error
nlohmann::json jsonNumbers(const std::vector<double>& v);
std::vector<double> readJsonNumbers(const nlohmann::json& j);

// An integer field of a results or settings file. Refuses floats, booleans and values outside
// Int's range with a laminar::Error: nlohmann's get<int>() would cast a double such as 1e99,
// and a cast from an out-of-range double is undefined behaviour (the results fuzzer found it).
// Defined for int, int64_t and uint64_t.
template <class Int>
Int readJsonInteger(const nlohmann::json& j);
template <class Int>
std::vector<Int> readJsonIntegers(const nlohmann::json& j);
// object[key] when present, else fallback (for keys older files do not have).
template <class Int>
Int readJsonInteger(const nlohmann::json& object, const char* key, Int fallback);

// Shortest text that reads back as the same double, independent of the C/Qt locale.
std::string csvNumber(double v);
// A CSV field: quoted when it holds a comma, quote or line break.
std::string csvField(const std::string& s);
// A number for the plain-text summaries `laminar-cli analyze` prints ("%.4g").
std::string summaryNumber(double v);

}  // namespace laminar
