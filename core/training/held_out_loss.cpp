#include "training/held_out_loss.h"

#include <cmath>

#include "model/gpt2_model.h"
#include "model/hook_points.h"
#include "training/token_corpus.h"
#include "util/error.h"

namespace laminar {

double HeldOutLoss::perplexity() const { return std::exp(meanNats); }

HeldOutLoss measureHeldOutLoss(const Gpt2Model& model, const std::vector<int64_t>& tokens, int64_t context,
                               int64_t maxWindows) {
  if (context < 1 || context > model.config().nPositions)
    throw Error("evaluation context " + std::to_string(context) + " is outside 1..n_positions (" +
                std::to_string(model.config().nPositions) + ")");
  TokenCorpus corpus;
  corpus.tokens = tokens;
  if (static_cast<int64_t>(tokens.size()) < context + 1)
    throw Error("the evaluation text has " + std::to_string(tokens.size()) + " tokens; it needs at least " +
                std::to_string(context + 1));
  constexpr int64_t kWindowsPerRun = 8;  // bounds the vocabulary-wide logits held at once
  double total = 0;
  int64_t count = 0;
  for (const TokenBatch& batch : evaluationBatches(corpus, kWindowsPerRun, context, maxWindows)) {
    std::vector<std::vector<int64_t>> ids;
    for (int64_t i = 0; i < batch.inputs.size(0); ++i) {
      const int64_t* row = batch.inputs[i].data_ptr<int64_t>();
      ids.emplace_back(row, row + context);
    }
    CaptureSpec spec;
    spec.hooks = {hook::kLogits};
    Captures captures = model.run(ids, spec);
    for (int64_t i = 0; i < batch.inputs.size(0); ++i) {
      torch::Tensor logProbs = torch::log_softmax(captures.at(hook::kLogits)[i].to(torch::kFloat64), -1);
      torch::Tensor picked = logProbs.gather(1, batch.targets[i].unsqueeze(1));
      total -= picked.sum().item<double>();
      count += context;
    }
  }
  return {total / static_cast<double>(count), count};
}

}  // namespace laminar
