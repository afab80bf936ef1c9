#pragma once
// Which tokens an analysis reads, known from the sentence set and the settings alone (no
// model): the app's sentence preview colours them before Run and shows the selection's
// warnings under their texts, so that what the preview shows is what the run reads. Each
// analysis derives it with the same selection its prepare() uses.
#include <algorithm>
#include <cstdint>
#include <map>
#include <utility>
#include <vector>

#include "analysis/sentence_set.h"

namespace laminar {

enum class TokenRole {
  Target,    // a target occurrence the analysis reads (its last token)
  Compared,  // the token it is set against: experiment 1's non-target, the logit lens's next token
  Focus,     // a position a view reads token by token (the logit lens's chosen position)
};

struct TokenUse {
  // Text index -> token position -> role. A text the locator keeps but that is missing here
  // is one this analysis does not read (e.g. every text but the chosen one).
  std::map<int, std::map<int64_t, TokenRole>> roles;
  std::vector<Diagnostic> diagnostics;  // the selection's warnings, by the texts' lines
  // Text index -> the last token of it the forward pass computes. GPT-2 is causal: no token
  // changes an earlier one's activations, so a run stops each text at the last token whose
  // activations it reads (CaptureSpec::skipTokensAfterLastPosition); the preview fades the
  // rest. A text read here but missing from this map is computed whole.
  std::map<int, int64_t> lastComputed;

  // Marks `position` of `text` with `role` as a token whose activations the run reads, so the
  // run computes the text at least up to it.
  void read(int text, int64_t position, TokenRole role) {
    roles[text][position] = role;
    const auto [last, fresh] = lastComputed.try_emplace(text, position);
    if (!fresh) last->second = std::max(last->second, position);
  }

  // The run's token counts before the run (its metadata.sentences `tokens` and `tokensRun`):
  // the tokens of the texts read here, and those the forward pass computes. `length(text)` is
  // a text's token count as the run sees it (the located ids).
  template <class Length>
  std::pair<int64_t, int64_t> tokensAndTokensRun(Length length) const {
    int64_t tokens = 0, run = 0;
    for (const auto& [text, positions] : roles) {
      const int64_t n = length(text);
      const auto last = lastComputed.find(text);
      tokens += n;
      run += last == lastComputed.end() ? n : std::min(n, last->second + 1);
    }
    return {tokens, run};
  }
};

}  // namespace laminar
