// Training: a tiny GPT-2 trained a few dozen steps on a slice of the Brown corpus must lower
// its held-out loss; its saved checkpoint must load through core/checkpoint and give the
// trained model's logits; an interrupted run must resume to the same weights.
#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <cstdlib>
#include <fstream>

#include "checkpoint/checkpoint.h"
#include "io/safetensors.h"
#include "model/gpt2_model.h"
#include "model/hook_points.h"
#include "training/lr_schedule.h"
#include "training/trainable_gpt2.h"
#include "training/trainer.h"
#include "training/untrained_twin.h"
#include "util/error.h"

namespace fs = std::filesystem;
using namespace laminar;

namespace {

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "laminar-training-test-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

fs::path data(const std::string& name) { return fs::path(LAMINAR_TRAINING_DATA) / name; }
fs::path tokenizerDir() { return fs::path(LAMINAR_SOURCE_DIR) / "resources" / "tokenizer"; }

// 32 wide, 2 blocks, 2 heads, context 32: a few seconds on two cores.
TrainOptions tinyRun(const fs::path& out) {
  TrainOptions o;
  o.config = Gpt2Config::forShape("32x2x2");
  o.seed = 7;
  o.trainTexts = data("brown-slice-train.json");
  o.heldOutTexts = data("brown-slice-held-out.json");
  o.tokenizerDirectory = tokenizerDir();
  o.outDir = out;
  o.steps = 40;
  o.batch = 8;
  o.context = 32;
  o.warmupSteps = 5;
  o.learningRate = 1e-2;
  o.minLearningRate = 1e-3;
  o.evalEvery = 20;
  o.evalWindows = 16;
  o.checkpointEvery = 20;
  o.heldOutTokenLimit = 32 * 64 + 1;  // 64 evaluation windows
  o.dtype = DType::F32;
  return o;
}

torch::Tensor storedValues(const fs::path& file, const std::string& name) {
  auto f = SafetensorsFile::open(file);
  const TensorView* v = f->find(name);
  if (!v) throw std::runtime_error(file.string() + " lacks " + name);
  return torch::from_blob(const_cast<void*>(v->data), v->shape, torch::kFloat32).clone();
}

}  // namespace

TEST(LrSchedule, WarmsUpLinearlyThenFollowsTheCosineToTheFloor) {
  LrSchedule s{1e-3, 1e-4, 10, 110};
  EXPECT_DOUBLE_EQ(s.at(0), 1e-4);
  EXPECT_DOUBLE_EQ(s.at(9), 1e-3);
  EXPECT_DOUBLE_EQ(s.at(10), 1e-3);
  EXPECT_NEAR(s.at(60), 1e-4 + 0.5 * 9e-4, 1e-12);  // half way down the cosine
  EXPECT_DOUBLE_EQ(s.at(110), 1e-4);
  EXPECT_DOUBLE_EQ(s.at(500), 1e-4);
}

TEST(TrainableGpt2, StartsFromHuggingFaceInitialisation) {
  Gpt2Config c = Gpt2Config::forShape("64x4x4");
  TrainableGpt2 m(c, 3);
  torch::NoGradGuard g;
  EXPECT_TRUE(torch::equal(m.parameter("h.0.ln_1.weight"), torch::ones({64})));
  EXPECT_TRUE(torch::equal(m.parameter("h.2.mlp.c_fc.bias"), torch::zeros({256})));
  EXPECT_NEAR(m.parameter("wte.weight").std().item<double>(), 0.02, 0.0005);
  EXPECT_NEAR(m.parameter("h.1.mlp.c_fc.weight").std().item<double>(), 0.02, 0.001);
  // residual projections scaled by 1/sqrt(2 n_layer) (GPT-2 paper, HF _init_weights)
  EXPECT_NEAR(m.parameter("h.1.mlp.c_proj.weight").std().item<double>(), 0.02 / std::sqrt(8.0), 0.0005);
  EXPECT_NEAR(m.parameter("h.3.attn.c_proj.weight").std().item<double>(), 0.02 / std::sqrt(8.0), 0.0005);
  EXPECT_TRUE(torch::equal(TrainableGpt2(c, 3).parameter("wte.weight"), m.parameter("wte.weight")));
  EXPECT_FALSE(torch::equal(TrainableGpt2(c, 4).parameter("wte.weight"), m.parameter("wte.weight")));
}

// The trainer's forward pass and the inference model must be the same function.
TEST(TrainableGpt2, ForwardMatchesTheInferenceModel) {
  Gpt2Config c = Gpt2Config::forShape("64x2x4");
  c.nPositions = 16;
  TrainableGpt2 m(c, 1);
  {  // move away from the initialisation so biases and gains matter
    torch::NoGradGuard g;
    for (const auto& [name, t] : m.namedParameters()) const_cast<torch::Tensor&>(t).add_(torch::randn(t.sizes()) * 0.05);
  }
  Gpt2Weights w;
  auto p = [&](const std::string& n) { return m.parameter(n).detach(); };
  w.wte = p("wte.weight");
  w.wpe = p("wpe.weight");
  for (int l = 0; l < 2; ++l) {
    const std::string h = "h." + std::to_string(l) + ".";
    w.blocks.push_back({p(h + "ln_1.weight"), p(h + "ln_1.bias"), p(h + "attn.c_attn.weight"), p(h + "attn.c_attn.bias"),
                        p(h + "attn.c_proj.weight"), p(h + "attn.c_proj.bias"), p(h + "ln_2.weight"), p(h + "ln_2.bias"),
                        p(h + "mlp.c_fc.weight"), p(h + "mlp.c_fc.bias"), p(h + "mlp.c_proj.weight"), p(h + "mlp.c_proj.bias")});
  }
  w.lnFWeight = p("ln_f.weight");
  w.lnFBias = p("ln_f.bias");
  Gpt2Model inference(c, w, {});
  std::vector<int64_t> ids = {464, 3290, 318, 257, 1332, 13, 50256, 40, 1842, 340, 11, 290, 262, 3797, 1110, 13};
  CaptureSpec spec;
  spec.hooks = {hook::kLogits};
  torch::Tensor expected = inference.run({ids}, spec).at(hook::kLogits)[0];
  torch::NoGradGuard g;
  torch::Tensor got = m.forward(torch::tensor(ids, torch::kLong).unsqueeze(0))[0];
  EXPECT_LT((got - expected).abs().max().item<double>(), 1e-5);
}

TEST(Training, LowersHeldOutLossAndWritesALoadableCheckpoint) {
  TempDir tmp;
  std::vector<TrainLogRow> rows;
  TrainResult r = trainGpt2(tinyRun(tmp.path() / "model"), [&](const TrainLogRow& row, const std::string& note) {
    if (note.empty()) rows.push_back(row);
  });
  ASSERT_EQ(r.steps, 40);
  ASSERT_FALSE(rows.empty());
  ASSERT_EQ(rows.front().step, 0);
  const double before = rows.front().heldOutLoss;  // the untrained model on the same windows
  EXPECT_NEAR(before, std::log(50257.0), 0.3);     // near-uniform prediction at initialisation
  double after = -1;
  for (const auto& row : rows)
    if (row.step == 40) after = row.heldOutLoss;
  ASSERT_GT(after, 0);
  EXPECT_LT(after, before - 1.5) << "40 steps should learn at least the token frequencies";
  EXPECT_LT(r.finalHeldOutLoss, before - 1.5);
  EXPECT_TRUE(fs::exists(tmp.path() / "model.train" / "loss.csv"));

  // The checkpoint loads through core/checkpoint as a trained (not synthetic) model.
  auto loaded = Gpt2Model::load(tmp.path() / "model");
  EXPECT_EQ(loaded->config().nPositions, 32);
  EXPECT_FALSE(loaded->config().syntheticWeights);
  auto weights = SafetensorsFile::open(tmp.path() / "model" / "model.safetensors");
  EXPECT_EQ(weights->metadata().at("laminar_trained"), "true");
  EXPECT_EQ(weights->find("transformer.h.1.mlp.c_fc.weight")->dtype, DType::F32);
}

// Same weights whether or not the run was interrupted and resumed from its saved state
// (bit for bit: the state holds AdamW's moments and step counts exactly); and the saved model
// reproduces the trainer's logits.
TEST(Training, ResumesToTheSameWeightsAndLogits) {
  TempDir tmp;
  TrainOptions whole = tinyRun(tmp.path() / "whole");
  whole.evalEvery = 0;
  trainGpt2(whole);

  TrainOptions parts = tinyRun(tmp.path() / "parts");
  parts.evalEvery = 0;
  std::atomic<bool> stop{false};
  EXPECT_THROW(trainGpt2(parts, [&](const TrainLogRow& row, const std::string&) { if (row.step == 20) stop = true; }, &stop),
               Cancelled);
  EXPECT_FALSE(fs::exists(tmp.path() / "parts"));  // no half-written checkpoint
  TrainResult resumed = trainGpt2(parts);
  EXPECT_EQ(resumed.resumedFromStep, 20);
  for (const auto& [name, shape] : gpt2TensorShapes(whole.config)) {
    torch::Tensor a = storedValues(tmp.path() / "whole" / "model.safetensors", "transformer." + name);
    torch::Tensor b = storedValues(tmp.path() / "parts" / "model.safetensors", "transformer." + name);
    EXPECT_TRUE(torch::equal(a, b)) << name << " differs after resuming";
  }
  // A state of another run is refused, not silently continued.
  TrainOptions other = parts;
  other.seed = 8;
  other.outDir = tmp.path() / "other";
  other.stateDir = tmp.path() / "parts.train";
  EXPECT_THROW(trainGpt2(other), Error);

  // The saved checkpoint, loaded by core/checkpoint, gives the same logits as the trainer's
  // own forward pass with the saved parameters.
  auto loaded = Gpt2Model::load(tmp.path() / "whole");
  TrainableGpt2 replay(loaded->config(), 0);
  {
    torch::NoGradGuard g;
    for (const auto& [name, t] : replay.namedParameters())
      const_cast<torch::Tensor&>(t).copy_(storedValues(tmp.path() / "whole" / "model.safetensors", "transformer." + name));
  }
  std::vector<int64_t> ids = {464, 3290, 318, 257, 1332, 13, 383, 7554, 286, 262};
  CaptureSpec spec;
  spec.hooks = {hook::kLogits};
  torch::Tensor fromCheckpoint = loaded->run({ids}, spec).at(hook::kLogits)[0];
  torch::NoGradGuard g;
  torch::Tensor fromTrainer = replay.forward(torch::tensor(ids, torch::kLong).unsqueeze(0))[0];
  EXPECT_LT((fromCheckpoint - fromTrainer).abs().max().item<double>(), 1e-5);
  // The resumed run's checkpoint gives the uninterrupted run's logits exactly.
  torch::Tensor fromResumed = Gpt2Model::load(tmp.path() / "parts")->run({ids}, spec).at("logits")[0];
  EXPECT_TRUE(torch::equal(fromCheckpoint, fromResumed));
}

// A state saved by the old trainer (torch::save of the optimizer) is refused with a message
// naming the file, not loaded half-way.
TEST(Training, RefusesAStateInTheOldFormat) {
  TempDir tmp;
  TrainOptions o = tinyRun(tmp.path() / "out");
  fs::create_directories(tmp.path() / "out.train");
  std::ofstream(tmp.path() / "out.train" / "state.pt") << "not read";
  try {
    trainGpt2(o);
    FAIL() << "an old-format state was not refused";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("state.pt"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(fs::exists(tmp.path() / "out"));
}

TEST(UntrainedTwin, IsTheTrainersStartingPointMarkedAsNotTrained) {
  TempDir tmp;
  Gpt2Config c = Gpt2Config::forShape("32x2x2");
  c.nPositions = 32;
  writeUntrainedTwin(tmp.path() / "twin", c, 7, tokenizerDir(), DType::F32);
  auto loaded = Gpt2Model::load(tmp.path() / "twin");
  EXPECT_TRUE(loaded->config().syntheticWeights);
  TrainableGpt2 start(c, 7);
  torch::NoGradGuard g;
  EXPECT_TRUE(torch::equal(storedValues(tmp.path() / "twin" / "model.safetensors", "transformer.h.1.mlp.c_fc.weight"),
                           start.parameter("h.1.mlp.c_fc.weight")));
  // Replacing a folder Laminar did not write is refused.
  fs::create_directories(tmp.path() / "mine");
  std::ofstream(tmp.path() / "mine" / "notes.txt") << "keep me";
  EXPECT_THROW(writeUntrainedTwin(tmp.path() / "mine", c, 7, tokenizerDir()), Error);
  EXPECT_TRUE(fs::exists(tmp.path() / "mine" / "notes.txt"));
}
