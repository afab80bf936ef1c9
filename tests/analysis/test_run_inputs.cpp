// openRunInputs: what the app and the CLI both use to open a run's model, tokenizer and
// sentences.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "analysis/run_inputs.h"
#include "checkpoint/synthetic_checkpoint.h"
#include "test_support.h"
#include "tokenizer/bpe_tokenizer.h"
#include "tokenizer/tokenizer_location.h"
#include "util/atomic_file.h"
#include "util/data_paths.h"
#include "util/error.h"

using namespace laminar;
namespace fs = std::filesystem;

namespace {

fs::path syntheticModel(const laminar::test::TempDir& dir, const std::string& name) {
  SyntheticCheckpointOptions o;
  o.config = Gpt2Config::forShape("64x2x4");
  o.seed = 5;
  writeSyntheticCheckpoint(dir.path() / name, o);
  return dir.path() / name;
}

RunInputSources sourcesFor(const fs::path& model, const fs::path& sentences) {
  RunInputSources s;
  s.modelDirectory = model;
  s.sentencePath = sentences;
  return s;
}

}  // namespace

TEST(RunInputs, KeepsTheLoadedModelForTheSameCheckpointAndOptionsOnly) {
  laminar::test::TempDir dir;
  const fs::path model = syntheticModel(dir, "m");
  const fs::path text = dir.write("t.txt", "# target: cat\nthe cat sat\n");
  std::vector<InputStage> stages;
  auto record = [&](InputStage s) { stages.push_back(s); };
  RunInputs first = openRunInputs(sourcesFor(model, text), nullptr, record);
  ASSERT_EQ(stages.size(), 2u);
  EXPECT_EQ(stages[0], InputStage::LoadingModel);
  EXPECT_EQ(stages[1], InputStage::LoadingTokenizer);

  stages.clear();
  RunInputs second = openRunInputs(sourcesFor(model, text), &first, record);
  EXPECT_TRUE(stages.empty());
  EXPECT_EQ(second.model.get(), first.model.get());
  EXPECT_EQ(second.tokenizer.get(), first.tokenizer.get());
  EXPECT_NE(second.sentences.get(), first.sentences.get());  // the file is read again: it may have changed

  RunInputSources other = sourcesFor(model, text);
  other.modelOptions.threads = 1;
  RunInputs third = openRunInputs(other, &second, record);
  EXPECT_EQ(stages.size(), 2u);
  EXPECT_EQ(second.model, nullptr);  // released before loading the new one
  EXPECT_NE(third.model.get(), nullptr);
}

TEST(RunInputs, UsesTheSetTheCallerParsedWithoutReadingTheFile) {
  laminar::test::TempDir dir;
  const fs::path model = syntheticModel(dir, "m");
  auto parsed = std::make_shared<const SentenceSet>(parseSentenceSet("# target: dog\na dog ran\n", dir.path() / "gone.txt"));
  RunInputSources s = sourcesFor(model, dir.path() / "gone.txt");  // no such file
  s.parsedSentences = parsed;
  const RunInputs in = openRunInputs(s);
  EXPECT_EQ(in.sentences.get(), parsed.get());
}

TEST(RunInputs, ABadSentenceFileIsReportedBeforeTheModelIsLoaded) {
  laminar::test::TempDir dir;
  const fs::path missing = dir.path() / "no-model";
  const fs::path bad = dir.write("bad.txt", "");
  bool loadedModel = false;
  try {
    openRunInputs(sourcesFor(missing, bad), nullptr, [&](InputStage s) { loadedModel |= s == InputStage::LoadingModel; });
    FAIL() << "an empty sentence file was accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("bad.txt"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(loadedModel);
}

TEST(RunInputs, ACheckpointWithoutTokenizerFilesGetsTheBundledTokenizer) {
  laminar::test::TempDir dir;
  const fs::path model = syntheticModel(dir, "m");
  EXPECT_EQ(tokenizerDirectoryFor(model), model);
  EXPECT_EQ(tokenizerDirectoryFor(dir.path()), findDataPath("tokenizer"));
  EXPECT_EQ(tokenizerDirectoryFor({}), findDataPath("tokenizer"));
}

// A checkpoint that ships only Hugging Face's tokenizer.json (no vocab.json + merges.txt) runs
// on that tokenizer, not on the bundled one: here one whose merges lack "Ġc at", so " cat"
// tokenizes differently from GPT-2's.
TEST(RunInputs, ACheckpointWithOnlyTokenizerJsonRunsOnItsOwnTokenizer) {
  laminar::test::TempDir dir;
  const fs::path model = syntheticModel(dir, "m");
  const fs::path bundled = findDataPath("tokenizer");
  nlohmann::json vocab = nlohmann::json::parse(readFile(bundled / "vocab.json"));
  vocab.erase("<|endoftext|>");
  std::istringstream lines(readFile(bundled / "merges.txt"));
  nlohmann::json merges = nlohmann::json::array();
  size_t dropped = 0;
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line.rfind("#version", 0) == 0) continue;
    if (line == "\u0120c at") {
      ++dropped;
      continue;
    }
    merges.push_back(line);
  }
  ASSERT_EQ(dropped, 1u);
  const nlohmann::json tokenizerJson = {
      {"added_tokens", {{{"id", 50256}, {"content", "<|endoftext|>"}, {"special", true}}}},
      {"pre_tokenizer", {{"type", "ByteLevel"}, {"add_prefix_space", false}}},
      {"model", {{"type", "BPE"}, {"vocab", vocab}, {"merges", merges}}}};
  fs::remove(model / "vocab.json");
  fs::remove(model / "merges.txt");
  std::ofstream(model / "tokenizer.json") << tokenizerJson.dump();

  const fs::path text = dir.write("t.txt", "# target: cat\nthe cat sat\n");
  const RunInputs in = openRunInputs(sourcesFor(model, text));
  const std::vector<int64_t> ours = in.tokenizer->encode("the cat sat").ids;
  EXPECT_EQ(ours, BpeTokenizer::fromTokenizerJson(model / "tokenizer.json").encode("the cat sat").ids);
  EXPECT_NE(ours, BpeTokenizer::fromDirectory(bundled).encode("the cat sat").ids);
  EXPECT_EQ(tokenizerDirectoryFor(in.model->files().tokenizerDirectory), model);
}
