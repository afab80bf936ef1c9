#include "analysis/analysis_settings.h"

#include <cmath>
#include <regex>
#include <sstream>

#include "util/error.h"

namespace laminar {

namespace {

std::string optionName(const SettingSpec& s) { return "--" + s.key; }

std::string numberText(double v) {
  if (std::floor(v) == v && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
  std::ostringstream o;
  o << v;
  return o.str();
}

void checkRange(const SettingSpec& s, double v) {
  if (std::isnan(v) || v < s.minimum || v > s.maximum)
    throw Error(optionName(s) + ": " + numberText(v) + " is outside " + numberText(s.minimum) + " .. " +
                numberText(s.maximum));
}

nlohmann::json checkedValue(const SettingSpec& s, const nlohmann::json& v) {
  switch (s.kind) {
    case SettingSpec::Kind::Integer:
      if (!v.is_number_integer()) throw Error(optionName(s) + ": expected a whole number, got " + v.dump());
      checkRange(s, v.get<double>());
      return v;
    case SettingSpec::Kind::Number:
      if (!v.is_number()) throw Error(optionName(s) + ": expected a number, got " + v.dump());
      checkRange(s, v.get<double>());
      return v.get<double>();
    case SettingSpec::Kind::Choice: {
      if (!v.is_string()) throw Error(optionName(s) + ": expected one of its choices, got " + v.dump());
      std::string known;
      for (const auto& c : s.choices) {
        if (c.value == v.get<std::string>()) return v;
        known += (known.empty() ? "" : ", ") + c.value;
      }
      throw Error(optionName(s) + ": \"" + v.get<std::string>() + "\" is not one of " + known);
    }
    case SettingSpec::Kind::Flag:
      if (!v.is_boolean()) throw Error(optionName(s) + ": expected true or false, got " + v.dump());
      return v;
    case SettingSpec::Kind::Text:
      if (!v.is_string()) throw Error(optionName(s) + ": expected text, got " + v.dump());
      if (!s.pattern.empty() && !std::regex_match(v.get<std::string>(), std::regex(s.pattern)))
        throw Error(optionName(s) + ": \"" + v.get<std::string>() + "\" is not valid here (" + s.help + ")");
      return v;
  }
  return v;
}

SettingSpec baseSetting(SettingSpec::Kind kind, std::string key, std::string label, std::string help,
                        nlohmann::json defaultValue) {
  SettingSpec s;
  s.kind = kind;
  s.key = std::move(key);
  s.label = std::move(label);
  s.help = std::move(help);
  s.defaultValue = std::move(defaultValue);
  return s;
}

}  // namespace

SettingSpec integerSetting(std::string key, std::string label, std::string help, int64_t defaultValue,
                           double minimum, double maximum) {
  SettingSpec s = baseSetting(SettingSpec::Kind::Integer, std::move(key), std::move(label), std::move(help), defaultValue);
  s.minimum = minimum;
  s.maximum = maximum;
  return s;
}

SettingSpec numberSetting(std::string key, std::string label, std::string help, double defaultValue, double minimum,
                          double maximum, int decimals) {
  SettingSpec s = baseSetting(SettingSpec::Kind::Number, std::move(key), std::move(label), std::move(help), defaultValue);
  s.minimum = minimum;
  s.maximum = maximum;
  s.decimals = decimals;
  return s;
}

SettingSpec choiceSetting(std::string key, std::string label, std::string help, std::string defaultValue,
                          std::vector<SettingChoice> choices) {
  SettingSpec s = baseSetting(SettingSpec::Kind::Choice, std::move(key), std::move(label), std::move(help),
                              std::move(defaultValue));
  s.choices = std::move(choices);
  return s;
}

SettingSpec textSetting(std::string key, std::string label, std::string help, std::string defaultValue,
                        std::string pattern) {
  SettingSpec s = baseSetting(SettingSpec::Kind::Text, std::move(key), std::move(label), std::move(help),
                              std::move(defaultValue));
  s.pattern = std::move(pattern);
  return s;
}

SettingSpec flagSetting(std::string key, std::string label, std::string help) {
  return baseSetting(SettingSpec::Kind::Flag, std::move(key), std::move(label), std::move(help), false);
}

SettingSpec enabledWhen(SettingSpec spec, std::string key, std::string value) {
  spec.enabledWhenKey = std::move(key);
  spec.enabledWhenValue = std::move(value);
  return spec;
}

nlohmann::json resolveSettings(const std::vector<SettingSpec>& specs, const nlohmann::json& given) {
  if (!given.is_null() && !given.is_object()) throw Error("analysis settings must be a JSON object");
  nlohmann::json out = nlohmann::json::object();
  for (const SettingSpec& s : specs) {
    const bool set = given.is_object() && given.contains(s.key);
    out[s.key] = checkedValue(s, set ? given.at(s.key) : s.defaultValue);
  }
  if (given.is_object())
    for (auto it = given.begin(); it != given.end(); ++it)
      if (!out.contains(it.key())) throw Error("unknown setting \"" + it.key() + "\"");
  return out;
}

nlohmann::json parseSettingText(const SettingSpec& s, const std::string& text) {
  try {
    size_t used = 0;
    switch (s.kind) {
      case SettingSpec::Kind::Integer: {
        const long long v = std::stoll(text, &used);
        if (used == text.size()) return v;
        break;
      }
      case SettingSpec::Kind::Number: {
        const double v = std::stod(text, &used);
        if (used == text.size()) return v;
        break;
      }
      case SettingSpec::Kind::Choice:
      case SettingSpec::Kind::Text:
        return text;
      case SettingSpec::Kind::Flag:
        if (text == "true" || text == "1") return true;
        if (text == "false" || text == "0") return false;
        throw Error(optionName(s) + ": \"" + text + "\" is not true or false");
    }
  } catch (const std::exception&) {
  }
  throw Error(optionName(s) + ": \"" + text + "\" is not " +
              (s.kind == SettingSpec::Kind::Integer ? "a whole number" : "a number"));
}

}  // namespace laminar
