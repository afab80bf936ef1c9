#pragma once
// Results of the attention-pattern analysis: blocks.{l}.attn.hook_pattern of one chosen
// text, every head, and per layer the attention the target token pays to each earlier token.
// Plain data (no torch), so widgets and files can use it without the engine.
#include <cstdint>
#include <string>
#include <vector>

#include "analysis/target_settings.h"

namespace laminar {

struct AttentionPatternSettings : TargetSettings {
  int text = 1;  // the text shown (1-based, as on screen)
};

struct AttentionPatternLayer {
  int layer = 0;
  // [head][query][key], row-major: softmax weights, each query row sums to 1, zero above
  // the diagonal (causal). Stored in vectors.safetensors ("layer{l}.pattern"), not in JSON.
  std::vector<float> pattern;
  // Mean over heads of the target's query row: how much attention the target token pays to
  // each token (itself included), [tokens].
  std::vector<double> targetMass;
  double forwardSeconds = 0, analysisSeconds = 0;
};

struct AttentionPatternResults {
  AttentionPatternSettings settings;
  int nLayer = 0;
  int nHead = 0;
  int width = 0;
  int text = 0;                      // 0-based index into the set
  int64_t targetPosition = 0;        // the target's (last) token in that text
  // The text's tokens, as the model saw them (BpeTokenizer::tokenLabel: the bytes of a
  // character split between tokens as <0xNN>; "�" in results saved before 2026-12-07).
  std::vector<std::string> tokens;
  std::vector<AttentionPatternLayer> layers;  // filled in order as layers finish
  int64_t length() const { return static_cast<int64_t>(tokens.size()); }
  // pattern[head][query][key] of one layer.
  float weight(const AttentionPatternLayer& l, int head, int64_t query, int64_t key) const {
    const int64_t t = length();
    return l.pattern[static_cast<size_t>((head * t + query) * t + key)];
  }
};

}  // namespace laminar
