#pragma once
// Hook-point names as TransformerLens spells them ("blocks.12.attn.hook_q"), as a vocabulary:
// code names a hook through the constants below, so a misspelt hook is a compile error, not
// an "unknown hook point" at run time. Text from users (--hooks) goes through parseHookPoint.
#include <optional>
#include <string>
#include <vector>

namespace laminar {

// A hook point inside a block, without the "blocks.{l}." prefix ("attn.hook_q"). Only the
// constants in laminar::hook are meant to exist; hookName() accepts nothing else.
class HookSuffix {
 public:
  constexpr explicit HookSuffix(const char* name) : name_(name) {}
  const char* c_str() const { return name_; }
  std::string str() const { return name_; }
  friend bool operator==(HookSuffix a, HookSuffix b) { return std::string(a.name_) == b.name_; }
  friend bool operator!=(HookSuffix a, HookSuffix b) { return !(a == b); }

 private:
  const char* name_;
};

namespace hook {
// Before block 0.
inline constexpr const char* kEmbed = "hook_embed";         // wte[token]      [T, d]
inline constexpr const char* kPosEmbed = "hook_pos_embed";  // wpe[position]   [T, d]
// Inside block l, in forward order (shapes per sequence; H heads, T tokens, d = H * head_dim).
inline constexpr HookSuffix kResidPre{"hook_resid_pre"};             // block input        [T, d]
inline constexpr HookSuffix kLn1Normalized{"ln1.hook_normalized"};   // ln_1(x)            [T, d]
inline constexpr HookSuffix kAttnQ{"attn.hook_q"};                   // heads side by side [T, d]
inline constexpr HookSuffix kAttnK{"attn.hook_k"};                   //                    [T, d]
inline constexpr HookSuffix kAttnV{"attn.hook_v"};                   //                    [T, d]
inline constexpr HookSuffix kAttnPattern{"attn.hook_pattern"};       // softmax probs      [H, T, T]
inline constexpr HookSuffix kAttnOut{"hook_attn_out"};               // attn.c_proj output [T, d]
inline constexpr HookSuffix kResidMid{"hook_resid_mid"};             // x + attn           [T, d]
inline constexpr HookSuffix kLn2Normalized{"ln2.hook_normalized"};   // ln_2(resid_mid)    [T, d]
inline constexpr HookSuffix kMlpPre{"mlp.hook_pre"};                 // c_fc output        [T, 4d]
inline constexpr HookSuffix kMlpPost{"mlp.hook_post"};               // after the gelu     [T, 4d]
inline constexpr HookSuffix kMlpOut{"hook_mlp_out"};                 // mlp.c_proj output  [T, d]
inline constexpr HookSuffix kResidPost{"hook_resid_post"};           // block output       [T, d]
// After the last block.
inline constexpr const char* kLnFinalNormalized = "ln_final.hook_normalized";  // ln_f  [T, d]
inline constexpr const char* kLogits = "logits";                               // tied  [T, vocab]
}  // namespace hook

// "blocks.{layer}.{suffix}": hookName(3, hook::kAttnQ) == "blocks.3.attn.hook_q", as
// TransformerLens's get_act_name("q", 3).
std::string hookName(int layer, HookSuffix suffix);

// The per-block hook points, in forward order.
const std::vector<HookSuffix>& blockHookSuffixes();
// The hook points outside the blocks, in forward order: hook_embed, hook_pos_embed,
// ln_final.hook_normalized, logits.
const std::vector<std::string>& globalHookPoints();

struct ParsedHook {
  int layer = -1;      // -1 for global hook points
  std::string suffix;  // "attn.hook_q", or the global name
};
// nullopt if `name` is not a hook point of a model with `nLayer` blocks.
std::optional<ParsedHook> parseHookPoint(const std::string& name, int nLayer);

// Every hook point of a model with nLayer blocks, in forward order.
std::vector<std::string> allHookPoints(int nLayer);

}  // namespace laminar
