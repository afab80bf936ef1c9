// laminar-cli perplexity: held-out next-token loss of a checkpoint, computed through the same
// inference path the app uses (Gpt2Model::run logits), for model cards and comparisons.
#include <cstdio>
#include <memory>

#include <nlohmann/json.hpp>

#include "cli/cli_common.h"
#include "cli/command_registry.h"
#include "model/gpt2_model.h"
#include "tokenizer/bpe_tokenizer.h"
#include "tokenizer/texts_json.h"
#include "training/held_out_loss.h"

namespace {

laminar::cli::RegisterCommand perplexityCommand([](CLI::App& app) {
  auto* sub = app.add_subcommand("perplexity", "Held-out loss and perplexity of a checkpoint on documents");
  auto model = std::make_shared<std::string>(), texts = std::make_shared<std::string>();
  auto context = std::make_shared<int64_t>(0), windows = std::make_shared<int64_t>(0);
  auto maxTokens = std::make_shared<int64_t>(0);
  auto asJson = std::make_shared<bool>(false);
  sub->add_option("--model", *model, "Checkpoint directory")->required();
  sub->add_option("--texts-json", *texts, "Documents: a JSON array of strings, joined with <|endoftext|>")->required();
  sub->add_option("--context", *context, "Window length (0 = n_positions)")->capture_default_str();
  sub->add_option("--max-windows", *windows, "Evaluate at most N windows (0 = all)")->capture_default_str();
  sub->add_option("--max-tokens", *maxTokens, "Use only the first N tokens of the documents (0 = all)")
      ->capture_default_str();
  sub->add_flag("--json", *asJson, "Print JSON");
  return std::function<int()>([=] {
    using namespace laminar;
    auto m = Gpt2Model::load(*model);
    BpeTokenizer tokenizer = cli::tokenizerForCheckpoint(m->files());
    std::vector<int64_t> tokens;
    for (const auto& doc : readTextsJson(*texts)) {
      auto ids = tokenizer.encodeIds(doc);
      tokens.insert(tokens.end(), ids.begin(), ids.end());
      tokens.push_back(tokenizer.eosTokenId());
    }
    if (*maxTokens > 0 && *maxTokens < static_cast<int64_t>(tokens.size())) tokens.resize(*maxTokens);
    const int64_t ctx = *context > 0 ? *context : m->config().nPositions;
    HeldOutLoss loss = measureHeldOutLoss(*m, tokens, ctx, *windows);
    if (*asJson) {
      std::printf("%s\n", nlohmann::json({{"model", *model}, {"texts", *texts}, {"context", ctx},
                                          {"tokens", loss.tokens}, {"loss_nats", loss.meanNats},
                                          {"perplexity", loss.perplexity()}})
                              .dump(2)
                              .c_str());
    } else {
      std::printf("%s: loss %.4f nats/token, perplexity %.2f over %lld predicted tokens (context %lld)\n",
                  model->c_str(), loss.meanNats, loss.perplexity(), static_cast<long long>(loss.tokens),
                  static_cast<long long>(ctx));
    }
    return 0;
  });
});

}  // namespace
