// Issue 14 item 8, "Results that scale": 1,000 texts on a model of the bundled demo model's
// shape (6 blocks, width 192) make a results directory under 50 MB that reopens with
// progress, holding what the run computed; directories in the old layout (format version 1,
// the text-by-text matrices as JSON) still open.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>

#include <nlohmann/json.hpp>

#include "analysis/analysis.h"
#include "analysis/mi_distance_results.h"
#include "analysis/results_loading.h"
#include "analysis/run_results.h"
#include "analysis/sentence_set.h"
#include "analysis/similarity_results.h"
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

constexpr double kMaxBytes = 50e6;  // the bound for 1,000 texts

using laminar::test::SyntheticModel;
using laminar::test::sectionOf;

SyntheticModel& demoShaped() {  // resources/demo-model/config.json: n_embd 192, n_layer 6, n_head 6
  static SyntheticModel m("192x6x6");
  return m;
}

// 1,000 texts built from the her.txt example: each with "her" at token position 2 or later.
SentenceSet thousandHerTexts(const laminar::test::TempDir& dir) {
  const char* openers[] = {"In story %d, ", "On day %d, ", "In chapter %d, ", "At hour %d, ", "In letter %d, "};
  std::string text = "# target: her\n";
  std::ifstream in(laminar::test::sourceDir() / "resources/examples/her.txt");
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);)
    if (!line.empty() && line[0] != '#') lines.push_back(line);
  for (int i = 0; i < 1000; ++i) {
    char opener[64];
    std::snprintf(opener, sizeof opener, openers[i % 5], i + 1);
    std::string line = lines[static_cast<size_t>(i) % lines.size()];
    line[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(line[0])));
    text += opener + line + "\n";
  }
  return loadSentenceSet(dir.write("her1000.txt", text));
}

// 1,000 texts with "coffee" twice (one pair each), 0 to 3 clauses apart.
SentenceSet thousandCoffeeTexts(const laminar::test::TempDir& dir) {
  const char* who[] = {"my sister", "the old sailor", "a tired student", "our neighbour",
                       "the baker", "my uncle", "the night nurse", "a quiet painter"};
  const char* where[] = {"market", "office", "harbour", "library", "station", "garden", "kitchen", "square"};
  std::string text = "# target: coffee\n";
  for (int i = 0; i < 1000; ++i) {
    std::string gap;
    for (int k = 0; k < i % 4; ++k) gap += std::string(" and then walked slowly around the ") + where[(i + k) % 8];
    text += "On morning " + std::to_string(i + 1) + ", " + who[i % 8] + " bought coffee at the " + where[(i / 8) % 8] +
            gap + " and later drank the coffee with bread.\n";
  }
  return loadSentenceSet(dir.write("coffee1000.txt", text));
}

uint64_t directoryBytes(const fs::path& dir, bool print) {
  uint64_t total = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) {
      total += e.file_size();
      if (print) std::printf("  %-28s %12llu bytes\n", fs::relative(e.path(), dir).c_str(),
                             static_cast<unsigned long long>(e.file_size()));
    }
  return total;
}

struct Timed {
  RunResults results;
  double seconds = 0;
  std::vector<double> progress;
};

Timed timedLoad(const fs::path& dir) {
  Timed t;
  const auto start = std::chrono::steady_clock::now();
  t.results = loadResults(dir, [&](double f) { t.progress.push_back(f); });
  t.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return t;
}

void expectProgressRises(const std::vector<double>& p) {
  ASSERT_FALSE(p.empty());
  EXPECT_EQ(p.front(), 0.0);
  EXPECT_EQ(p.back(), 1.0);
  for (size_t i = 1; i < p.size(); ++i) EXPECT_GE(p[i], p[i - 1]) << "progress went back at call " << i;
}

// The loaded matrices against the run's: bit for bit (both computed from the same float32
// rows by textSimilarityMatrix on the CPU), 1e-12 at most whatever the BLAS.
void expectSameTextSimilarity(const SimilarityResults& run, const SimilarityResults& loaded) {
  ASSERT_EQ(run.layers.size(), loaded.layers.size());
  size_t values = 0, identical = 0;
  double worst = 0;
  for (size_t l = 0; l < run.layers.size(); ++l)
    for (size_t g = 0; g < kGroups; ++g) {
      const auto& a = run.layers[l].textSimilarity[g];
      const auto& b = loaded.layers[l].textSimilarity[g];
      ASSERT_EQ(a.size(), b.size()) << "layer " << l << " group " << g;
      ASSERT_EQ(a.size(), static_cast<size_t>(run.layers[l].rows[g]) * static_cast<size_t>(run.layers[l].rows[g]));
      for (size_t k = 0; k < a.size(); ++k) {
        worst = std::max(worst, std::abs(a[k] - b[k]));
        identical += std::memcmp(&a[k], &b[k], sizeof(double)) == 0 ? 1 : 0;
      }
      values += a.size();
    }
  std::printf("text-by-text cosine: %zu values, %zu bit-identical to the run's, largest difference %.3g\n", values,
              identical, worst);
  EXPECT_LE(worst, 1e-12);
}

}  // namespace

TEST(ResultsSize, SimilarityOnAThousandTextsIsUnder50MbAndReopensAsRun) {
  SyntheticModel& m = demoShaped();
  laminar::test::TempDir work;
  const SentenceSet texts = thousandHerTexts(work);
  RunSettings settings;
  settings.experiment = "similarity";
  settings.options["summary-replicates"] = 20;  // the summary is in results.json; fewer replicates, same size
  const auto runStart = std::chrono::steady_clock::now();
  RunResults r = runExperiment(*m.model, *m.tokenizer, texts, settings);
  std::printf("run: %.2f s\n", std::chrono::duration<double>(std::chrono::steady_clock::now() - runStart).count());
  const auto& sim = *r.get<SimilarityResults>();
  ASSERT_EQ(sim.layers.size(), 6u);
  ASSERT_EQ(sim.layers[0].rows[0], 1000);
  ASSERT_EQ(sim.layers[0].rows[1], 1000);

  const fs::path dir = work.path() / "run";
  saveResults(r, dir);
  std::printf("results directory of 1,000 texts, 6 layers, width 192:\n");
  const uint64_t bytes = directoryBytes(dir, true);
  std::printf("  total %llu bytes (%.1f MB)\n", static_cast<unsigned long long>(bytes), bytes / 1e6);
  EXPECT_LT(static_cast<double>(bytes), kMaxBytes);
  // The vectors are what must be large (the exact float32 rows); results.json is small.
  EXPECT_LT(fs::file_size(dir / "results.json"), 2'000'000u);

  Timed t = timedLoad(dir);
  std::printf("reopen (loadResults): %.3f s, %zu progress reports\n", t.seconds, t.progress.size());
  expectProgressRises(t.progress);
  EXPECT_EQ(t.results.metadata, r.metadata);
  EXPECT_EQ(sectionOf(t.results), sectionOf(r));
  ASSERT_EQ(t.results.vectors.size(), r.vectors.size());
  for (size_t i = 0; i < r.vectors.size(); ++i) EXPECT_TRUE(t.results.vectors[i] == r.vectors[i]) << r.vectors[i].name;
  expectSameTextSimilarity(sim, *t.results.get<SimilarityResults>());

  // Cancel from the progress callback: loadResults stops and says so.
  EXPECT_THROW(loadResults(dir, [](double f) { if (f > 0.3) throw Cancelled(); }), Cancelled);
}

TEST(ResultsSize, MiDistanceOnAThousandTextsIsUnder50MbAndReopensAsRun) {
  SyntheticModel& m = demoShaped();
  laminar::test::TempDir work;
  const SentenceSet texts = thousandCoffeeTexts(work);
  RunSettings settings;
  settings.experiment = "mi-distance";
  settings.options["permutations"] = 50;  // the nulls' size does not change the files'
  RunResults r = runExperiment(*m.model, *m.tokenizer, texts, settings);
  ASSERT_EQ(r.get<MiDistanceResults>()->pairs.size(), 1000u);
  const fs::path dir = work.path() / "mi";
  saveResults(r, dir);
  std::printf("mi-distance results directory of 1,000 texts (1,000 pairs), 6 layers, width 192:\n");
  const uint64_t bytes = directoryBytes(dir, true);
  std::printf("  total %llu bytes (%.1f MB)\n", static_cast<unsigned long long>(bytes), bytes / 1e6);
  EXPECT_LT(static_cast<double>(bytes), kMaxBytes);
  Timed t = timedLoad(dir);
  std::printf("reopen (loadResults): %.3f s\n", t.seconds);
  expectProgressRises(t.progress);
  EXPECT_EQ(sectionOf(t.results), sectionOf(r));
}

// A directory written before format version 2 (the matrices as JSON rows in results.json)
// loads with those matrices as written, and tools/verify_results.py checks both layouts.
TEST(ResultsSize, OldLayoutWithTheMatricesInJsonStillOpens) {
  SyntheticCheckpointOptions o;
  o.config = Gpt2Config::forShape("64x2x4");
  o.seed = 3;
  laminar::test::TempDir work;
  writeSyntheticCheckpoint(work.path() / "model", o);
  auto model = Gpt2Model::load(work.path() / "model");
  const BpeTokenizer tokenizer = BpeTokenizer::fromDirectory(work.path() / "model");
  RunSettings settings;
  settings.experiment = "similarity";
  settings.options["bins"] = 21;
  settings.options["summary-replicates"] = 0;
  const SentenceSet her = loadSentenceSet(laminar::test::sourceDir() / "resources/examples/her.txt");
  const RunResults r = runExperiment(*model, tokenizer, her, settings);
  const fs::path dir = work.path() / "old";
  saveResults(r, dir);

  // Rewrite results.json as version 1 wrote it.
  auto j = nlohmann::json::parse(readFile(dir / "results.json"));
  ASSERT_EQ(j["formatVersion"], 3);
  j["formatVersion"] = 1;
  const auto& sim = *r.get<SimilarityResults>();
  for (size_t l = 0; l < sim.layers.size(); ++l)
    for (size_t g = 0; g < kGroups; ++g) {
      auto& gj = j["similarity"]["layers"][l][groupKey(static_cast<TokenGroup>(g))];
      ASSERT_TRUE(gj.contains("textSimilarityRowSums"));
      gj.erase("textSimilarityRowSums");
      const auto& s = sim.layers[l].textSimilarity[g];
      const size_t n = static_cast<size_t>(sim.layers[l].rows[g]);
      nlohmann::json rows = nlohmann::json::array();
      for (size_t i = 0; i < n; ++i) rows.push_back(std::vector<double>(s.begin() + i * n, s.begin() + (i + 1) * n));
      gj["textSimilarity"] = std::move(rows);
    }
  writeFileAtomically(dir / "results.json", j.dump(1) + "\n");

  Timed t = timedLoad(dir);
  expectProgressRises(t.progress);
  const auto& loaded = *t.results.get<SimilarityResults>();
  for (size_t l = 0; l < sim.layers.size(); ++l)
    for (size_t g = 0; g < kGroups; ++g)
      EXPECT_EQ(loaded.layers[l].textSimilarity[g], sim.layers[l].textSimilarity[g]) << "layer " << l << " group " << g;

  const std::string verify = std::string(LAMINAR_PYTHON) + " " + LAMINAR_SOURCE_DIR + "/tools/verify_results.py --quiet '";
  int rc = std::system((verify + dir.string() + "'").c_str());
  EXPECT_TRUE(WIFEXITED(rc) && WEXITSTATUS(rc) == 0) << "verify_results.py on the version 1 layout";

  // A matrix of the wrong size in an old file is an error, not a crash in a view.
  j["similarity"]["layers"][0]["target"]["textSimilarity"].erase(0);
  writeFileAtomically(dir / "results.json", j.dump());
  EXPECT_THROW(loadResults(dir), Error);
}
