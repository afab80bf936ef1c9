#include "training/trainer.h"

#include "util/torch_api.h"  // clip_grad.h uses torch::Tensor without including it

#include <torch/nn/utils/clip_grad.h>
#include <torch/optim/adamw.h>

#include <chrono>
#include <cmath>
#include <functional>
#include <optional>
#include <sstream>

#include <nlohmann/json.hpp>

#include "model/torch_runtime.h"
#include "tokenizer/bpe_tokenizer.h"
#include "training/hf_checkpoint_writer.h"
#include "training/lr_schedule.h"
#include "training/token_corpus.h"
#include "training/trainable_gpt2.h"
#include "training/training_state.h"
#include "util/atomic_file.h"
#include "util/error.h"

namespace laminar {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

using Clock = std::chrono::steady_clock;

torch::Device parseTrainingDevice(const std::string& name) {
  if (name == "cpu") return torch::Device(torch::kCPU);
  if (name.rfind("cuda", 0) == 0) {
    if (!torch::cuda::is_available())
      throw Error("device '" + name + "' requested, but this libtorch has no usable CUDA device");
    try {
      return torch::Device(name);
    } catch (const c10::Error&) {
    }
  }
  throw Error("unknown device '" + name + "' (expected cpu, cuda or cuda:N)");
}

// What must match for a saved state to be continued: the model, data and optimizer. The
// number of steps may change (a run can be shortened or extended; the learning rate then
// follows the new schedule from the resumed step on, and the log records it).
json runIdentity(const TrainOptions& o) {
  return {{"config", o.config.toJson()}, {"seed", o.seed}, {"batch", o.batch},
          {"context", o.context}, {"warmup", o.warmupSteps}, {"lr", o.learningRate},
          {"min_lr", o.minLearningRate}, {"weight_decay", o.weightDecay}, {"beta1", o.beta1},
          {"beta2", o.beta2}, {"clip", o.clipNorm}, {"train_texts", o.trainTexts.filename().string()},
          {"train_token_limit", o.trainTokenLimit}};
}

// Mean next-token loss (nats) over the windows, weighted by tokens.
double heldOutLoss(const TrainableGpt2& model, const std::vector<TokenBatch>& batches, torch::Device device) {
  torch::NoGradGuard noGrad;
  double total = 0;
  int64_t count = 0;
  for (const auto& b : batches) {
    torch::Tensor loss = model.loss(b.inputs.to(device), b.targets.to(device));
    total += loss.item<double>() * static_cast<double>(b.targets.numel());
    count += b.targets.numel();
  }
  return total / static_cast<double>(count);
}

std::string logCsv(const std::vector<TrainLogRow>& log) {
  std::ostringstream out;
  out << "step,learning_rate,train_loss,held_out_loss,seconds,tokens_per_second\n";
  out.precision(6);
  for (const auto& r : log) {
    out << r.step << ',' << r.learningRate << ',' << r.trainLoss << ',';
    if (r.heldOutLoss >= 0) out << r.heldOutLoss;
    out << ',' << r.seconds << ',' << r.tokensPerSecond << '\n';
  }
  return out.str();
}

const char* kStateFile = "state.safetensors";
const char* kOldStateFile = "state.pt";  // torch::save of the optimizer, before 2026-12-02
const char* kIdentityFile = "run.json";

// The state (training_state.h) + which run it belongs to + the loss log as CSV. The data
// order needs no RNG state: it is a function of (seed, step).
void saveState(const fs::path& stateDir, const json& identity, const TrainableGpt2& model,
               torch::optim::AdamW& optimizer, int64_t step, const std::vector<TrainLogRow>& log) {
  fs::create_directories(stateDir);
  saveTrainingState(stateDir / kStateFile, model, optimizer, step, log);
  writeFileAtomically(stateDir / kIdentityFile, identity.dump(2) + "\n");
  writeFileAtomically(stateDir / "loss.csv", logCsv(log));
}

std::optional<TrainingState> loadState(const fs::path& stateDir, const json& identity, TrainableGpt2& model,
                                       torch::optim::AdamW& optimizer, torch::Device device) {
  std::error_code ec;
  if (!fs::is_regular_file(stateDir / kStateFile, ec)) {
    if (fs::is_regular_file(stateDir / kOldStateFile, ec))
      throw Error(fileError((stateDir / kOldStateFile).string(),
                            "is a training state in the old format (torch::save of the optimizer), which this "
                            "version cannot resume; start over with --fresh or another --state-dir"));
    return std::nullopt;
  }
  json saved;
  try {
    saved = json::parse(readFile(stateDir / kIdentityFile));
  } catch (const std::exception& e) {
    throw Error(fileError((stateDir / kIdentityFile).string(), std::string("unreadable: ") + e.what()));
  }
  if (saved != identity)
    throw Error(fileError(stateDir.string(), "holds the state of a different run (other shape, seed, data or "
                                             "schedule); give another --state-dir, or remove it to start over"));
  return loadTrainingState(stateDir / kStateFile, model, optimizer, device);
}

// The training and held-out token streams, each cut to its --*-token-limit when one is given.
std::pair<TokenCorpus, TokenCorpus> loadCorpora(const TrainOptions& o, int64_t vocabSize) {
  const BpeTokenizer tokenizer = BpeTokenizer::fromDirectory(o.tokenizerDirectory);
  if (tokenizer.vocabSize() != vocabSize)
    throw Error(fileError(o.tokenizerDirectory.string(), "tokenizer has " + std::to_string(tokenizer.vocabSize()) +
                                                             " tokens, the model's vocab_size is " +
                                                             std::to_string(vocabSize)));
  TokenCorpus train = loadTokenCorpus(o.trainTexts, tokenizer, o.context);
  TokenCorpus heldOut = loadTokenCorpus(o.heldOutTexts, tokenizer, o.context);
  if (o.trainTokenLimit > o.context && o.trainTokenLimit < static_cast<int64_t>(train.tokens.size()))
    train.tokens.resize(static_cast<size_t>(o.trainTokenLimit));
  if (o.heldOutTokenLimit > o.context && o.heldOutTokenLimit < static_cast<int64_t>(heldOut.tokens.size()))
    heldOut.tokens.resize(static_cast<size_t>(o.heldOutTokenLimit));
  return {std::move(train), std::move(heldOut)};
}

// AdamW with weight decay on matrices and embeddings only (nanoGPT): never on biases or
// layer norms.
std::unique_ptr<torch::optim::AdamW> makeOptimizer(TrainableGpt2& model, const TrainOptions& o) {
  std::vector<torch::Tensor> decayed, plain;
  for (const auto& [name, t] : model.namedParameters()) (t.dim() >= 2 ? decayed : plain).push_back(t);
  auto groupOptions = [&](double decay) {
    auto opts = std::make_unique<torch::optim::AdamWOptions>(o.learningRate);
    opts->betas({o.beta1, o.beta2}).weight_decay(decay).eps(1e-8);
    return opts;
  };
  return std::make_unique<torch::optim::AdamW>(
      std::vector<torch::optim::OptimizerParamGroup>{
          torch::optim::OptimizerParamGroup(decayed, groupOptions(o.weightDecay)),
          torch::optim::OptimizerParamGroup(plain, groupOptions(0.0))},
      torch::optim::AdamWOptions(o.learningRate));
}

// The trained model in Hugging Face's layout, with how it was trained in its config.json
// ("laminar_trained") and its safetensors metadata.
void writeTrainedCheckpoint(const TrainOptions& o, const Gpt2Config& config, TrainableGpt2& model,
                            const TrainResult& result) {
  HfCheckpointContent content;
  content.config = config;
  content.parameters = model.namedParameters();
  content.dtype = o.dtype;
  content.tokenizerDirectory = o.tokenizerDirectory;
  content.metadata = {{"laminar_trained", "true"}, {"laminar_seed", std::to_string(o.seed)},
                      {"laminar_steps", std::to_string(result.steps)}};
  content.extraConfig = {{"laminar_trained", {{"seed", o.seed},
                                              {"steps", result.steps},
                                              {"batch", o.batch},
                                              {"context", o.context},
                                              {"train_texts", o.trainTexts.filename().string()},
                                              {"train_tokens", result.trainTokens},
                                              {"held_out_texts", o.heldOutTexts.filename().string()},
                                              {"held_out_tokens", result.heldOutTokens},
                                              {"held_out_loss", result.finalHeldOutLoss},
                                              {"held_out_loss_tokens", result.finalEvalTokens},
                                              {"wall_seconds", result.seconds}}}};
  writeHfCheckpoint(o.outDir, content);
}


// Continues from the state in stateDir when it belongs to this run: the step, the log so far,
// and (returned) the wall time of the earlier parts. Returns 0 when there is nothing to resume.
double resumeSavedState(const fs::path& stateDir, const json& identity, TrainableGpt2& model,
                        torch::optim::AdamW& optimizer, const torch::Device& device, int64_t& step,
                        TrainResult& result) {
  std::optional<TrainingState> state = loadState(stateDir, identity, model, optimizer, device);
  if (!state) return 0;
  step = state->step;
  result.log = std::move(state->log);
  result.resumedFromStep = step;
  return result.log.empty() ? 0 : result.log.back().seconds;
}

// One AdamW step on `batch` at learning rate `lr`, the gradient's norm clipped to `clipNorm`;
// returns the batch's loss before the step.
torch::Tensor trainStep(TrainableGpt2& model, torch::optim::AdamW& optimizer, const TokenBatch& batch, double lr,
                        double clipNorm, const torch::Device& device) {
  for (auto& group : optimizer.param_groups()) static_cast<torch::optim::AdamWOptions&>(group.options()).lr(lr);
  optimizer.zero_grad();
  torch::Tensor loss = model.loss(batch.inputs.to(device), batch.targets.to(device));
  loss.backward();
  torch::nn::utils::clip_grad_norm_(model.parameters(), clipNorm);
  optimizer.step();
  return loss;
}

// Training throughput between two log rows.
class Throughput {
 public:
  void add(int64_t tokens) { tokens_ += tokens; }
  double tokensPerSecond() const {
    return static_cast<double>(tokens_) / std::chrono::duration<double>(Clock::now() - start_).count();
  }
  void restart() {
    start_ = Clock::now();
    tokens_ = 0;
  }

 private:
  Clock::time_point start_ = Clock::now();
  int64_t tokens_ = 0;
};

// The held-out loss on o.finalEvalWindows windows, the figure the checkpoint's config reports.
void evaluateFinal(const TrainOptions& o, const TrainableGpt2& model, const TokenCorpus& heldOut,
                   const torch::Device& device, const std::function<void(const std::string&)>& note,
                   TrainResult& result) {
  const auto batches = evaluationBatches(heldOut, o.batch, o.context, o.finalEvalWindows);
  for (const auto& b : batches) result.finalEvalTokens += b.targets.numel();
  note("final held-out evaluation: " + std::to_string(result.finalEvalTokens) + " predicted tokens");
  result.finalHeldOutLoss = heldOutLoss(model, batches, device);
}

}  // namespace

TrainResult trainGpt2(const TrainOptions& o, const TrainProgress& progress, const std::atomic<bool>* cancel) {
  if (o.steps < 0 || o.batch < 1 || o.context < 2 || o.warmupSteps < 0)
    throw Error("training needs steps >= 0, batch >= 1, context >= 2, warmup >= 0");
  // As a run does (Gpt2Model): every core unless told otherwise; libtorch's own default
  // can be one thread (its OpenMP build here).
  torch::set_num_threads(o.threads > 0 ? o.threads : defaultThreadCount());
  const torch::Device device = parseTrainingDevice(o.device);
  Gpt2Config config = o.config;
  config.nPositions = o.context;
  config.syntheticWeights = false;
  const fs::path stateDir = o.stateDir.empty() ? fs::path(o.outDir.string() + ".train") : o.stateDir;
  const std::function<void(const std::string&)> note = [&](const std::string& text) {
    if (progress) progress({}, text);
  };

  const auto [train, heldOut] = loadCorpora(o, config.vocabSize);
  TrainResult result;
  result.trainTokens = static_cast<int64_t>(train.tokens.size());
  result.heldOutTokens = static_cast<int64_t>(heldOut.tokens.size());
  note("corpus: " + std::to_string(train.documents) + " training documents, " + std::to_string(result.trainTokens) +
       " tokens; " + std::to_string(heldOut.documents) + " held-out documents, " +
       std::to_string(result.heldOutTokens) + " tokens");

  TrainableGpt2 model(config, o.seed);
  model.to(device);
  const std::unique_ptr<torch::optim::AdamW> adamW = makeOptimizer(model, o);
  torch::optim::AdamW& optimizer = *adamW;
  const LrSchedule schedule{o.learningRate, o.minLearningRate, o.warmupSteps, o.steps};
  const json identity = runIdentity(o);

  int64_t step = 0;
  const double previousSeconds = o.resume ? resumeSavedState(stateDir, identity, model, optimizer, device, step, result) : 0;
  if (step > 0) note("resumed from " + (stateDir / kStateFile).string() + " at step " + std::to_string(step));
  const auto start = Clock::now();
  auto elapsed = [&] { return previousSeconds + std::chrono::duration<double>(Clock::now() - start).count(); };
  auto log = [&](const TrainLogRow& row) {
    result.log.push_back(row);
    if (progress) progress(row, "");
  };

  const std::vector<TokenBatch> estimateBatches = evaluationBatches(heldOut, o.batch, o.context, o.evalWindows);
  if (step == 0 && o.evalEvery > 0) log({0, 0, -1, heldOutLoss(model, estimateBatches, device), elapsed(), 0});
  Throughput throughput;
  const int64_t last = o.stopAfter > 0 ? std::min(o.steps, o.stopAfter) : o.steps;
  while (step < last) {
    if (cancel && cancel->load()) throw Cancelled();
    const double lr = schedule.at(step);
    const TokenBatch batch = trainingBatch(train, o.batch, o.context, o.seed, step);
    const torch::Tensor loss = trainStep(model, optimizer, batch, lr, o.clipNorm, device);
    ++step;
    throughput.add(batch.inputs.numel());

    const bool evaluate = o.evalEvery > 0 && (step % o.evalEvery == 0 || step == o.steps);
    const bool save = step == last || (o.checkpointEvery > 0 && step % o.checkpointEvery == 0);
    if (!evaluate && !save && step % 10 != 0 && step > 5) continue;
    const double tokensPerSecond = throughput.tokensPerSecond();  // of the training steps, not the evaluation
    log({step, lr, loss.item<double>(), evaluate ? heldOutLoss(model, estimateBatches, device) : -1, elapsed(),
         tokensPerSecond});
    if (save) saveState(stateDir, identity, model, optimizer, step, result.log);
    throughput.restart();
  }

  result.steps = step;
  if (step < o.steps) {  // --stop-after: the state is saved; resume later to finish
    result.seconds = elapsed();
    result.stopped = true;
    return result;
  }
  evaluateFinal(o, model, heldOut, device, note, result);
  result.seconds = elapsed();
  writeTrainedCheckpoint(o, config, model, result);
  writeFileAtomically(stateDir / "loss.csv", logCsv(result.log));
  return result;
}

}  // namespace laminar
