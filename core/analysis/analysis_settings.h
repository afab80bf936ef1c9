#pragma once
// What an analysis can be asked: each setting with its type, default, range and a one-line
// help. The CLI builds `analyze <name> --<key>` from it, the app builds its settings form from
// it, and resolveSettings() checks a request against it, so the three never disagree.
// Labels and help are English; they are marked for Qt's lupdate (context "AnalysisSettings")
// and the GUI translates them, so no Vietnamese lives in core.
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/target_settings.h"

// lupdate finds these markers by name; in core they are the plain English literal.
#ifndef QT_TRANSLATE_NOOP
#define QT_TRANSLATE_NOOP(scope, text) text
#endif

namespace laminar {

struct SettingChoice {
  std::string value;  // what files and the CLI say: "hist"
  std::string label;  // English label: "Histogram"
};

struct SettingSpec {
  enum class Kind { Integer, Number, Choice, Text, Flag };  // Flag: true/false, off by default
  std::string key;    // CLI option (--key), QSettings key, and key in RunSettings::options
  Kind kind = Kind::Integer;
  std::string label;  // form label, English
  std::string help;   // one line: CLI help, GUI tooltip
  nlohmann::json defaultValue;
  double minimum = -std::numeric_limits<double>::infinity();  // Integer and Number
  double maximum = std::numeric_limits<double>::infinity();
  int decimals = 3;                    // Number: digits the form shows
  std::vector<SettingChoice> choices;  // Choice
  std::string pattern;                 // Text: ECMAScript regex a value must match in full
  // Shown enabled only when another setting has a value: {"estimator", "ksg"}.
  std::string enabledWhenKey, enabledWhenValue;
};

// The largest seed a setting accepts: 2^53 - 1 is exact in JSON readers that use doubles.
inline constexpr double kLargestSeed = 9007199254740991.0;

// One call per setting: what an analysis's settingSpecs() is built from.
SettingSpec integerSetting(std::string key, std::string label, std::string help, int64_t defaultValue,
                           double minimum, double maximum);
SettingSpec numberSetting(std::string key, std::string label, std::string help, double defaultValue, double minimum,
                          double maximum, int decimals = 3);
SettingSpec choiceSetting(std::string key, std::string label, std::string help, std::string defaultValue,
                          std::vector<SettingChoice> choices);
// `pattern`: an ECMAScript regex the whole value must match.
SettingSpec textSetting(std::string key, std::string label, std::string help, std::string defaultValue,
                        std::string pattern);
SettingSpec flagSetting(std::string key, std::string label, std::string help);  // off by default
// `spec`, shown enabled only while the setting `key` has `value`.
SettingSpec enabledWhen(SettingSpec spec, std::string key, std::string value);

// An Integer setting by this key picks one text of the set (1 = the first): the app's sentence
// preview sets it when a text's number is clicked.
inline constexpr const char* kChosenTextKey = "text";
// An Integer setting by this key picks a token position in that text (0 = its first token):
// clicking a token of the chosen text in the preview sets it.
inline constexpr const char* kChosenPositionKey = "position";

// `given` (an object, maybe partial) completed with the defaults and checked against
// `specs`: unknown keys, wrong types, values out of range or not among the choices throw
// laminar::Error naming the setting ("--bins: ...").
nlohmann::json resolveSettings(const std::vector<SettingSpec>& specs, const nlohmann::json& given);

// Parses a command-line or form string as the setting's kind ("12" -> 12 for Integer;
// "true"/"false" for a Flag).
nlohmann::json parseSettingText(const SettingSpec& spec, const std::string& text);

}  // namespace laminar
