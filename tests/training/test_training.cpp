// Training: a tiny GPT-2 trained a few dozen steps on a slice of the Brown corpus must lower
// its held-out loss; its saved checkpoint must load through core/checkpoint and give the
// trained model's logits; an interrupted run must resume to the same weights.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <cstdint>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "checkpoint/checkpoint.h"
#include "io/safetensors.h"
#include "model/gpt2_model.h"
#include "model/hook_points.h"
#include "training/held_out_loss.h"
#include "training/lr_schedule.h"
#include "training/token_corpus.h"
#include "training/trainable_gpt2.h"
#include "training/trainer.h"
#include "training/untrained_twin.h"
#include "tokenizer/bpe_tokenizer.h"
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

torch::Tensor storedValues(const SafetensorsFile& f, const std::string& name) {
  const TensorView* v = f.find(name);
  if (!v) throw std::runtime_error(f.path().string() + " lacks " + name);
  return torch::from_blob(const_cast<void*>(v->data), v->shape, torch::kFloat32).clone();
}

torch::Tensor storedValues(const fs::path& file, const std::string& name) {
  return storedValues(*SafetensorsFile::open(file), name);
}

// The JSON header of a .safetensors file read as the format defines it (8-byte little-endian
// length, then the JSON), not through Laminar's reader.
nlohmann::json safetensorsHeader(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  unsigned char length[8] = {};
  in.read(reinterpret_cast<char*>(length), 8);
  if (!in) throw std::runtime_error(file.string() + ": no header length");
  uint64_t n = 0;
  for (int i = 7; i >= 0; --i) n = (n << 8) | length[i];
  if (n > (uint64_t{1} << 26)) throw std::runtime_error(file.string() + ": implausible header length");
  std::string header(static_cast<size_t>(n), '\0');
  in.read(header.data(), static_cast<std::streamsize>(n));
  if (!in) throw std::runtime_error(file.string() + ": header cut short");
  return nlohmann::json::parse(header);
}

// The "format" entry of a .safetensors file's __metadata__, or "" when there is none.
std::string safetensorsFormat(const fs::path& file) {
  const nlohmann::json header = safetensorsHeader(file);
  if (!header.contains("__metadata__") || !header.at("__metadata__").is_object()) return "";
  return header.at("__metadata__").value("format", std::string());
}

// "a,,b" -> {"a", "", "b"}: a loss.csv line, empty fields kept.
std::vector<std::string> csvFields(const std::string& line) {
  std::vector<std::string> fields;
  std::stringstream in(line);
  std::string field;
  while (std::getline(in, field, ',')) fields.push_back(field);
  return fields;
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
  // transformers' from_pretrained refuses weights without __metadata__ {"format": "pt"}.
  EXPECT_EQ(safetensorsFormat(tmp.path() / "model" / "model.safetensors"), "pt");
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

// The loss log is part of the saved state: after resuming, the log (and loss.csv, whose header
// names the columns) shows each earlier step's train and held-out loss in its own column,
// exactly as the first part recorded them. Four tiny steps, stopped after two.
TEST(Training, ResumedRunKeepsTheEarlierLossLogColumnForColumn) {
  TempDir tmp;
  TrainOptions o = tinyRun(tmp.path() / "model");
  o.steps = 4;
  o.batch = 4;
  o.warmupSteps = 1;
  o.evalEvery = 2;
  o.evalWindows = 2;
  o.finalEvalWindows = 2;
  o.checkpointEvery = 2;
  o.stopAfter = 2;
  const TrainResult first = trainGpt2(o);
  ASSERT_TRUE(first.stopped);
  // Step 0: the held-out loss only (train loss -1); step 1: the train loss only; step 2: both.
  ASSERT_EQ(first.log.size(), 3u);
  ASSERT_EQ(first.log[0].trainLoss, -1.0);
  ASSERT_GT(first.log[0].heldOutLoss, 0.0);
  ASSERT_GT(first.log[1].trainLoss, 0.0);
  ASSERT_EQ(first.log[1].heldOutLoss, -1.0);

  o.stopAfter = 0;
  const TrainResult resumed = trainGpt2(o);
  ASSERT_EQ(resumed.resumedFromStep, 2);
  ASSERT_EQ(resumed.log.size(), 5u);
  for (size_t i = 0; i < first.log.size(); ++i) {
    const TrainLogRow& a = first.log[i];
    const TrainLogRow& b = resumed.log[i];
    EXPECT_EQ(b.step, a.step);
    EXPECT_EQ(b.learningRate, a.learningRate) << "step " << a.step;
    EXPECT_EQ(b.trainLoss, a.trainLoss) << "step " << a.step;
    EXPECT_EQ(b.heldOutLoss, a.heldOutLoss) << "step " << a.step;
    EXPECT_EQ(b.seconds, a.seconds) << "step " << a.step;
    EXPECT_EQ(b.tokensPerSecond, a.tokensPerSecond) << "step " << a.step;
  }

  std::ifstream csv(tmp.path() / "model.train" / "loss.csv");
  std::string line;
  ASSERT_TRUE(static_cast<bool>(std::getline(csv, line)));
  ASSERT_EQ(line, "step,learning_rate,train_loss,held_out_loss,seconds,tokens_per_second");
  std::map<std::string, std::vector<std::string>> byStep;
  while (std::getline(csv, line)) {
    const std::vector<std::string> fields = csvFields(line);
    if (!fields.empty()) byStep[fields[0]] = fields;
  }
  ASSERT_EQ(byStep.size(), 5u);
  ASSERT_EQ(byStep["0"].size(), 6u);
  EXPECT_EQ(byStep["0"][2], "-1");   // no train loss before the first step
  EXPECT_NE(byStep["0"][3], "");     // the untrained model's held-out loss
  ASSERT_EQ(byStep["1"].size(), 6u);
  EXPECT_NE(byStep["1"][2], "-1");
  EXPECT_EQ(byStep["1"][3], "");     // not evaluated at step 1
}

// measureHeldOutLoss (laminar-cli perplexity) predicts each token from those before it in a
// window of context + 1 tokens: a text of exactly `context` tokens has no window, so it is
// refused rather than reported as a loss of 0/0; one token more is one window, `context`
// predictions.
TEST(Training, HeldOutLossNeedsContextPlusOneTokens) {
  TempDir tmp;
  Gpt2Config c = Gpt2Config::forShape("32x2x2");
  c.nPositions = 32;
  writeUntrainedTwin(tmp.path() / "twin", c, 7, tokenizerDir(), DType::F32);
  const auto model = Gpt2Model::load(tmp.path() / "twin");
  const std::vector<int64_t> ids = {464, 3290, 318, 257, 1332, 13, 383, 7554, 286};
  const int64_t context = 8;
  const std::vector<int64_t> exactlyContext(ids.begin(), ids.begin() + context);
  try {
    const HeldOutLoss loss = measureHeldOutLoss(*model, exactlyContext, context);
    FAIL() << "a text of exactly `context` tokens gave loss " << loss.meanNats << " over " << loss.tokens << " tokens";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("needs at least 9"), std::string::npos) << e.what();
  }
  const HeldOutLoss loss = measureHeldOutLoss(*model, ids, context);
  EXPECT_EQ(loss.tokens, context);
  ASSERT_TRUE(std::isfinite(loss.meanNats));
  EXPECT_NEAR(loss.meanNats, std::log(50257.0), 0.5);  // untrained: near-uniform prediction
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

// Inputs are corpus windows and targets the token after each input token, in training and in
// evaluation batches alike (a target equal to its input would train and score an identity).
TEST(TokenCorpus, TargetsAreTheNextTokensOfTheCorpus) {
  const BpeTokenizer tokenizer = BpeTokenizer::fromDirectory(tokenizerDir());
  const TokenCorpus corpus = loadTokenCorpus(data("brown-slice-held-out.json"), tokenizer, 32);
  const std::vector<int64_t>& t = corpus.tokens;
  for (const TokenBatch& b : {trainingBatch(corpus, 4, 32, 7, 3), evaluationBatches(corpus, 4, 32, 12)[1]}) {
    ASSERT_EQ(b.inputs.sizes(), (std::vector<int64_t>{4, 32}));
    ASSERT_EQ(b.targets.sizes(), b.inputs.sizes());
    for (int64_t r = 0; r < 4; ++r) {
      const int64_t* in = b.inputs[r].data_ptr<int64_t>();
      const int64_t* target = b.targets[r].data_ptr<int64_t>();
      auto start = std::search(t.begin(), t.end() - 32, in, in + 32);
      ASSERT_NE(start, t.end() - 32) << "row " << r << " is not a window of the corpus";
      EXPECT_TRUE(std::equal(target, target + 32, start + 1)) << "row " << r << ": targets are not the next tokens";
    }
  }
}

// One step from the initialisation, against PyTorch's documented AdamW and clip_grad_norm_. On
// the first step the bias-corrected moments are g and g^2, so each parameter moves by
// -lr * g / (|g| + eps) after the decoupled decay p *= 1 - lr * weight_decay (2-D tensors
// only). The clip norm is set far below the gradient's norm, so the clipped gradient meets
// eps and clipping changes the step; the decay is large enough to see beside the step.
TEST(Training, FirstStepIsAdamWOnTheClippedGradient) {
  TempDir tmp;
  TrainOptions o = tinyRun(tmp.path() / "model");
  o.steps = 1;
  o.warmupSteps = 0;  // the first step at the peak learning rate
  o.learningRate = 1e-3;
  o.weightDecay = 40;  // lr * decay = 0.04
  o.clipNorm = 1e-4;
  o.evalEvery = 0;
  o.finalEvalWindows = 1;
  trainGpt2(o);

  Gpt2Config config = o.config;
  config.nPositions = o.context;
  TrainableGpt2 start(config, o.seed);
  const TokenCorpus corpus = loadTokenCorpus(o.trainTexts, BpeTokenizer::fromDirectory(tokenizerDir()), o.context);
  const TokenBatch batch = trainingBatch(corpus, o.batch, o.context, o.seed, 0);
  start.loss(batch.inputs, batch.targets).backward();
  double squares = 0;
  for (const auto& [name, p] : start.namedParameters()) squares += p.grad().pow(2).sum().item<double>();
  const double norm = std::sqrt(squares);
  const double scale = std::min(1.0, o.clipNorm / (norm + 1e-6));
  ASSERT_LT(scale, 1e-3) << "the test needs a clipped gradient";

  torch::NoGradGuard g;
  const auto trained = SafetensorsFile::open(tmp.path() / "model" / "model.safetensors");
  for (const auto& [name, p] : start.namedParameters()) {
    const torch::Tensor clipped = p.grad() * scale;
    const double decay = p.dim() >= 2 ? o.weightDecay : 0.0;
    const torch::Tensor expected = p * (1 - o.learningRate * decay) - o.learningRate * clipped / (clipped.abs() + 1e-8);
    const torch::Tensor stored = storedValues(*trained, "transformer." + name);
    EXPECT_LT((stored - expected).abs().max().item<double>(), 1e-3 * o.learningRate) << name;
  }
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

// The twin is meant for Python too: transformers' from_pretrained refuses a model.safetensors
// whose header lacks __metadata__ {"format": "pt"} ("does not contain the valid metadata").
TEST(UntrainedTwin, SafetensorsHeaderSaysFormatPtAsTransformersRequires) {
  TempDir tmp;
  Gpt2Config c = Gpt2Config::forShape("32x2x2");
  c.nPositions = 32;
  writeUntrainedTwin(tmp.path() / "twin", c, 7, tokenizerDir(), DType::F32);
  const nlohmann::json header = safetensorsHeader(tmp.path() / "twin" / "model.safetensors");
  ASSERT_TRUE(header.contains("__metadata__")) << header.dump();
  EXPECT_EQ(safetensorsFormat(tmp.path() / "twin" / "model.safetensors"), "pt") << header.at("__metadata__").dump();
  // Laminar's own marks sit beside it.
  EXPECT_EQ(header.at("__metadata__").value("laminar_untrained_twin", std::string()), "true");
}
