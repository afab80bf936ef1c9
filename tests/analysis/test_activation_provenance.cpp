// Every analysis' saved vectors are the model's activations at the hooks and tokens its results
// name (activation_provenance.h), on a tiny synthetic GPT-2.
#include <gtest/gtest.h>

#include "activation_provenance.h"
#include "analysis/analysis.h"
#include "analysis/run_results.h"
#include "analysis/sentence_set.h"
#include "checkpoint/synthetic_checkpoint.h"
#include "model/gpt2_model.h"
#include "synthetic_model.h"
#include "test_support.h"
#include "tokenizer/bpe_tokenizer.h"

using namespace laminar;

namespace {

laminar::test::SyntheticModel& tiny() {
  static laminar::test::SyntheticModel m("64x2x4");
  return m;
}

void expectProvenance(const std::string& name, bool prependBos) {
  const auto* entry = laminar::test::findProvenance(name);
  ASSERT_NE(entry, nullptr) << "analysis \"" << name
                            << "\" has no activation provenance: describe its saved vectors in "
                               "tests/analysis/activation_provenance.cpp";
  SentenceSet set = loadSentenceSet(laminar::test::sourceDir() / "resources/examples" / entry->exampleSet);
  RunSettings settings;
  settings.experiment = name;
  if (name == "similarity") settings.options["bins"] = 11;  // a cheap run; every other setting at its default
  settings.target.prependBos = prependBos;
  RunResults r = runExperiment(*tiny().model, *tiny().tokenizer, set, settings);
  auto sources = entry->describe(r);
  ASSERT_FALSE(sources.empty());
  EXPECT_TRUE(laminar::test::activationsMatchHooks(*tiny().model, *tiny().tokenizer, set, r, sources)) << name;
}

}  // namespace

// The contract: every registered analysis describes where its vectors come from.
TEST(ActivationProvenance, EveryRegisteredAnalysisIsChecked) {
  for (const auto& name : experimentNames()) {
    SCOPED_TRACE(name);
    expectProvenance(name, false);
  }
}

TEST(ActivationProvenance, HoldsWithEndOfTextPrepended) {
  for (const auto& name : experimentNames()) {
    SCOPED_TRACE(name);
    expectProvenance(name, true);
  }
}

// The checker itself: a row moved by one token, or a site swapped, is reported.
TEST(ActivationProvenance, CheckerCatchesAWrongRowAndASwappedHook) {
  SentenceSet set = loadSentenceSet(laminar::test::sourceDir() / "resources/examples/coffee.txt");
  RunSettings settings;
  settings.experiment = "mi-distance";
  RunResults r = runExperiment(*tiny().model, *tiny().tokenizer, set, settings);
  auto sources = laminar::test::findProvenance("mi-distance")->describe(r);

  auto shifted = sources;
  shifted[0].rows[0].position -= 1;
  auto result = laminar::test::activationsMatchHooks(*tiny().model, *tiny().tokenizer, set, r, shifted);
  EXPECT_FALSE(result);
  EXPECT_NE(std::string(result.message()).find("it equals blocks.0.hook_attn_out at position"), std::string::npos)
      << result.message();

  auto swapped = sources;
  std::swap(swapped[0].hookSuffixes, swapped[1].hookSuffixes);
  result = laminar::test::activationsMatchHooks(*tiny().model, *tiny().tokenizer, set, r, swapped);
  EXPECT_FALSE(result);
  EXPECT_NE(std::string(result.message()).find("it equals blocks.0.hook_attn_out"), std::string::npos)
      << result.message();

  auto missing = sources;
  missing.pop_back();
  EXPECT_FALSE(laminar::test::activationsMatchHooks(*tiny().model, *tiny().tokenizer, set, r, missing));
}
