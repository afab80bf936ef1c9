#pragma once
// A small synthetic GPT-2 written to a temporary folder and loaded with its tokenizer, and the
// analysis section of a run's results.json: what several analysis tests run on and compare,
// and the bundled example sentence sets.
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "analysis/analysis.h"
#include "analysis/sentence_set.h"
#include "checkpoint/synthetic_checkpoint.h"
#include "model/gpt2_model.h"
#include "test_support.h"
#include "tokenizer/bpe_tokenizer.h"

namespace laminar::test {

struct SyntheticModel {
  TempDir dir;
  std::unique_ptr<Gpt2Model> model;
  std::unique_ptr<BpeTokenizer> tokenizer;
  explicit SyntheticModel(const std::string& shape, uint64_t seed = 5) {
    SyntheticCheckpointOptions o;
    o.config = Gpt2Config::forShape(shape);
    o.seed = seed;
    writeSyntheticCheckpoint(dir.path() / "model", o);
    model = Gpt2Model::load(dir.path() / "model");
    tokenizer = std::make_unique<BpeTokenizer>(BpeTokenizer::fromDirectory(dir.path() / "model"));
  }
};

// One 64x2x4 model (seed 3) for the run tests of a test program, written and loaded once.
inline SyntheticModel& smallSyntheticModel() {
  static SyntheticModel model("64x2x4", 3);
  return model;
}

// A sentence set of resources/examples, e.g. "her.txt".
inline SentenceSet example(const std::string& name) { return loadSentenceSet(sourceDir() / "resources/examples" / name); }

// The analysis's own section of results.json for `r`, as written.
inline nlohmann::json sectionOf(const RunResults& r) { return makeAnalysis(r.experiment)->toJson(r); }

}  // namespace laminar::test
