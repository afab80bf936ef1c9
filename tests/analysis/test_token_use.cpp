// Analysis::tokenUse, what the app's sentence preview colours before Run, against what the run
// actually reads: for every registered analysis, every saved activation row (its activation
// provenance) is a token tokenUse marks, and every target tokenUse marks is a saved row. Where
// the run refuses a sentence set, tokenUse refuses it with the same message.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <utility>

#include "activation_provenance.h"
#include "analysis/analysis.h"
#include "analysis/target_locator.h"
#include "synthetic_model.h"
#include "util/error.h"

using namespace laminar;

namespace {

using Token = std::pair<int, int64_t>;  // text index, position

TokenUse previewOf(const SentenceSet& set, const RunSettings& settings) {
  auto& m = test::smallSyntheticModel();
  const LocatedSet located =
      locateTargets(set, *m.tokenizer, targetOptions(settings.target, m.model->config().nPositions));
  RunSettings asPreview = settings;
  if (asPreview.target.target.empty()) asPreview.target.target = set.target;  // as the sentence panel asks
  return makeAnalysis(settings.experiment)->tokenUse(located, asPreview, sentenceSourceName(set));
}

// The run's metadata counts the tokens of the texts it read and those the forward pass ran:
// a text read whole runs whole, any other up to the last token read (GPT-2 is causal).
// The run's counts (metadata.sentences) and the preview's last computed token of each text
// (TokenUse::lastComputed, from which it fades the rest) against the rows the run saved.
void expectTokensRunAreThoseUpToTheLastRead(const RunResults& r, const SentenceSet& set, const TokenUse& use,
                                            const std::set<Token>& saved, const std::set<int>& wholeTexts) {
  std::map<int, int64_t> lastRead;
  for (const Token& t : saved) lastRead[t.first] = std::max(lastRead[t.first], t.second);
  for (int text : wholeTexts) lastRead[text] = -1;  // the whole text, below
  auto& m = test::smallSyntheticModel();
  int64_t tokens = 0, tokensRun = 0;
  for (const auto& [text, last] : lastRead) {
    const auto length = static_cast<int64_t>(
        test::analysisIds(*m.tokenizer, set, text, r.metadata["target"]["prependBos"].get<bool>()).size());
    tokens += length;
    const int64_t run = wholeTexts.count(text) ? length : last + 1;
    tokensRun += run;
    const auto shown = use.lastComputed.find(text);
    ASSERT_NE(shown, use.lastComputed.end()) << "text " << text + 1 << ": the preview does not say where its run stops";
    EXPECT_EQ(shown->second + 1, run) << "text " << text + 1 << ": the preview fades other tokens than the run skips";
  }
  EXPECT_EQ(use.lastComputed.size(), lastRead.size()) << "the preview shows a text as computed that the run leaves out";
  const nlohmann::json& used = r.metadata["sentences"];
  EXPECT_EQ(used["sequencesUsed"].get<size_t>(), lastRead.size());
  EXPECT_EQ(used["tokens"].get<int64_t>(), tokens);
  EXPECT_EQ(used["tokensRun"].get<int64_t>(), tokensRun);
  // What the preview says before Run ("the model will run N of the M tokens").
  const bool bos = r.metadata["target"]["prependBos"].get<bool>();
  const auto [previewTokens, previewRun] = use.tokensAndTokensRun(
      [&](int text) { return static_cast<int64_t>(test::analysisIds(*m.tokenizer, set, text, bos).size()); });
  EXPECT_EQ(previewTokens, used["tokens"].get<int64_t>());
  EXPECT_EQ(previewRun, used["tokensRun"].get<int64_t>());
}

void expectPreviewShowsWhatTheRunReads(const std::string& exampleSet, const RunSettings& settings) {
  SCOPED_TRACE(settings.experiment + " on " + exampleSet + " " + settings.options.dump() +
               (settings.target.prependBos ? " with <|endoftext|>" : ""));
  const SentenceSet set = test::example(exampleSet);
  const TokenUse use = previewOf(set, settings);
  auto& m = test::smallSyntheticModel();
  const RunResults r = runExperiment(*m.model, *m.tokenizer, set, settings);
  const auto* provenance = test::findProvenance(settings.experiment);
  ASSERT_NE(provenance, nullptr);

  std::set<Token> saved;         // rows whose activations the run saved
  std::set<int> wholeTexts;      // texts saved whole (attention patterns)
  for (const test::VectorSource& v : provenance->describe(r))
    for (const test::TokenRow& row : v.rows) {
      if (v.wholeTensor)
        wholeTexts.insert(row.textIndex);
      else
        saved.insert({row.textIndex, row.position});
    }
  ASSERT_FALSE(saved.empty() && wholeTexts.empty());

  for (int text : wholeTexts) EXPECT_TRUE(use.roles.count(text)) << "text " << text + 1 << " is read whole, not marked";
  for (const Token& t : saved) {
    if (wholeTexts.count(t.first)) continue;  // any row of a text read whole
    const auto text = use.roles.find(t.first);
    EXPECT_TRUE(text != use.roles.end() && text->second.count(t.second))
        << "the run reads text " << t.first + 1 << " at token " << t.second << ", the preview does not mark it";
  }
  for (const auto& [text, roles] : use.roles) {
    for (const auto& [position, role] : roles) {
      if (role != TokenRole::Target || wholeTexts.count(text)) continue;
      EXPECT_TRUE(saved.count({text, position}))
          << "the preview marks text " << text + 1 << " token " << position << " as a target the run does not read";
    }
  }
  expectTokensRunAreThoseUpToTheLastRead(r, set, use, saved, wholeTexts);
}

RunSettings settingsFor(const std::string& experiment, nlohmann::json options = nlohmann::json::object(),
                        bool prependBos = false) {
  RunSettings s;
  s.experiment = experiment;
  s.options = std::move(options);
  if (experiment == "similarity" && !s.options.contains("bins")) s.options["bins"] = 11;  // a cheap run
  s.target.prependBos = prependBos;
  return s;
}

// The message prepare() refuses with, and tokenUse's.
std::pair<std::string, std::string> refusals(const SentenceSet& set, const RunSettings& settings) {
  std::string run, preview;
  auto& m = test::smallSyntheticModel();
  try {
    runExperiment(*m.model, *m.tokenizer, set, settings);
  } catch (const Error& e) {
    run = e.what();
  }
  try {
    previewOf(set, settings);
  } catch (const Error& e) {
    preview = e.what();
  }
  return {run, preview};
}

}  // namespace

TEST(TokenUse, EveryRegisteredAnalysisMarksWhatItsRunReads) {
  for (const test::ProvenanceEntry& entry : test::provenanceTable())
    for (bool bos : {false, true}) expectPreviewShowsWhatTheRunReads(entry.exampleSet, settingsFor(entry.analysis, {}, bos));
  for (const std::string& name : experimentNames())
    EXPECT_NE(test::findProvenance(name), nullptr) << name << " has no provenance entry to check its tokenUse against";
}

// The settings that move the tokens: experiment 1's seed and position 0, the chosen text.
TEST(TokenUse, FollowsTheSettingsThatChooseTokens) {
  expectPreviewShowsWhatTheRunReads("her.txt", settingsFor("similarity", {{"seed", 7}}));
  expectPreviewShowsWhatTheRunReads("her.txt", settingsFor("similarity", {{"seed", 3}, {"allow-position-0", true}}));
  expectPreviewShowsWhatTheRunReads("her.txt", settingsFor("attention-pattern", {{"text", 5}}));
  expectPreviewShowsWhatTheRunReads("her.txt", settingsFor("logit-lens", {{"text", 4}, {"position", 2}}));
  const TokenUse a = previewOf(test::example("her.txt"), settingsFor("similarity", {{"seed", 0}}));
  const TokenUse b = previewOf(test::example("her.txt"), settingsFor("similarity", {{"seed", 1}}));
  EXPECT_NE(a.roles, b.roles);  // another seed, other non-target tokens
  EXPECT_EQ(previewOf(test::example("her.txt"), settingsFor("attention-pattern", {{"text", 5}})).roles.begin()->first, 4);
}

TEST(TokenUse, RefusesWhatTheRunRefusesWithItsMessage) {
  test::TempDir dir;
  const SentenceSet single = loadSentenceSet(dir.write("single.txt", "# target: her\nI saw her there.\nWe met her.\n"));
  const std::vector<std::pair<const SentenceSet*, RunSettings>> cases = {
      {&single, settingsFor("mi-distance")},                        // no pair at all
      {&single, settingsFor("attention-pattern", {{"text", 3}})},  // no third text
      {&single, settingsFor("logit-lens", {{"text", 9}})},
  };
  for (const auto& [set, settings] : cases) {
    SCOPED_TRACE(settings.experiment);
    const auto [run, preview] = refusals(*set, settings);
    EXPECT_FALSE(run.empty());
    EXPECT_EQ(preview, run);
  }
  const SentenceSet one = loadSentenceSet(dir.write("one.txt", "# target: her\nI saw her there.\n"));
  const auto [run, preview] = refusals(one, settingsFor("similarity"));  // one text: no variance
  EXPECT_FALSE(run.empty());
  EXPECT_EQ(preview, run);
}
