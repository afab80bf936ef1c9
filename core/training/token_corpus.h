#pragma once
// The token stream a GPT-2 is trained or evaluated on: documents tokenized with the GPT-2
// tokenizer and joined with <|endoftext|>, as GPT-2's own training data was.
#include "util/torch_api.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace laminar {

class BpeTokenizer;

struct TokenCorpus {
  std::vector<int64_t> tokens;  // doc0 <eot> doc1 <eot> ...
  int64_t documents = 0;
  std::filesystem::path source;
};

// Reads a JSON array of documents (strings), tokenizes each (in parallel) and joins them,
// each followed by the end-of-text token. Throws laminar::Error naming the file for a
// defect or a corpus too short for one sequence of `minTokens`.
TokenCorpus loadTokenCorpus(const std::filesystem::path& textsJson, const BpeTokenizer& tokenizer,
                            int64_t minTokens);

// One training batch: inputs and next-token targets, both [batch, context].
struct TokenBatch {
  torch::Tensor inputs;
  torch::Tensor targets;
};

// The batch of training step `step`: `batch` windows of context + 1 tokens at offsets drawn
// uniformly from a generator seeded by (seed, step), so the data order is fixed by the
// seed and a resumed run sees exactly the batches the uninterrupted run would have seen.
TokenBatch trainingBatch(const TokenCorpus& corpus, int64_t batch, int64_t context, uint64_t seed, int64_t step);

// Evaluation windows of context + 1 tokens starting every `context` tokens, so every token
// after the first is predicted exactly once (the final partial window is dropped). At most
// `maxWindows` windows (0 = all), spread evenly over the corpus.
std::vector<TokenBatch> evaluationBatches(const TokenCorpus& corpus, int64_t batch, int64_t context,
                                          int64_t maxWindows = 0);

}  // namespace laminar
