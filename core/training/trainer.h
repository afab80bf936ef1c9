#pragma once
// Trains a GPT-2 from scratch on a token corpus: AdamW (weight decay on the matrices only),
// warm-up + cosine learning rate, gradient-norm clipping, a data order fixed by the seed,
// resumable checkpoints, periodic and final held-out evaluation, and a Hugging Face-layout
// checkpoint at the end.
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "checkpoint/gpt2_config.h"
#include "io/safetensors.h"

namespace laminar {

struct TrainOptions {
  Gpt2Config config;                      // n_positions is set to `context`
  uint64_t seed = 0;                      // initial weights and data order
  std::filesystem::path trainTexts;       // JSON array of documents
  std::filesystem::path heldOutTexts;     // JSON array of documents, never trained on
  std::filesystem::path tokenizerDirectory;  // vocab.json + merges.txt (copied into the output)
  std::filesystem::path outDir;           // the final checkpoint (Hugging Face layout)
  std::filesystem::path stateDir;         // resumable state + loss log; empty = <outDir>.train
  int64_t steps = 1000;
  int64_t batch = 16;                     // sequences per step
  int64_t context = 256;                  // tokens per sequence
  int64_t warmupSteps = 100;
  double learningRate = 1e-3;             // peak
  double minLearningRate = 1e-4;          // end of the cosine
  double weightDecay = 0.1;               // on 2-D weights only
  double beta1 = 0.9, beta2 = 0.95;
  double clipNorm = 1.0;
  int64_t evalEvery = 100;                // steps between held-out estimates (0 = none)
  int64_t evalWindows = 32;               // sequences in those estimates
  int64_t finalEvalWindows = 0;           // sequences in the final evaluation, evenly spread (0 = all)
  int64_t checkpointEvery = 100;          // steps between resumable states (0 = only at the end)
  int64_t trainTokenLimit = 0;            // use only the first N training tokens (0 = all)
  int64_t heldOutTokenLimit = 0;          // use only the first N held-out tokens (0 = all)
  std::string device = "cpu";
  int threads = 0;                        // 0 = every core (defaultThreadCount())
  DType dtype = DType::F16;               // of the written weights
  bool resume = true;                     // continue from stateDir's state if it matches
  int64_t stopAfter = 0;                  // stop (state saved, no checkpoint) after this step (0 = run to the end)
};

struct TrainLogRow {
  int64_t step = 0;            // steps completed
  double learningRate = 0;
  double trainLoss = 0;        // of this step's batch (nats/token)
  double heldOutLoss = -1;     // -1 when not evaluated at this step
  double seconds = 0;          // wall time since the run (first start) began
  double tokensPerSecond = 0;  // over the last logging interval
};

struct TrainResult {
  int64_t steps = 0;
  int64_t trainTokens = 0, heldOutTokens = 0;  // corpus sizes (GPT-2 tokens)
  double finalHeldOutLoss = 0;                 // trained model, final evaluation windows
  int64_t finalEvalTokens = 0;                 // tokens predicted in the final evaluation
  double seconds = 0;                          // wall time including earlier interrupted parts
  int64_t resumedFromStep = 0;
  bool stopped = false;                        // stopped early by stopAfter: no checkpoint written
  std::vector<TrainLogRow> log;
};

using TrainProgress = std::function<void(const TrainLogRow& row, const std::string& note)>;

TrainResult trainGpt2(const TrainOptions& options, const TrainProgress& progress = {},
                      const std::atomic<bool>* cancel = nullptr);

}  // namespace laminar
