// Whole runs on a tiny synthetic GPT-2: streaming order, cancellation, the results directory
// round trip, and every saved number recomputed by tools/verify_results.py (numpy, scipy,
// statsmodels, scikit-learn).
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <atomic>
#include <cstdlib>
#include <fstream>

#include <nlohmann/json.hpp>

#include "analysis/analysis.h"
#include "analysis/logit_lens_results.h"
#include "analysis/mi_distance_results.h"
#include "analysis/similarity_results.h"
#include "analysis/run_results.h"
#include "analysis/sentence_set.h"
#include "checkpoint/synthetic_checkpoint.h"
#include "model/gpt2_model.h"
#include "synthetic_model.h"
#include "test_support.h"
#include "tokenizer/bpe_tokenizer.h"
#include "util/atomic_file.h"
#include "util/error.h"

using namespace laminar;
namespace fs = std::filesystem;

namespace {

using laminar::test::example;
using laminar::test::smallSyntheticModel;

int verify(const fs::path& dir) {
  std::string cmd = std::string(LAMINAR_PYTHON) + " " + LAMINAR_SOURCE_DIR + "/tools/verify_results.py '" +
                    dir.string() + "'";
  int rc = std::system(cmd.c_str());
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

using laminar::test::sectionOf;

void expectSameResults(const RunResults& a, const RunResults& b) {
  EXPECT_EQ(a.experiment, b.experiment);
  EXPECT_EQ(a.metadata, b.metadata);
  EXPECT_EQ(a.diagnostics, b.diagnostics);
  EXPECT_EQ(sectionOf(a), sectionOf(b));
  ASSERT_EQ(a.vectors.size(), b.vectors.size());
  for (size_t i = 0; i < a.vectors.size(); ++i) EXPECT_TRUE(a.vectors[i] == b.vectors[i]) << a.vectors[i].name;
}

}  // namespace

TEST(AnalysisRun, SimilarityStreamsLayersInOrderAndVerifies) {
  auto& f = smallSyntheticModel();
  SentenceSet her = example("her.txt");
  RunSettings settings;
  settings.experiment = "similarity";
  settings.options["bins"] = 21;
  std::vector<int> layers, sizes;
  std::vector<RunProgress> progress;
  RunObserver obs;
  obs.onLayer = [&](const RunResults& soFar, int layer) {
    layers.push_back(layer);
    sizes.push_back(static_cast<int>(soFar.get<SimilarityResults>()->layers.size()));
  };
  obs.onProgress = [&](const RunProgress& p) { progress.push_back(p); };
  RunResults r = runExperiment(*f.model, *f.tokenizer, her, settings, obs);
  EXPECT_EQ(layers, (std::vector<int>{0, 1}));
  EXPECT_EQ(sizes, (std::vector<int>{1, 2}));  // layer l is visible as soon as block l is done
  ASSERT_EQ(progress.size(), 2u);
  EXPECT_EQ(progress[1].layersDone, 2);
  EXPECT_EQ(progress[1].remainingSeconds, 0.0);
  ASSERT_TRUE(r.get<SimilarityResults>());
  EXPECT_EQ(r.get<SimilarityResults>()->settings.target, "her");
  EXPECT_EQ(r.get<SimilarityResults>()->layers[0].rows[0], 54);
  EXPECT_EQ(r.get<SimilarityResults>()->layers[0].rows[1], 54);  // no "her" at position 0 or 1 in the example
  EXPECT_EQ(r.metadata["model"]["config"]["n_layer"], 2);
  EXPECT_EQ(r.metadata["sentences"]["sha256"], her.sha256);
  EXPECT_EQ(r.metadata["model"]["weightFiles"][0]["sha256"].get<std::string>().size(), 64u);
  EXPECT_EQ(r.metadata["timings"]["layers"].size(), 2u);

  laminar::test::TempDir out;
  saveResults(r, out.path() / "run");
  EXPECT_EQ(verify(out.path() / "run"), 0);
  expectSameResults(r, loadResults(out.path() / "run"));

  // verify_results.py must be able to fail: nudge one variance by 1e-4 (relative).
  auto j = nlohmann::json::parse(readFile(out.path() / "run/results.json"));
  double& v = j["similarity"]["layers"][1]["nontarget"]["profiles"]["K"]["variance"].get_ref<double&>();
  v *= 1.0001;
  writeFileAtomically(out.path() / "run/results.json", j.dump());
  EXPECT_EQ(verify(out.path() / "run"), 1);
}

TEST(AnalysisRun, MiDistanceHistogramAndKsgVerify) {
  auto& f = smallSyntheticModel();
  SentenceSet coffee = example("coffee.txt");
  for (const char* estimator : {"hist", "ksg"}) {
    RunSettings settings;
    settings.experiment = "mi-distance";
    settings.options["estimator"] = estimator;
    if (std::string(estimator) == "ksg") {
      settings.options["ttest"] = "welch";
      settings.options["z-trim"] = 3.0;
    }
    RunResults r = runExperiment(*f.model, *f.tokenizer, coffee, settings);
    ASSERT_TRUE(r.get<MiDistanceResults>());
    const auto& m = *r.get<MiDistanceResults>();
    EXPECT_EQ(m.occurrencePosition.size(), 8u);
    EXPECT_EQ(m.pairs.size(), 28u);
    ASSERT_EQ(m.layers.size(), 2u);
    EXPECT_EQ(m.pFdr.size(), 2u);
    EXPECT_TRUE(m.complete());
    for (auto& l : m.layers)
      for (auto& s : l.sites) {
        EXPECT_EQ(s.pairMi.size(), 28u);
        EXPECT_TRUE(s.tauUndefined.empty()) << s.tauUndefined;
      }
    laminar::test::TempDir out;
    saveResults(r, out.path() / "mi");
    EXPECT_EQ(verify(out.path() / "mi"), 0) << estimator;
    expectSameResults(r, loadResults(out.path() / "mi"));
    for (const char* table : {"pairs.csv", "profiles.csv", "tests.csv"}) EXPECT_TRUE(fs::exists(out.path() / "mi" / table));
  }
}

TEST(AnalysisRun, MiDistanceWrittenBeforeTheFisherCorrectionsStillLoads) {
  // Results directories from before core stored the Fisher Z corrections: loading derives
  // them exactly as a run computes them.
  auto& f = smallSyntheticModel();
  RunSettings settings;
  settings.experiment = "mi-distance";
  const RunResults r = runExperiment(*f.model, *f.tokenizer, example("coffee.txt"), settings);
  laminar::test::TempDir out;
  saveResults(r, out.path() / "mi");
  const fs::path file = out.path() / "mi" / "results.json";
  nlohmann::json j = nlohmann::json::parse(std::ifstream(file));
  auto& mi = j.at("mi-distance");
  for (const char* key : {"fisherPFdr", "fisherSignificantBonferroni", "fisherSignificantFdr"}) ASSERT_EQ(mi.erase(key), 1u);
  for (auto& layer : mi.at("layers")) ASSERT_EQ(layer.erase("fisherPBonferroni"), 1u);
  std::ofstream(file) << j.dump();
  expectSameResults(r, loadResults(out.path() / "mi"));
}

TEST(AnalysisRun, MiDistanceWrittenBeforeTheControlsStillLoads) {
  // Directories from before issue 10 have no "controls" and none of the new settings: they
  // load as the original analysis (per-pair bins as saved, raw MI compared, no controls).
  auto& f = smallSyntheticModel();
  RunSettings settings;
  settings.experiment = "mi-distance";
  settings.options["bins"] = "fd";
  settings.options["mi-compared"] = "raw";
  settings.options["permutations"] = 19;
  const RunResults r = runExperiment(*f.model, *f.tokenizer, example("coffee.txt"), settings);
  laminar::test::TempDir out;
  saveResults(r, out.path() / "mi");
  const fs::path file = out.path() / "mi" / "results.json";
  nlohmann::json j = nlohmann::json::parse(std::ifstream(file));
  auto& mi = j.at("mi-distance");
  ASSERT_EQ(mi.erase("controls"), 1u);
  for (const char* key : {"biasCorrection", "miCompared", "permutations", "seed", "compareKsg"})
    ASSERT_EQ(mi.at("settings").erase(key), 1u);
  for (auto& layer : mi.at("layers")) ASSERT_EQ(layer.erase("controls"), 1u);
  std::ofstream(file) << j.dump();
  const RunResults old = loadResults(out.path() / "mi");
  const MiDistanceResults& m = *old.get<MiDistanceResults>();
  EXPECT_EQ(m.settings.miCompared, "raw");
  EXPECT_EQ(m.settings.compareKsg, "off");
  EXPECT_TRUE(m.controlsFdr.empty());
  for (const MiLayer& l : m.layers) {
    EXPECT_FALSE(l.hasControls);
    EXPECT_TRUE(l.sites[0].floor.empty());
  }
  // The original statistics are untouched by the controls' removal.
  const MiDistanceResults& full = *r.get<MiDistanceResults>();
  for (size_t l = 0; l < m.layers.size(); ++l) {
    EXPECT_EQ(m.layers[l].t, full.layers[l].t);
    EXPECT_EQ(m.layers[l].sites[1].tau, full.layers[l].sites[1].tau);
    EXPECT_EQ(m.layers[l].sites[0].pairMi, full.layers[l].sites[0].pairMi);
  }
  EXPECT_EQ(m.pFdr, full.pFdr);
  EXPECT_EQ(verify(out.path() / "mi"), 0);
}

TEST(AnalysisRun, CancelLeavesNothingBehind) {
  auto& f = smallSyntheticModel();
  SentenceSet her = example("her.txt");
  RunSettings settings;
  std::atomic<bool> cancel{false};
  RunObserver obs;
  int seen = 0;
  obs.onLayer = [&](const RunResults&, int) {
    ++seen;
    cancel = true;  // the GUI's Cancel button, pressed while block 0's results arrive
  };
  laminar::test::TempDir out;
  const fs::path target = out.path() / "cancelled";
  EXPECT_THROW(
      {
        RunResults r = runExperiment(*f.model, *f.tokenizer, her, settings, obs, &cancel);
        saveResults(r, target);
      },
      Cancelled);
  EXPECT_EQ(seen, 1);
  EXPECT_FALSE(fs::exists(target));
  EXPECT_TRUE(fs::is_empty(out.path()));
  // Cancelled before the first block: no layer at all.
  seen = 0;
  EXPECT_THROW(runExperiment(*f.model, *f.tokenizer, her, settings, obs, &cancel), Cancelled);
  EXPECT_EQ(seen, 0);
}

TEST(AnalysisRun, SavingReplacesAWholeDirectoryAndLoadRefusesOthers) {
  auto& f = smallSyntheticModel();
  RunSettings settings;
  settings.experiment = "mi-distance";
  RunResults r = runExperiment(*f.model, *f.tokenizer, example("coffee.txt"), settings);
  laminar::test::TempDir out;
  fs::create_directories(out.path() / "run");
  std::ofstream(out.path() / "run/stale.txt") << "old";
  saveResults(r, out.path() / "run");
  EXPECT_FALSE(fs::exists(out.path() / "run/stale.txt"));
  EXPECT_TRUE(fs::exists(out.path() / "run/results.json"));
  for (auto& e : fs::directory_iterator(out.path()))
    EXPECT_EQ(e.path().filename(), "run") << "left behind: " << e.path();
  EXPECT_THROW(loadResults(out.path() / "missing"), Error);
  std::ofstream(out.path() / "run/results.json") << "{\"format\": \"something else\"}";
  EXPECT_THROW(loadResults(out.path() / "run"), Error);
}

// The logit lens keeps the chosen text decoded as a whole beside its tokens: Vietnamese "chữ"
// is " ch" and three one-byte tokens, each only a byte when alone; saved and reopened intact.
TEST(AnalysisRun, LogitLensKeepsTheChosenTextWithWholeCharacters) {
  auto& f = smallSyntheticModel();
  RunSettings settings;
  settings.experiment = "logit-lens";
  const SentenceSet set = parseSentenceSet("# target: chữ\nTôi viết chữ, chữ đẹp.\n", "vi.txt");
  RunResults r = runExperiment(*f.model, *f.tokenizer, set, settings);
  const auto& lens = *r.get<LogitLensResults>();
  EXPECT_EQ(lens.chosenDecoded, "Tôi viết chữ");
  std::string joined;
  for (const std::string& t : lens.chosenTokens) joined += t;
  // Each token alone holds only its bytes of "ế" (E1 BA BF) and "ữ" (E1 BB AF), named: why the
  // whole text is kept as well.
  EXPECT_EQ(joined, "Tôi vi<0xE1><0xBA><0xBF>t ch<0xE1><0xBB><0xAF>");
  laminar::test::TempDir out;
  saveResults(r, out.path() / "run");
  EXPECT_EQ(loadResults(out.path() / "run").get<LogitLensResults>()->chosenDecoded, "Tôi viết chữ");
}

// An integer field holding a float far outside int (what the results fuzzer wrote) is refused
// with the file's name, not cast (undefined behaviour) and carried on with.
TEST(AnalysisRun, AnIntegerFieldHoldingAHugeFloatIsRefusedNamingTheFile) {
  auto& f = smallSyntheticModel();
  RunSettings settings;
  settings.experiment = "similarity";
  settings.target.target = "her";
  const RunResults r = runExperiment(*f.model, *f.tokenizer, example("her.txt"), settings);
  laminar::test::TempDir out;
  saveResults(r, out.path() / "run");
  const fs::path jsonPath = out.path() / "run/results.json";
  nlohmann::json j = nlohmann::json::parse(std::ifstream(jsonPath));
  j["similarity"]["layers"][0]["target"]["rows"] = 1e99;
  std::ofstream(jsonPath) << j.dump();
  try {
    loadResults(out.path() / "run");
    FAIL() << "a rows count of 1e99 loaded";
  } catch (const Error& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find(jsonPath.string()), std::string::npos) << message;
    EXPECT_NE(message.find("expected an integer"), std::string::npos) << message;
  }
}

TEST(AnalysisRun, BadInputIsAClearError) {
  auto& f = smallSyntheticModel();
  RunSettings settings;
  settings.experiment = "no-such-experiment";
  SentenceSet her = example("her.txt");
  try {
    runExperiment(*f.model, *f.tokenizer, her, settings);
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("unknown experiment \"no-such-experiment\""), std::string::npos);
  }
  settings.experiment = "similarity";
  settings.target.target = "zebra";
  try {
    runExperiment(*f.model, *f.tokenizer, her, settings);
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("her.txt: no text contains the target \"zebra\""), std::string::npos)
        << e.what();
  }
  settings.experiment = "mi-distance";
  settings.target.target.clear();
  settings.options["bins"] = "many";
  EXPECT_THROW(runExperiment(*f.model, *f.tokenizer, example("coffee.txt"), settings), Error);
  settings.options["bins"] = "fd";
  // "her" occurs once per text: no pairs.
  EXPECT_THROW(runExperiment(*f.model, *f.tokenizer, her, settings), Error);
}
