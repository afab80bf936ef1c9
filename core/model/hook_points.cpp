#include "model/hook_points.h"

#include <cstdlib>

namespace laminar {

std::string hookName(int layer, HookSuffix suffix) {
  return "blocks." + std::to_string(layer) + "." + suffix.str();
}

const std::vector<HookSuffix>& blockHookSuffixes() {
  using namespace hook;
  static const std::vector<HookSuffix> suffixes = {kResidPre, kLn1Normalized, kAttnQ,         kAttnK,  kAttnV,
                                                   kAttnPattern, kAttnOut,    kResidMid,      kLn2Normalized,
                                                   kMlpPre,   kMlpPost,       kMlpOut,        kResidPost};
  return suffixes;
}

const std::vector<std::string>& globalHookPoints() {
  static const std::vector<std::string> names = {hook::kEmbed, hook::kPosEmbed, hook::kLnFinalNormalized,
                                                 hook::kLogits};
  return names;
}

std::optional<ParsedHook> parseHookPoint(const std::string& name, int nLayer) {
  for (const auto& g : globalHookPoints())
    if (name == g) return ParsedHook{-1, g};
  const std::string prefix = "blocks.";
  if (name.compare(0, prefix.size(), prefix) != 0) return std::nullopt;
  size_t dot = name.find('.', prefix.size());
  if (dot == std::string::npos || dot == prefix.size()) return std::nullopt;
  std::string number = name.substr(prefix.size(), dot - prefix.size());
  if (number.size() > 6 || number.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  if (number.size() > 1 && number[0] == '0') return std::nullopt;
  int layer = std::atoi(number.c_str());
  if (layer < 0 || layer >= nLayer) return std::nullopt;
  std::string suffix = name.substr(dot + 1);
  for (const auto& s : blockHookSuffixes())
    if (suffix == s.c_str()) return ParsedHook{layer, s.str()};
  return std::nullopt;
}

std::vector<std::string> allHookPoints(int nLayer) {
  std::vector<std::string> names = {hook::kEmbed, hook::kPosEmbed};
  for (int l = 0; l < nLayer; ++l)
    for (const auto& s : blockHookSuffixes()) names.push_back(hookName(l, s));
  names.push_back(hook::kLnFinalNormalized);
  names.push_back(hook::kLogits);
  return names;
}

}  // namespace laminar
