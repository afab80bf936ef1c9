// runExperiment: drives any registered Analysis over the model's per-block callback.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <ctime>

#include "analysis/analysis.h"
#include "analysis/checksum_cache.h"
#include "analysis/run_results.h"
#include "analysis/sentence_set.h"
#include "model/gpt2_model.h"
#include "tokenizer/bpe_tokenizer.h"
#include "util/error.h"
#include "util/version.h"

namespace laminar {

namespace {

using Clock = std::chrono::steady_clock;
double seconds(Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double>(b - a).count(); }

std::string utcNow() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

int64_t peakResidentBytes() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<int64_t>(u.ru_maxrss) * 1024;  // kilobytes on Linux
}

nlohmann::json modelJson(const Gpt2Model& model) {
  nlohmann::json files = nlohmann::json::array();
  for (const auto& f : model.files().weightFiles) {
    std::error_code ec;
    auto size = std::filesystem::file_size(f, ec);
    files.push_back({{"file", f.filename().string()},
                     {"bytes", ec ? 0 : static_cast<int64_t>(size)},
                     {"sha256", cachedSha256OfFile(f)}});
  }
  const Gpt2Config& c = model.config();
  return {{"directory", model.files().directory.string()},
          {"shape", c.shapeName()},
          {"synthetic", c.syntheticWeights},
          {"parameters", c.parameterCount()},
          {"config", c.toJson()},
          {"weightFiles", std::move(files)}};
}

}  // namespace

RunResults runExperiment(const Gpt2Model& model, const BpeTokenizer& tokenizer, const SentenceSet& sentences,
                         const RunSettings& settings, const RunObserver& observer, const std::atomic<bool>* cancel) {
  const auto start = Clock::now();
  std::unique_ptr<Analysis> analysis = makeAnalysis(settings.experiment);
  RunResults results;
  results.experiment = analysis->name();
  for (const auto& d : sentences.diagnostics) results.diagnostics.push_back(formatDiagnostic(sentences, d));

  const Gpt2Config& config = model.config();
  AnalysisInputs inputs{config, model.device(), tokenizer, sentences, settings};
  AnalysisPlan plan;
  try {
    plan = analysis->prepare(inputs, results);
  } catch (const Error& e) {
    // Say which lines were unusable: that is usually why nothing was left.
    std::string message = e.what();
    const size_t shown = std::min<size_t>(results.diagnostics.size(), 20);
    for (size_t i = 0; i < shown; ++i) message += "\n  " + results.diagnostics[i];
    if (results.diagnostics.size() > shown)
      message += "\n  ... and " + std::to_string(results.diagnostics.size() - shown) + " more";
    throw Error(message);
  }
  if (observer.onPrepared) observer.onPrepared(results);
  if (cancel && cancel->load()) throw Cancelled();

  const auto checksumStart = Clock::now();
  nlohmann::json& meta = results.metadata;
  meta["app"] = "Laminar";
  meta["appVersion"] = versionString();
  meta["torchVersion"] = torchVersion();
  meta["created"] = utcNow();
  meta["experiment"] = results.experiment;
  meta["model"] = modelJson(model);
  meta["sentences"] = {{"file", sentences.source.string()},
                       {"sha256", sentences.sha256},
                       {"texts", sentences.texts.size()},
                       {"sequencesUsed", plan.ids.size()}};
  meta["settings"] = analysis->settingsJson(settings);
  meta["device"] = model.options().device;
  meta["dtype"] = model.options().dtype;
  meta["threads"] = model.options().threads;
  const double checksumSeconds = seconds(checksumStart, Clock::now());

  const int nLayer = static_cast<int>(config.nLayer);
  double forwardTotal = 0, analysisTotal = 0;
  nlohmann::json layerTimings = nlohmann::json::array();
  const auto runStart = Clock::now();
  auto lastEnd = runStart;
  BlockCallback onBlock = [&](int layer, const Captures& captures) {
    if (layer >= nLayer) return;  // the final ln_f / logits call
    const auto a0 = Clock::now();
    const double forward = seconds(lastEnd, a0);
    analysis->consumeBlock(layer, captures, results);
    const double analysisSeconds = seconds(a0, Clock::now());
    analysis->recordTimings(layer, forward, analysisSeconds, results);
    forwardTotal += forward;
    analysisTotal += analysisSeconds;
    layerTimings.push_back({{"layer", layer}, {"forwardSeconds", forward}, {"analysisSeconds", analysisSeconds}});
    if (observer.onLayer) observer.onLayer(results, layer);
    if (observer.onProgress) {
      RunProgress p;
      p.layersDone = layer + 1;
      p.nLayer = nLayer;
      p.elapsedSeconds = seconds(runStart, Clock::now());
      p.remainingSeconds = p.elapsedSeconds / p.layersDone * (nLayer - p.layersDone);
      observer.onProgress(p);
    }
    lastEnd = Clock::now();
    if (cancel && cancel->load()) throw Cancelled();
  };
  model.run(plan.ids, plan.capture, onBlock, cancel);
  analysis->finish(results);

  meta["timings"] = {{"checksumSeconds", checksumSeconds},
                     {"forwardSeconds", forwardTotal},
                     {"analysisSeconds", analysisTotal},
                     {"totalSeconds", seconds(start, Clock::now())},
                     {"layers", std::move(layerTimings)}};
  meta["peakResidentBytes"] = peakResidentBytes();
  return results;
}

}  // namespace laminar
