#pragma once
// Hook-point names as TransformerLens spells them ("blocks.12.attn.hook_q").
#include <optional>
#include <string>
#include <vector>

namespace laminar {

// The per-block hook points, without the "blocks.{l}." prefix, in forward order.
const std::vector<std::string>& blockHookSuffixes();
// "hook_embed", "hook_pos_embed" (before block 0) and "ln_final.hook_normalized", "logits".
const std::vector<std::string>& globalHookPoints();

std::string blockHook(int layer, const std::string& suffix);  // blockHook(3, "attn.hook_q")

struct ParsedHook {
  int layer = -1;      // -1 for global hook points
  std::string suffix;  // "attn.hook_q", or the global name
};
// nullopt if `name` is not a hook point of a model with `nLayer` blocks.
std::optional<ParsedHook> parseHookPoint(const std::string& name, int nLayer);

// Every hook point of a model with nLayer blocks, in forward order.
std::vector<std::string> allHookPoints(int nLayer);

}  // namespace laminar
