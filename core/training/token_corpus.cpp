#include "training/token_corpus.h"

#include <ATen/CPUGeneratorImpl.h>
#include <ATen/Parallel.h>

#include "tokenizer/bpe_tokenizer.h"
#include "tokenizer/texts_json.h"
#include "util/error.h"

namespace laminar {

TokenCorpus loadTokenCorpus(const std::filesystem::path& textsJson, const BpeTokenizer& tokenizer, int64_t minTokens) {
  const std::vector<std::string> documents = readTextsJson(textsJson);
  const int64_t eot = tokenizer.eosTokenId();
  if (eot < 0) throw Error("the tokenizer has no <|endoftext|> token; GPT-2 training joins documents with it");
  std::vector<std::vector<int64_t>> encoded(documents.size());
  at::parallel_for(0, static_cast<int64_t>(documents.size()), 1, [&](int64_t begin, int64_t end) {
    for (int64_t i = begin; i < end; ++i) encoded[i] = tokenizer.encodeIds(documents[i]);
  });
  TokenCorpus corpus;
  corpus.source = textsJson;
  corpus.documents = static_cast<int64_t>(documents.size());
  for (const auto& ids : encoded) {
    corpus.tokens.insert(corpus.tokens.end(), ids.begin(), ids.end());
    corpus.tokens.push_back(eot);
  }
  if (static_cast<int64_t>(corpus.tokens.size()) < minTokens + 1)
    throw Error(fileError(textsJson.string(), "has " + std::to_string(corpus.tokens.size()) +
                                                  " tokens; training needs at least " + std::to_string(minTokens + 1) +
                                                  " (one sequence of the context length plus its next token)"));
  return corpus;
}

namespace {

uint64_t mixSeed(uint64_t seed, int64_t step) {
  uint64_t x = seed * 0x9e3779b97f4a7c15ull + static_cast<uint64_t>(step) + 0x632be59bd9b4e019ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

TokenBatch windowsAt(const TokenCorpus& corpus, const std::vector<int64_t>& starts, int64_t context) {
  const int64_t n = static_cast<int64_t>(starts.size());
  torch::Tensor window = torch::empty({n, context + 1}, torch::kLong);
  int64_t* out = window.data_ptr<int64_t>();
  for (int64_t i = 0; i < n; ++i)
    std::copy_n(corpus.tokens.data() + starts[i], context + 1, out + i * (context + 1));
  return {window.narrow(1, 0, context).contiguous(), window.narrow(1, 1, context).contiguous()};
}

}  // namespace

TokenBatch trainingBatch(const TokenCorpus& corpus, int64_t batch, int64_t context, uint64_t seed, int64_t step) {
  const int64_t positions = static_cast<int64_t>(corpus.tokens.size()) - context;  // valid starts: [0, positions)
  auto gen = at::make_generator<at::CPUGeneratorImpl>(mixSeed(seed, step));
  torch::Tensor starts = torch::randint(positions, {batch}, gen, torch::kLong);
  std::vector<int64_t> s(starts.data_ptr<int64_t>(), starts.data_ptr<int64_t>() + batch);
  return windowsAt(corpus, s, context);
}

std::vector<TokenBatch> evaluationBatches(const TokenCorpus& corpus, int64_t batch, int64_t context, int64_t maxWindows) {
  const int64_t total = (static_cast<int64_t>(corpus.tokens.size()) - 1) / context;
  const int64_t count = maxWindows > 0 ? std::min(total, maxWindows) : total;
  std::vector<int64_t> starts;
  for (int64_t i = 0; i < count; ++i) starts.push_back((i * total / count) * context);
  std::vector<TokenBatch> batches;
  for (size_t i = 0; i < starts.size(); i += static_cast<size_t>(batch)) {
    std::vector<int64_t> part(starts.begin() + i, starts.begin() + std::min(starts.size(), i + batch));
    batches.push_back(windowsAt(corpus, part, context));
  }
  return batches;
}

}  // namespace laminar
