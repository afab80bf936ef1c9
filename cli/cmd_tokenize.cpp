// laminar-cli tokenize: GPT-2 token ids and character offsets (Unicode code points) of one
// or more texts, as JSON {"ids": [[...]], "offsets": [[[start, end], ...]]}; with --labels
// also each token as the views label it (" chữ": "labels": [[" ch", "<0xE1>", "<0xBB>", "<0xAF>"]]).
#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>

#include "cli/command_registry.h"
#include "tokenizer/bpe_tokenizer.h"
#include "tokenizer/texts_json.h"
#include "tokenizer/tokenizer_location.h"
#include "util/error.h"

namespace laminar::cli {
namespace {

struct TokenizeOptions {
  std::string tokenizer, textsJson;
  std::vector<std::string> texts;  // --text, in the order given
  bool labels = false;             // also print BpeTokenizer::tokenLabel of every token
};

// Names the text a tokenizer error is about: "--text" alone, or which of several.
std::string textArgument(const TokenizeOptions& o, size_t i) {
  return o.texts.size() == 1 ? "--text" : "--text " + std::to_string(i + 1);
}

int runTokenize(const TokenizeOptions& o, bool haveText) {
  // The bundled GPT-2 files unless a tokenizer (or checkpoint) directory is named.
  BpeTokenizer tokenizer = BpeTokenizer::fromDirectory(o.tokenizer.empty() ? tokenizerDirectoryFor({}) : std::filesystem::path(o.tokenizer));
  std::vector<std::string> texts = haveText ? o.texts : readTextsJson(o.textsJson);
  nlohmann::json ids = nlohmann::json::array(), offsets = nlohmann::json::array(), labels = nlohmann::json::array();
  for (size_t i = 0; i < texts.size(); ++i) {
    Encoding encoding;
    try {
      encoding = tokenizer.encode(texts[i]);
    } catch (const Error& e) {
      throw Error(haveText ? textArgument(o, i) + ": " + e.what() : fileError(o.textsJson, "element " + std::to_string(i) + ": " + e.what()));
    }
    ids.push_back(encoding.ids);
    nlohmann::json spans = nlohmann::json::array();
    for (auto [start, end] : encoding.offsets) spans.push_back({start, end});
    offsets.push_back(std::move(spans));
    if (o.labels) {
      nlohmann::json tokenLabels = nlohmann::json::array();
      for (int64_t id : encoding.ids) tokenLabels.push_back(tokenizer.tokenLabel(id));
      labels.push_back(std::move(tokenLabels));
    }
  }
  nlohmann::json out{{"ids", std::move(ids)}, {"offsets", std::move(offsets)}};
  if (o.labels) out["labels"] = std::move(labels);
  std::cout << out.dump() << "\n";
  std::cout.flush();
  if (!std::cout) throw Error("tokenize: cannot write to standard output");
  return 0;
}

RegisterCommand tokenizeCommand([](CLI::App& app) {
  auto options = std::make_shared<TokenizeOptions>();
  auto* sub = app.add_subcommand("tokenize", "GPT-2 token ids and character offsets of texts, as JSON");
  sub->add_option("--tokenizer", options->tokenizer,
                  "directory with vocab.json + merges.txt, encoder.json + vocab.bpe or tokenizer.json, such as a checkpoint; "
                  "default: the bundled GPT-2 tokenizer");
  // One value per --text, so that a text may hold spaces and several texts need one start.
  auto* text = sub->add_option("--text", options->texts, "a text to tokenize; repeat for several")->allow_extra_args(false);
  auto* textsJson = sub->add_option("--texts-json", options->textsJson, "a JSON file holding an array of strings");
  text->excludes(textsJson);
  sub->add_flag("--labels", options->labels,
                "also print each token as the app labels it: whole characters as text, the bytes of a character "
                "split between tokens as <0xNN>");
  return std::function<int()>([options, text] {
    if (text->count() == 0 && options->textsJson.empty()) throw Error("tokenize: give --text STR or --texts-json FILE");
    return runTokenize(*options, text->count() > 0);
  });
});

}  // namespace
}  // namespace laminar::cli
