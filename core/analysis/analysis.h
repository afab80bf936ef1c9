#pragma once
// What an experiment is to the engine. runExperiment drives any Analysis the same way:
//   prepare()       choose tokens and hook points (and report the sentence set's problems);
//   consumeBlock()  called once per transformer block, in order, as soon as the block ran:
//                   computes that layer's statistics and appends them to the results;
//   finish()        what needs every layer (e.g. Benjamini-Hochberg over all layers).
// The results-directory side (toJson/fromJson/tables) needs no model, so saved runs reopen
// anywhere; this header needs no libtorch, so the registry, the app's settings form and the
// results files compile without it. settingSpecs() describes what the analysis can be asked;
// the CLI's options and the app's settings form are built from it (analysis_settings.h).
// Adding an analysis = one class in its own file + one line in analysis_registry.cpp
// + its views in widgets/ (registered in widgets/view_registry.cpp)
// + one entry in tests/analysis/activation_provenance.cpp (which hook and row each saved
// vector is; a registered analysis without one fails the tests).
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/analysis_settings.h"
#include "analysis/results_loading.h"
#include "analysis/run_results.h"
#include "analysis/token_use.h"
#include "model/captures.h"

namespace laminar {

struct AnalysisInputs;  // analysis/analysis_inputs.h: what prepare() reads (the model among it)
struct LocatedSet;      // analysis/target_locator.h

struct AnalysisPlan {
  std::vector<std::vector<int64_t>> ids;  // token ids, one sequence per text used
  CaptureSpec capture;                    // hooks of every layer, rows wanted per sequence
};

struct CsvTable {
  std::string fileName;  // "profiles.csv"
  std::string content;   // C-locale numbers, header row first
};

class Analysis {
 public:
  virtual ~Analysis() = default;
  virtual std::string name() const = 0;  // registry key, e.g. "similarity"
  // English, marked with QT_TRANSLATE_NOOP("AnalysisSettings", ...) for the GUI's translation.
  virtual std::string title() const = 0;        // "Token similarity across layers (Q, K, V)"
  virtual std::string description() const = 0;  // two sentences: what it measures
  virtual std::vector<SettingSpec> settingSpecs() const = 0;
  // What the preview's colours mean for this analysis: "orange: target token, blue: the
  // non-target token it is compared with" (English, marked like title()).
  virtual std::string tokenLegend() const = 0;

  // The tokens prepare() will read from `located` (the run's target options), by the same
  // selection, without a model: the sentence preview shows them before Run. Throws
  // laminar::Error (naming `source`) where prepare() would refuse the sentence set.
  virtual TokenUse tokenUse(const LocatedSet& located, const RunSettings& settings, const std::string& source) const = 0;

  // Engine side. prepare() throws laminar::Error when the sentence set cannot serve.
  virtual AnalysisPlan prepare(const AnalysisInputs& inputs, RunResults& results) = 0;
  virtual void consumeBlock(int layer, const Captures& captures, RunResults& results) = 0;
  virtual void recordTimings(int layer, double forwardSeconds, double analysisSeconds, RunResults& results) = 0;
  virtual void finish(RunResults& results) = 0;

  // Results-directory side (docs/results-format.md).
  virtual nlohmann::json settingsJson(const RunSettings& settings) const = 0;
  virtual nlohmann::json toJson(const RunResults& results) const = 0;  // the experiment's section
  virtual void fromJson(const nlohmann::json& section, RunResults& results) const = 0;
  // After fromJson, with results.vectors read: results that keep large arrays only in
  // vectors.safetensors (not in JSON) take them back here, or compute them from the vectors
  // (experiment 1's text-by-text matrices). Throws laminar::Error if missing. `progress` (may
  // be empty) takes the fraction of this step done, 0..1, and may throw laminar::Cancelled.
  virtual void fromVectors(RunResults& /*results*/, const LoadProgress& /*progress*/) const {}
  virtual std::vector<CsvTable> tables(const RunResults& results) const = 0;
  // A plain-text table of the per-layer statistics, printed by `laminar-cli analyze`.
  virtual std::string summary(const RunResults& results) const = 0;
};

// The settings of `settings.experiment` completed with its defaults and checked
// (resolveSettings); throws laminar::Error naming a bad setting.
nlohmann::json resolvedOptions(const Analysis& analysis, const RunSettings& settings);

// Analysis::recordTimings for results whose per-layer entries (Results::layers, appended by
// consumeBlock) keep the two timings as forwardSeconds and analysisSeconds, as all four
// built-in ones do.
template <class Results>
void recordLayerTimings(RunResults& results, int layer, double forwardSeconds, double analysisSeconds) {
  auto& entry = results.get<Results>()->layers.at(static_cast<size_t>(layer));
  entry.forwardSeconds = forwardSeconds;
  entry.analysisSeconds = analysisSeconds;
}

using AnalysisFactory = std::function<std::unique_ptr<Analysis>()>;

// Throws laminar::Error listing the known names when `name` is unknown.
std::unique_ptr<Analysis> makeAnalysis(const std::string& name);
// Registers another analysis (e.g. from a plug-in); a name already taken throws std::logic_error.
void registerAnalysis(const std::string& name, AnalysisFactory factory);

// The built-in analyses (defined in their own files, listed in analysis_registry.cpp).
std::unique_ptr<Analysis> makeSimilarityAnalysis();
std::unique_ptr<Analysis> makeMiDistanceAnalysis();
std::unique_ptr<Analysis> makeLogitLensAnalysis();
std::unique_ptr<Analysis> makeAttentionPatternAnalysis();

}  // namespace laminar
