// runExperiment: drives any registered Analysis over the model's per-block callback.
#include <cstdlib>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <future>

#include "analysis/analysis.h"
#include "analysis/analysis_inputs.h"
#include "analysis/checksum_cache.h"
#include "analysis/run_results.h"
#include "analysis/sentence_set.h"
#include "model/gpt2_model.h"
#include "model/torch_runtime.h"
#include "model/parallel_loops.h"
#include "tokenizer/bpe_tokenizer.h"
#include "training/untrained_model.h"
#include "util/error.h"
#include "util/trim.h"
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

// The weight files' SHA-256, off the critical path: a background thread at low priority
// hashes them (usually a cache hit: checksum_cache.h) while the model runs.
class WeightChecksums {
 public:
  explicit WeightChecksums(std::vector<std::filesystem::path> files)
      : result_(std::async(std::launch::async, [files = std::move(files)] {
          const auto tid = static_cast<id_t>(::syscall(SYS_gettid));  // this thread only
          setpriority(PRIO_PROCESS, tid, std::min(19, getpriority(PRIO_PROCESS, tid) + 10));
          std::vector<std::string> sums;
          for (const auto& f : files) sums.push_back(cachedSha256OfFile(f));
          return sums;
        })) {}
  ~WeightChecksums() {
    if (result_.valid()) result_.wait();  // never leave the thread behind (cancel, errors)
  }
  std::vector<std::string> get() { return result_.get(); }

 private:
  std::future<std::vector<std::string>> result_;
};

// The model's description; each weight file's "sha256" is added when its checksum is ready.
nlohmann::json modelJson(const Gpt2Model& model) {
  nlohmann::json files = nlohmann::json::array();
  for (const auto& f : model.files().weightFiles) {
    std::error_code ec;
    auto size = std::filesystem::file_size(f, ec);
    files.push_back({{"file", f.filename().string()}, {"bytes", ec ? 0 : static_cast<int64_t>(size)}});
  }
  const Gpt2Config& c = model.config();
  return {{"directory", model.files().directory.string()},
          {"shape", c.shapeName()},
          {"synthetic", c.syntheticWeights},
          {"parameters", c.parameterCount()},
          {"config", c.toJson()},
          {"weightFiles", std::move(files)}};
}

// The analysis' plan. When preparing fails, its error also lists the lines that were unusable:
// that is usually why nothing was left.
AnalysisPlan prepareOrExplain(Analysis& analysis, const AnalysisInputs& inputs, RunResults& results) {
  try {
    return analysis.prepare(inputs, results);
  } catch (const Error& e) {
    Message message = e.message();  // keeps its code: the GUI translates the first line
    const size_t shown = std::min<size_t>(results.diagnostics.size(), 20);
    for (size_t i = 0; i < shown; ++i) message.detail += "\n  " + results.diagnostics[i];
    if (results.diagnostics.size() > shown)
      message.detail += "\n  ... and " + std::to_string(results.diagnostics.size() - shown) + " more";
    message.english += message.detail;
    throw Error(message);
  }
}

// The sentence file and how many of its tokens the model runs: GPT-2 is causal, so tokens after
// a text's last captured one are not run.
nlohmann::json sentencesJson(const SentenceSet& sentences, const AnalysisPlan& plan) {
  int64_t tokens = 0, tokensRun = 0;
  for (size_t s = 0; s < plan.ids.size(); ++s) {
    tokens += static_cast<int64_t>(plan.ids[s].size());
    tokensRun += tokensToRun(plan.capture, s, static_cast<int64_t>(plan.ids[s].size()));
  }
  return {{"file", sentences.source.string()},
          {"sha256", sentences.sha256},
          {"texts", sentences.texts.size()},
          {"sequencesUsed", plan.ids.size()},
          {"tokens", tokens},
          {"tokensRun", tokensRun}};
}

// What computed the run, beside the model: threads and the libraries' choices. None of it
// changes a statistic beyond the last bits of activations, but it says why two machines differ.
void addComputeEnvironment(const Gpt2Model& model, nlohmann::json& meta) {
  meta["device"] = model.options().device;
  meta["dtype"] = model.options().dtype;
  meta["threads"] = torch::get_num_threads();  // what ran, not what was asked (0 = all cores)
  meta["interopThreads"] = torch::get_num_interop_threads();
  meta["parallelLoopThreads"] = parallelLoopThreads();  // 1 in a build without OpenMP
  // How idle threads waited (util/thread_wait_policy.h): it changes run time, not results.
  auto env = [](const char* name) { const char* v = std::getenv(name); return std::string(v ? v : ""); };
  meta["threadWaitPolicy"] = {{"OMP_WAIT_POLICY", env("OMP_WAIT_POLICY")},
                              {"OPENBLAS_THREAD_TIMEOUT", env("OPENBLAS_THREAD_TIMEOUT")}};
  // Which OpenBLAS kernels the user or the machine chose (empty: OpenBLAS's own detection).
  // Laminar never sets it: another kernel adds a GEMM's products in another order, so two
  // machines' activations can differ in their last bits, and this says why.
  meta["openblasCoreType"] = env("OPENBLAS_CORETYPE");
  // What ran the blocks' GEMMs on the CPU: oneDNN where the build has it (LAMINAR_GEMM=blas: libtorch's
  // BLAS, as above). Like the kernels, the library changes the last bits of activations.
  meta["cpuGemm"] = cpuGemmLibrary();
}

// Everything a results directory says about how it was made, except the timings and checksums
// (known only at the end).
void describeRun(const Analysis& analysis, const Gpt2Model& model, const SentenceSet& sentences,
                 const AnalysisPlan& plan, const RunSettings& settings, RunResults& results) {
  nlohmann::json& meta = results.metadata;
  meta["app"] = "Laminar";
  meta["appVersion"] = versionString();
  meta["torchVersion"] = torchVersion();
  meta["created"] = utcNow();
  meta["experiment"] = results.experiment;
  meta["model"] = modelJson(model);
  meta["sentences"] = sentencesJson(sentences, plan);
  meta["settings"] = analysis.settingsJson(settings);
  // The same settings keyed as `laminar-cli analyze` and the app's form name them, so a
  // reopened run can show (and rerun) exactly what it ran with.
  meta["options"] = resolvedOptions(analysis, settings);
  meta["target"] = {{"target", settings.target.target},
                    {"caseInsensitive", settings.target.caseInsensitive},
                    {"prependBos", settings.target.prependBos}};
  addComputeEnvironment(model, meta);
}

// The model's per-block callback: hands each layer to the analysis, then to the observer, and
// times both halves. A layer's forward time is the time since the previous layer's analysis
// ended, so the two add up to the run.
class LayerStream {
 public:
  LayerStream(Analysis& analysis, RunResults& results, const RunObserver& observer, const std::atomic<bool>* cancel,
              int nLayer)
      : analysis_(analysis), results_(results), observer_(observer), cancel_(cancel), nLayer_(nLayer) {}

  void onBlock(int layer, const Captures& captures) {
    if (layer >= nLayer_) return;  // the final ln_f / logits call
    const auto a0 = Clock::now();
    const double forward = seconds(lastEnd_, a0);
    analysis_.consumeBlock(layer, captures, results_);
    results_.layersDone = layer + 1;
    const double analysisSeconds = seconds(a0, Clock::now());
    analysis_.recordTimings(layer, forward, analysisSeconds, results_);
    forwardTotal_ += forward;
    analysisTotal_ += analysisSeconds;
    layers_.push_back({{"layer", layer}, {"forwardSeconds", forward}, {"analysisSeconds", analysisSeconds}});
    if (observer_.onLayer) observer_.onLayer(results_, layer);
    if (observer_.onProgress) observer_.onProgress(progress(layer + 1));
    lastEnd_ = Clock::now();
    if (cancel_ && cancel_->load()) throw Cancelled();
  }

  // checksumSeconds: how long the run waited for the weight files' checksums after the last layer.
  nlohmann::json timings(double checksumSeconds, double totalSeconds) {
    return {{"checksumSeconds", checksumSeconds},
            {"forwardSeconds", forwardTotal_},
            {"analysisSeconds", analysisTotal_},
            {"totalSeconds", totalSeconds},
            {"layers", std::move(layers_)}};
  }

 private:
  RunProgress progress(int layersDone) const {
    RunProgress p;
    p.layersDone = layersDone;
    p.nLayer = nLayer_;
    p.elapsedSeconds = seconds(start_, Clock::now());
    p.remainingSeconds = p.elapsedSeconds / p.layersDone * (nLayer_ - p.layersDone);
    return p;
  }

  Analysis& analysis_;
  RunResults& results_;
  const RunObserver& observer_;
  const std::atomic<bool>* cancel_;
  const int nLayer_;
  const Clock::time_point start_ = Clock::now();
  Clock::time_point lastEnd_ = start_;
  double forwardTotal_ = 0, analysisTotal_ = 0;
  nlohmann::json layers_ = nlohmann::json::array();
};

// One pass of an analysis over one model, filling `results` (the run's or the control's).
void runPass(const Gpt2Model& model, const BpeTokenizer& tokenizer, const SentenceSet& sentences,
             const RunSettings& settings, const RunObserver& observer, const std::atomic<bool>* cancel,
             RunResults& results) {
  const auto start = Clock::now();
  WeightChecksums checksums(model.files().weightFiles);
  std::unique_ptr<Analysis> analysis = makeAnalysis(settings.experiment);
  results.experiment = analysis->name();
  results.nLayer = static_cast<int>(model.config().nLayer);
  for (const auto& d : sentences.diagnostics) results.diagnostics.push_back(formatDiagnostic(sentences, d));

  const AnalysisInputs inputs{model, model.config(), model.device(), tokenizer, sentences, settings};
  const AnalysisPlan plan = prepareOrExplain(*analysis, inputs, results);
  if (observer.onPrepared) observer.onPrepared(results);
  if (cancel && cancel->load()) throw Cancelled();
  describeRun(*analysis, model, sentences, plan, settings, results);

  LayerStream stream(*analysis, results, observer, cancel, results.nLayer);
  model.run(plan.ids, plan.capture, [&](int layer, const Captures& c) { stream.onBlock(layer, c); }, cancel);
  analysis->finish(results);
  const auto checksumWait = Clock::now();
  const std::vector<std::string> sums = checksums.get();
  nlohmann::json& meta = results.metadata;
  for (size_t i = 0; i < sums.size(); ++i) meta["model"]["weightFiles"][i]["sha256"] = sums[i];
  meta["timings"] = stream.timings(seconds(checksumWait, Clock::now()), seconds(start, Clock::now()));
  meta["peakResidentBytes"] = peakResidentBytes();
}

// What the control is, for its own metadata and (with its directory) the run's.
nlohmann::json controlJson(const ControlSettings& c) {
  return {{"kind", "untrained"},
          {"seed", c.seed},
          {"initialisation",
           "Hugging Face GPT-2: weights and embeddings normal(0, 0.02), attn.c_proj and mlp.c_proj weights "
           "normal(0, 0.02 / sqrt(2 n_layer)), biases 0, LayerNorm weight 1 and bias 0 "
           "(training/hf_initialisation.h, InitDraws::Parallel: Boost.Random's ziggurat normal on SplitMix64 "
           "blocks of 4096 values seeded from (seed, parameter index, block index), training/parallel_normal.h)"},
          {"draws", "parallel"}};
}

}  // namespace

// The run's layers stream first, then the control's (each through observer.onLayer with the
// whole run as `soFar`): the control needs a second model in memory only after the run is
// complete, and the run's figures are final before the control's series starts to fill in.
RunResults runExperiment(const Gpt2Model& model, const BpeTokenizer& tokenizer, const SentenceSet& sentences,
                         const RunSettings& requested, const RunObserver& observer, const std::atomic<bool>* cancel) {
  // A target word typed with spaces around it is the word, whoever passed it (the app's field,
  // laminar-cli --target): occurrences are compared without their surrounding whitespace, so
  // " her" could never match, and the sentence files trim theirs already.
  RunSettings settings = requested;
  settings.target.target = trimAsciiSpace(requested.target.target);
  RunResults results;
  const bool withControl = settings.control.untrained;
  const int nLayer = static_cast<int>(model.config().nLayer);
  RunObserver first = observer;
  if (withControl && observer.onProgress)
    first.onProgress = [&](RunProgress p) {
      p.withControl = true;  // the control's pass costs about as much again
      p.remainingSeconds = p.elapsedSeconds / std::max(1, p.layersDone) * (2 * nLayer - p.layersDone);
      observer.onProgress(p);
    };
  runPass(model, tokenizer, sentences, settings, first, cancel, results);
  if (!withControl) return results;

  const auto start = Clock::now();
  const double runSeconds = results.metadata["timings"].value("totalSeconds", 0.0);
  std::unique_ptr<Gpt2Model> untrained = makeUntrainedGpt2(model.config(), settings.control.seed, model.options());
  const double buildSeconds = seconds(start, Clock::now());
  if (cancel && cancel->load()) throw Cancelled();
  RunSettings same = settings;
  same.control = {};
  RunObserver second;
  if (observer.onLayer) second.onLayer = [&](const RunResults&, int layer) { observer.onLayer(results, layer); };
  if (observer.onProgress)
    second.onProgress = [&](RunProgress p) {
      p.withControl = true;
      p.control = true;
      p.elapsedSeconds = runSeconds + seconds(start, Clock::now());  // since the run began
      observer.onProgress(p);
    };
  results.metadata["control"] = controlJson(settings.control);
  results.metadata["control"]["directory"] = "control";
  results.control = std::make_shared<RunResults>();
  results.control->metadata["control"] = controlJson(settings.control);  // runPass adds the rest
  runPass(*untrained, tokenizer, sentences, same, second, cancel, *results.control);
  results.metadata["timings"]["controlBuildSeconds"] = buildSeconds;
  results.metadata["timings"]["controlSeconds"] = seconds(start, Clock::now());
  return results;
}

}  // namespace laminar
