#pragma once
// Results of the logit lens (nostalgebraist 2020): the residual stream after each block, read
// through ln_f and the tied LM head as if it were the last block's output. Plain data (no
// torch), so widgets and files can use it without the engine.
#include <cstdint>
#include <string>
#include <vector>

#include "analysis/target_settings.h"

namespace laminar {

struct LogitLensSettings : TargetSettings {
  int text = 1;           // the text shown token by token (1-based, as on screen)
  int64_t position = -1;  // its token position read through the lens; -1 = the target
  int topK = 5;
};

struct LogitLensLayer {
  int layer = 0;
  // The chosen text and position: the top-k next tokens and their probabilities.
  std::vector<int64_t> topIds;
  std::vector<std::string> topTokens;
  std::vector<double> topProbs;
  // Every text, at its target: the actual next token's probability and rank (1 = top).
  std::vector<double> nextProb;
  std::vector<int64_t> nextRank;
  double meanNextProb = 0, seNextProb = 0;  // over texts; standard error = sd (ddof 1) / sqrt(n)
  double medianNextRank = 0;
  double forwardSeconds = 0, analysisSeconds = 0;
};

struct LogitLensResults {
  LogitLensSettings settings;
  int nLayer = 0;
  int width = 0;
  int64_t vocab = 0;
  // The chosen row: which text (0-based index into the set), which position, its tokens up
  // to that position, and the token that actually follows (-1 when the text ends there).
  // Tokens are BpeTokenizer::tokenLabel's: a piece of a character split between tokens is
  // <0xNN> (results saved before 2026-12-07 hold "�" there).
  int chosenText = 0;
  int64_t chosenPosition = 0;
  std::vector<std::string> chosenTokens;
  // The same tokens decoded together: a character split between tokens is whole here, while
  // each of chosenTokens holds only its own bytes. Empty in results saved before 2026-12-07
  // (the figure's title then joins chosenTokens).
  std::string chosenDecoded;
  int64_t chosenNextId = -1;
  std::string chosenNextToken;
  // One row per text with a target that has a next token, in the set's order.
  std::vector<int> textIndex;
  std::vector<int64_t> position;  // the target's (last) token
  std::vector<int64_t> nextId;    // the token after it
  std::vector<std::string> nextToken;
  std::vector<LogitLensLayer> layers;  // filled in order as layers finish
};

}  // namespace laminar
