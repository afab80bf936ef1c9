#pragma once
// Which word, matched how, with or without <|endoftext|>: shared by every analysis. Each
// analysis's settings type derives from it, so RunSettings::target fills them all alike and
// results.json spells the three keys the same way for every analysis.
// Header-only (widgets read results without linking the analysis library).
#include <string>

#include <nlohmann/json.hpp>

namespace laminar {

struct TargetSettings {
  std::string target;  // empty: the sentence file's own target
  bool caseInsensitive = false;
  bool prependBos = false;  // "<|endoftext|>" before each text (positions count it)
};

// {"target", "caseInsensitive", "prependBos"}: an analysis adds its own keys to it.
inline nlohmann::json targetSettingsJson(const TargetSettings& t) {
  return {{"target", t.target}, {"caseInsensitive", t.caseInsensitive}, {"prependBos", t.prependBos}};
}

// The three keys back from a results file's settings object; a missing or mistyped one throws
// nlohmann's exception, which the results loaders report with the file's name.
inline TargetSettings targetSettingsFromJson(const nlohmann::json& j) {
  TargetSettings t;
  t.target = j.at("target").get<std::string>();
  t.caseInsensitive = j.at("caseInsensitive").get<bool>();
  t.prependBos = j.at("prependBos").get<bool>();
  return t;
}

}  // namespace laminar
