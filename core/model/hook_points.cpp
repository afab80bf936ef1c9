#include "model/hook_points.h"

#include <cstdlib>

namespace laminar {

const std::vector<std::string>& blockHookSuffixes() {
  static const std::vector<std::string> suffixes = {
      "hook_resid_pre", "ln1.hook_normalized", "attn.hook_q",         "attn.hook_k",   "attn.hook_v",
      "attn.hook_pattern", "hook_attn_out",    "hook_resid_mid",      "ln2.hook_normalized",
      "mlp.hook_pre",   "mlp.hook_post",       "hook_mlp_out",        "hook_resid_post"};
  return suffixes;
}

const std::vector<std::string>& globalHookPoints() {
  static const std::vector<std::string> names = {"hook_embed", "hook_pos_embed", "ln_final.hook_normalized",
                                                 "logits"};
  return names;
}

std::string blockHook(int layer, const std::string& suffix) {
  return "blocks." + std::to_string(layer) + "." + suffix;
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
    if (suffix == s) return ParsedHook{layer, s};
  return std::nullopt;
}

std::vector<std::string> allHookPoints(int nLayer) {
  std::vector<std::string> names = {"hook_embed", "hook_pos_embed"};
  for (int l = 0; l < nLayer; ++l)
    for (const auto& s : blockHookSuffixes()) names.push_back(blockHook(l, s));
  names.push_back("ln_final.hook_normalized");
  names.push_back("logits");
  return names;
}

}  // namespace laminar
