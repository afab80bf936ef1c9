// Synthetic checkpoints: complete Hugging Face layout, marked random everywhere, loadable,
// the same values as generated, deterministic per seed and different across seeds.
#include <gtest/gtest.h>
#include <unistd.h>

#include "checkpoint/checkpoint.h"
#include "checkpoint/synthetic_checkpoint.h"
#include "checkpoint/synthetic_tensor.h"
#include "checkpoint_test_util.h"
#include "io/safetensors.h"
#include "util/atomic_file.h"
#include "util/sha256.h"

namespace fs = std::filesystem;
using namespace laminar;
using namespace laminar::test;
using nlohmann::json;

namespace {

const fs::path kTokenizer = fs::path(LAMINAR_SHARED_DIR) / "gpt2-tokenizer";

SyntheticCheckpointOptions smallOptions(uint64_t seed) {
  SyntheticCheckpointOptions o;
  o.config = Gpt2Config::forShape("64x2x4");
  o.seed = seed;
  o.tokenizerSource = kTokenizer;
  return o;
}

class SyntheticTest : public ::testing::Test {
 protected:
  static void TearDownTestSuite() { removeScratch(); }
};

TEST_F(SyntheticTest, WritesACompleteCheckpointMarkedRandom) {
  fs::path out = scratchDir("synthetic") / "model";
  double lastProgress = 0;
  auto options = smallOptions(1);
  options.progress = [&](double f) {
    EXPECT_GE(f, lastProgress);
    lastProgress = f;
  };
  writeSyntheticCheckpoint(out, options);
  EXPECT_DOUBLE_EQ(lastProgress, 1.0);
  for (const char* f : {"config.json", "model.safetensors", "vocab.json", "merges.txt"})
    EXPECT_TRUE(fs::is_regular_file(out / f)) << f;
  EXPECT_EQ(sha256OfFile(out / "vocab.json"), sha256OfFile(kTokenizer / "encoder.json"));
  EXPECT_EQ(sha256OfFile(out / "merges.txt"), sha256OfFile(kTokenizer / "vocab.bpe"));
  // Nothing else next to it (no temporary folder left behind).
  EXPECT_EQ(std::distance(fs::directory_iterator(out.parent_path()), fs::directory_iterator()), 1);

  json config = json::parse(readFile(out / "config.json"));
  EXPECT_EQ(config["model_type"], "gpt2");
  EXPECT_EQ(config["n_embd"], 64);
  EXPECT_EQ(config["n_layer"], 2);
  EXPECT_EQ(config["n_head"], 4);
  EXPECT_EQ(config["laminar_synthetic_weights"], true);
  EXPECT_NE(config["laminar_note"].get<std::string>().find("random"), std::string::npos);

  CheckpointFiles files = locateCheckpoint(out);
  EXPECT_EQ(files.tokenizerDirectory, out);
  Gpt2Config c = Gpt2Config::fromFile(files.config);
  EXPECT_TRUE(c.syntheticWeights);
  EXPECT_EQ(c.shapeName(), "64x2x4");
  auto file = SafetensorsFile::open(files.weightFiles.at(0));
  EXPECT_EQ(file->metadata().at("laminar_synthetic_weights"), "true");
  EXPECT_EQ(file->metadata().at("laminar_seed"), "1");
  EXPECT_NE(file->find("transformer.h.1.mlp.c_fc.weight"), nullptr);  // the key style save_pretrained writes

  // Loaded values are exactly the generated ones.
  Gpt2Weights w = loadGpt2Weights(files, c);
  EXPECT_TRUE(torch::equal(w.wte, syntheticTensor(c, 1, "wte.weight", {50257, 64})));
  EXPECT_TRUE(torch::equal(w.blocks[1].fcWeight, syntheticTensor(c, 1, "h.1.mlp.c_fc.weight", {64, 256})));
  EXPECT_TRUE(torch::equal(w.blocks[0].ln2Weight, syntheticTensor(c, 1, "h.0.ln_2.weight", {64})));
  EXPECT_TRUE(torch::equal(w.lnFBias, syntheticTensor(c, 1, "ln_f.bias", {64})));
  CheckpointTensors stored = openCheckpointTensors(files, c);
  for (const auto& t : stored.parameters)
    EXPECT_TRUE(torch::equal(tensorToFloat32(t), syntheticTensor(c, 1, t.name, t.view->shape))) << t.name;
}

TEST_F(SyntheticTest, ValuesLookLikeAFreshlyInitialisedGpt2) {
  Gpt2Config c = Gpt2Config::forShape("64x2x4");
  torch::Tensor m = syntheticTensor(c, 3, "h.0.attn.c_attn.weight", {64, 192});
  EXPECT_NEAR(m.mean().item<double>(), 0, 0.002);
  EXPECT_NEAR(m.std().item<double>(), 0.02, 0.001);
  torch::Tensor g = syntheticTensor(c, 3, "h.0.ln_1.weight", {64});
  EXPECT_NEAR(g.mean().item<double>(), 1, 0.01);
  EXPECT_GT(g.std().item<double>(), 0.005);
  torch::Tensor b = syntheticTensor(c, 3, "h.0.mlp.c_fc.bias", {256});
  EXPECT_GT(b.abs().min().item<double>(), 0);  // non-zero biases, so every parameter matters
  EXPECT_NEAR(b.std().item<double>(), 0.01, 0.002);
  EXPECT_FALSE(torch::equal(m, syntheticTensor(c, 3, "h.1.attn.c_attn.weight", {64, 192})));
}

TEST_F(SyntheticTest, DeterministicPerSeedDifferentAcrossSeeds) {
  fs::path root = scratchDir("seeds");
  writeSyntheticCheckpoint(root / "a", smallOptions(42));
  writeSyntheticCheckpoint(root / "b", smallOptions(42));
  writeSyntheticCheckpoint(root / "c", smallOptions(43));
  EXPECT_EQ(sha256OfFile(root / "a" / "model.safetensors"), sha256OfFile(root / "b" / "model.safetensors"));
  EXPECT_NE(sha256OfFile(root / "a" / "model.safetensors"), sha256OfFile(root / "c" / "model.safetensors"));
  Gpt2Config c = Gpt2Config::forShape("64x2x4");
  EXPECT_FALSE(torch::equal(syntheticTensor(c, 42, "wpe.weight", {1024, 64}), syntheticTensor(c, 43, "wpe.weight", {1024, 64})));
  // Overwriting an existing checkpoint replaces it whole.
  writeSyntheticCheckpoint(root / "a", smallOptions(43));
  EXPECT_EQ(sha256OfFile(root / "a" / "model.safetensors"), sha256OfFile(root / "c" / "model.safetensors"));
}

TEST_F(SyntheticTest, CancelledOrFailedWritesLeaveNothing) {
  fs::path root = scratchDir("cancel");
  std::atomic<bool> cancel{false};
  auto options = smallOptions(1);
  options.cancel = &cancel;
  options.progress = [&](double f) {
    if (f > 0.3) cancel = true;
  };
  EXPECT_THROW(writeSyntheticCheckpoint(root / "m", options), Cancelled);
  EXPECT_TRUE(fs::is_empty(root));
  auto bad = smallOptions(1);
  bad.tokenizerSource = root / "no-tokenizer-here";
  std::string message = errorOf([&] { writeSyntheticCheckpoint(root / "m", bad); });
  EXPECT_NE(message.find("no tokenizer files"), std::string::npos) << message;
  EXPECT_TRUE(fs::is_empty(root));
}

// A tokenizer given as Hugging Face's tokenizer.json alone is copied as it is, and the
// checkpoint's own tokenizer is then that file.
TEST_F(SyntheticTest, ATokenizerJsonSourceIsCopied) {
  fs::path root = scratchDir("tokenizer-json");
  fs::create_directories(root / "source");
  writeFileAtomically(root / "source" / "tokenizer.json", "{\"model\": {}}");
  auto options = smallOptions(2);
  options.tokenizerSource = root / "source";
  writeSyntheticCheckpoint(root / "m", options);
  EXPECT_EQ(readFile(root / "m" / "tokenizer.json"), "{\"model\": {}}");
  EXPECT_FALSE(fs::exists(root / "m" / "vocab.json"));
  EXPECT_EQ(locateCheckpoint(root / "m").tokenizerDirectory, root / "m");
}

TEST_F(SyntheticTest, RefusesToReplaceAnythingButASyntheticCheckpoint) {
  fs::path root = scratchDir("replace");
  fs::create_directories(root / "real-model");
  writeFileAtomically(root / "real-model" / "config.json", "{\"n_embd\": 768}");
  std::string message = errorOf([&] { writeSyntheticCheckpoint(root / "real-model", smallOptions(1)); });
  EXPECT_NE(message.find("is not a synthetic checkpoint; refusing to replace it"), std::string::npos) << message;
  EXPECT_TRUE(fs::exists(root / "real-model" / "config.json"));
  writeFileAtomically(root / "a-file", "x");
  message = errorOf([&] { writeSyntheticCheckpoint(root / "a-file", smallOptions(1)); });
  EXPECT_NE(message.find("exists and is not a directory"), std::string::npos) << message;
  fs::create_directories(root / "empty");
  writeSyntheticCheckpoint(root / "empty", smallOptions(1));
  EXPECT_TRUE(fs::exists(root / "empty" / "model.safetensors"));
}

}  // namespace
