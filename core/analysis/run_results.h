#pragma once
// The contract between the engine and its users (CLI, GUI): how a run is started, how it
// reports each finished layer, and what a results directory holds.
#include <any>
#include <atomic>
#include <filesystem>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/analysis_settings.h"
#include "analysis/stored_array.h"

namespace laminar {

class Gpt2Model;
class BpeTokenizer;
struct SentenceSet;

// The untrained control (issue 10, docs/controls.md): after the run, the same analysis with
// the same settings and inputs on a GPT-2 of the same shape with Hugging Face's seeded
// initialisation (training/untrained_model.h), built in memory.
struct ControlSettings {
  bool untrained = false;
  uint64_t seed = 0;  // the untrained weights' seed (hfInitialParameters)
};

struct RunSettings {
  std::string experiment = "similarity";  // registry key: "similarity", "mi-distance", ...
  TargetSettings target;                  // shared by every analysis
  // The analysis's own settings by key (its settingSpecs()); missing keys take the defaults.
  nlohmann::json options = nlohmann::json::object();
  ControlSettings control;
};

struct RunProgress {
  int layersDone = 0;  // of the pass in progress (the run's, or the control's)
  int nLayer = 0;
  double elapsedSeconds = 0;
  double remainingSeconds = -1;  // -1 until an estimate exists; counts the control still to come
  bool withControl = false;      // the run has an untrained control (two passes of nLayer)
  bool control = false;          // this report is the control's pass
};

struct RunResults {
  std::string experiment;
  nlohmann::json metadata;  // app version, model config + checksums, settings, timings ...
  std::vector<std::string> diagnostics;  // per-line problems of the sentence set
  int nLayer = 0;      // blocks of the model the run used
  int layersDone = 0;  // layers whose statistics are in `data` (== nLayer when complete)
  // The analysis's own results type (SimilarityResults, MiDistanceResults, ...), held
  // generically so that the engine, the worker's snapshots and files need no list of them.
  std::any data;
  template <class T> const T* get() const { return std::any_cast<T>(&data); }
  template <class T> T* get() { return std::any_cast<T>(&data); }
  // The exact vectors the statistics were computed from (vectors.safetensors), in write order.
  std::vector<StoredArray> vectors;
  // The untrained control's complete results (same experiment; its metadata["control"] says
  // seed and initialisation), or null. Saved as the subdirectory metadata["control"]["directory"].
  // Copies of RunResults share it; the engine fills it only on the worker thread.
  std::shared_ptr<RunResults> control;
};

// Called on the worker thread after each layer; `soFar` holds layers 0..layer.
struct RunObserver {
  std::function<void(const RunProgress&)> onProgress;
  std::function<void(const RunResults& soFar, int layer)> onLayer;
  // After the tokens are chosen, before the forward pass: `prepared` holds the diagnostics
  // and the static parts of the results (no layer yet).
  std::function<void(const RunResults& prepared)> onPrepared;
};

// Experiments runExperiment knows ("similarity", "mi-distance", ...), see analysis/analysis.h.
std::vector<std::string> experimentNames();

// Runs an experiment; throws laminar::Error for bad input, laminar::Cancelled on cancel.
// With settings.control.untrained, the control runs after the run's last layer (its layers
// stream in through onLayer as well: `soFar` is the run, soFar.control the control so far).
// settings.target.target is used (and recorded) without surrounding whitespace.
RunResults runExperiment(const Gpt2Model& model, const BpeTokenizer& tokenizer, const SentenceSet& sentences,
                         const RunSettings& settings, const RunObserver& observer = {},
                         const std::atomic<bool>* cancel = nullptr);

// A results directory (docs/results-format.md): written atomically, loaded back identically.
void saveResults(const RunResults& results, const std::filesystem::path& dir);
RunResults loadResults(const std::filesystem::path& dir);

}  // namespace laminar
