#pragma once
// Next-token loss of a loaded model on a token stream, measured through the inference path
// (Gpt2Model::run), i.e. what Laminar itself computes from the checkpoint.
#include <cstdint>
#include <vector>

namespace laminar {

class Gpt2Model;

struct HeldOutLoss {
  double meanNats = 0;   // mean cross-entropy per predicted token
  int64_t tokens = 0;    // predicted tokens
  double perplexity() const;
};

// Windows of context + 1 tokens starting every `context` tokens (every token after the first
// predicted once, each with up to `context` tokens of history within its window); at most
// `maxWindows` (0 = all), spread evenly over the stream.
HeldOutLoss measureHeldOutLoss(const Gpt2Model& model, const std::vector<int64_t>& tokens, int64_t context,
                               int64_t maxWindows = 0);

}  // namespace laminar
