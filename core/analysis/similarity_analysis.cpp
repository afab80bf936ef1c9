// Experiment 1: token similarity across layers (analysis-spec.md), as an Analysis.
#include <cstdio>
#include <memory>

#include "analysis/analysis.h"
#include "analysis/analysis_inputs.h"
#include "analysis/capture_rows.h"
#include "analysis/result_values.h"
#include "analysis/seeded_random.h"
#include "analysis/sentence_set.h"
#include "analysis/similarity_math.h"
#include "analysis/spectrum_summary.h"
#include "analysis/target_locator.h"
#include "analysis/token_selection.h"
#include "model/hook_points.h"
#include "util/error.h"

namespace laminar {

namespace {

const HookSuffix kQkvHooks[kMatrices] = {hook::kAttnQ, hook::kAttnK, hook::kAttnV};

// Group g (0: target, 1: non-target) has fewer than the 2 texts a variance needs.
Error tooFewTexts(const std::string& source, int g, bool allowPosition0, size_t found) {
  const std::string count = std::to_string(found);
  if (g == 0)
    return Error(fileMessage(source, msg::kSimilarityTooFewTarget, {{"count", count}},
                             "token similarity needs at least 2 texts containing the target; found " + count));
  const std::string position = allowPosition0 ? "1" : "2";
  return Error(fileMessage(source, msg::kSimilarityTooFewNonTarget, {{"position", position}, {"count", count}},
                           "token similarity needs at least 2 texts whose target is at token position " + position +
                               " or later (for the non-target group); found " + count));
}

std::vector<SettingSpec> similaritySpecs() {
  // 100 replicates on 2,000 pairs a block: on GPT-2 XL the summary adds about 12 s to a
  // 25 s her.txt run, where 200 on 10,000 added 26 s (docs/controls.md, "Cost").
  // A replicate count of 1 is refused in similaritySettings() (a standard error needs 2).
  return {
      integerSetting("bins", QT_TRANSLATE_NOOP("AnalysisSettings", "Histogram bins:"),
                     QT_TRANSLATE_NOOP("AnalysisSettings", "bins of the similarity histograms over [-1, 1]"), 101, 1,
                     100000),
      integerSetting("seed", QT_TRANSLATE_NOOP("AnalysisSettings", "Seed (non-target choice):"),
                     QT_TRANSLATE_NOOP("AnalysisSettings",
                                       "seed of the non-target choice (which earlier token of each sentence) and of the "
                                       "shuffled baseline"),
                     0, 0, kLargestSeed),
      flagSetting("allow-position-0", QT_TRANSLATE_NOOP("AnalysisSettings", "Allow position 0 as non-target:"),
                  QT_TRANSLATE_NOOP("AnalysisSettings",
                                    "draw the non-target from positions 0 .. p-1 before the target (the original "
                                    "analysis) instead of 1 .. p-1 (the default: the first token's vectors are "
                                    "atypical)")),
      integerSetting("summary-replicates", QT_TRANSLATE_NOOP("AnalysisSettings", "Spectrum summary replicates:"),
                     QT_TRANSLATE_NOOP("AnalysisSettings",
                                       "bootstrap replicates (over sentences) of the interval of each spectrum's mass "
                                       "at |cos| > 0.8 and < 0.2; 0 skips the summary"),
                     100, 0, 100000),
      integerSetting("summary-pairs", QT_TRANSLATE_NOOP("AnalysisSettings", "Spectrum summary pairs per block:"),
                     QT_TRANSLATE_NOOP("AnalysisSettings",
                                       "dimension pairs per block the bootstrap replicates use (a seeded subset; the "
                                       "mass itself uses every pair); 0: every pair (slow at large widths)"),
                     2000, 0, 100000000),
  };
}

SimilaritySettings similaritySettings(const RunSettings& run) {
  const nlohmann::json o = resolveSettings(similaritySpecs(), run.options);
  SimilaritySettings s;
  static_cast<TargetSettings&>(s) = run.target;
  s.bins = readJsonInteger<int>(o.at("bins"));
  s.seed = readJsonInteger<uint64_t>(o.at("seed"));
  s.allowPosition0 = o.at("allow-position-0").get<bool>();
  s.summaryReplicates = readJsonInteger<int>(o.at("summary-replicates"));
  if (s.summaryReplicates == 1)
    throw Error(Message(msg::kSimilaritySummaryReplicatesOne, {},
                        "--summary-replicates: 0 (no summary) or at least 2 (the interval needs a standard error), got 1"));
  s.summaryPairs = readJsonInteger<int64_t>(o.at("summary-pairs"));
  return s;
}

// The stream of the shuffled baseline's permutation of group g (text streams use 0, 1, ...).
uint64_t shuffleStream(int g) { return (uint64_t{1} << 63) | static_cast<uint64_t>(g); }

// The stream of the spectrum summary's bootstrap of (layer, group): "SP" in the top bits.
uint64_t summaryStream(int layer, int g) {
  return (uint64_t{0x5350} << 48) | (static_cast<uint64_t>(layer) << 8) | static_cast<uint64_t>(g);
}

// The rows of both groups; throws when a group has fewer than two (no variance to take).
SimilaritySelection selection(const LocatedSet& located, const SimilaritySettings& s, const std::string& source) {
  SimilaritySelection sel = selectSimilarityTokens(located, s.seed, s.allowPosition0);
  for (int g = 0; g < kGroups; ++g)
    if (sel.sequence[static_cast<size_t>(g)].size() < 2)
      throw tooFewTexts(source, g, s.allowPosition0, sel.sequence[static_cast<size_t>(g)].size());
  return sel;
}

class SimilarityAnalysis final : public Analysis {
 public:
  std::string name() const override { return "similarity"; }
  std::string title() const override {
    return QT_TRANSLATE_NOOP("AnalysisSettings", "Token similarity across layers (Q, K, V)");
  }
  std::string description() const override {
    return QT_TRANSLATE_NOOP("AnalysisSettings",
                             "Compares the target token with a non-target token of the same sentences, layer by "
                             "layer: context variance of Q, K and V and the cosine spectrum of their dimensions.");
  }
  std::vector<SettingSpec> settingSpecs() const override { return similaritySpecs(); }
  std::string tokenLegend() const override {
    return QT_TRANSLATE_NOOP("AnalysisSettings", "orange: target token, blue: the non-target token it is compared with");
  }

  TokenUse tokenUse(const LocatedSet& located, const RunSettings& settings, const std::string& source) const override {
    const SimilaritySelection sel = selection(located, similaritySettings(settings), source);
    TokenUse use;
    for (int g = 0; g < kGroups; ++g) {
      const auto gi = static_cast<size_t>(g);
      for (size_t r = 0; r < sel.textIndex[gi].size(); ++r)  // both tokens' Q, K, V are read
        use.read(sel.textIndex[gi][r], sel.tokenPosition[gi][r], g == 0 ? TokenRole::Target : TokenRole::Compared);
    }
    use.diagnostics = sel.diagnostics;
    return use;
  }

  AnalysisPlan prepare(const AnalysisInputs& in, RunResults& results) override {
    const SimilaritySettings s = similaritySettings(in.settings);
    LocatedSet located = locateTargets(in.sentences, in.tokenizer, targetOptions(in.settings.target, in.config.nPositions));
    for (auto& d : located.diagnostics) results.diagnostics.push_back(formatDiagnostic(in.sentences, d));
    SimilaritySelection sel = selection(located, s, sentenceSourceName(in.sentences));
    for (auto& d : sel.diagnostics) results.diagnostics.push_back(formatDiagnostic(in.sentences, d));

    d_ = in.config.nEmbd;
    SimilarityResults r;
    r.settings = s;
    if (r.settings.target.empty()) r.settings.target = in.sentences.target;
    r.nLayer = static_cast<int>(in.config.nLayer);
    r.width = static_cast<int>(d_);
    r.binEdges = similarityBinEdges(s.bins);
    edges_ = r.binEdges;
    seed_ = s.seed;
    summary_.replicates = s.summaryReplicates;
    summary_.pairs = s.summaryPairs;
    summary_.high = s.summaryHigh;
    summary_.low = s.summaryLow;
    summary_.level = s.summaryLevel;
    std::vector<std::pair<int, int64_t>> rows;
    for (int g = 0; g < kGroups; ++g) {
      auto gi = static_cast<size_t>(g);
      r.textIndex[gi] = sel.textIndex[gi];
      r.tokenPosition[gi] = sel.tokenPosition[gi];
      rowOffset_[gi] = static_cast<int64_t>(rows.size());
      rowCount_[gi] = static_cast<int64_t>(sel.sequence[gi].size());
      for (size_t k = 0; k < sel.sequence[gi].size(); ++k) rows.emplace_back(sel.sequence[gi][k], sel.tokenPosition[gi][k]);
      // Not saved since format 3: the seed re-derives it (docs/results-format.md), and as int64
      // it was a quarter of a 1,000-text directory.
      uint64_t state = streamState(s.seed, shuffleStream(g));
      std::vector<int64_t> perm = seededPermutation(rowCount_[gi] * 3 * d_, state);
      permutation_[gi] = torch::tensor(perm, torch::kLong).to(in.device);
    }
    rows_ = std::make_unique<CaptureRows>(static_cast<int>(sel.ids.size()), rows);
    results.data = std::move(r);

    AnalysisPlan plan;
    plan.ids = std::move(sel.ids);
    plan.capture = rows_->everyBlock(in.config.nLayer, {std::begin(kQkvHooks), std::end(kQkvHooks)});
    return plan;
  }

  void consumeBlock(int layer, const Captures& captures, RunResults& results) override {
    torch::NoGradGuard noGrad;
    std::vector<torch::Tensor> qkv;
    for (HookSuffix h : kQkvHooks) qkv.push_back(rows_->gather(captures, hookName(layer, h)).to(torch::kFloat32));
    torch::Tensor x = torch::cat(qkv, 1);  // [rows, 3d]
    SimilarityLayer out;
    out.layer = layer;
    for (int g = 0; g < kGroups; ++g) {
      auto gi = static_cast<size_t>(g);
      torch::Tensor x32 = x.narrow(0, rowOffset_[gi], rowCount_[gi]).contiguous();
      torch::Tensor cpu = x32.to(torch::kCPU).contiguous();
      results.vectors.push_back(StoredArray::from("layer" + std::to_string(layer) + "." +
                                                      groupKey(static_cast<TokenGroup>(g)) + ".qkv",
                                                  DType::F32, {rowCount_[gi], 3 * d_}, cpu.data_ptr<float>()));
      torch::Tensor x64 = x32.to(torch::kFloat64);
      out.rows[gi] = static_cast<int>(rowCount_[gi]);
      out.profiles[gi] = qkvProfiles(x64, d_);
      const torch::Tensor inputs[kMeasures] = {unitColumns(x64, false), unitColumns(x64, true),
                                               unitColumns(shuffleEntries(x64, permutation_[gi]), false)};
      // The summary's masses on X are counted in the histogram pass over its measure's blocks.
      const bool summarise = summary_.replicates > 0;
      const int summaryMeasure = static_cast<int>(summary_.centre ? SimilarityMeasure::Correlation : SimilarityMeasure::Cosine);
      const MassThresholds thresholds{summary_.high, summary_.low};
      SpectrumMasses observed{};
      for (int m = 0; m < kMeasures; ++m) {
        const bool countMasses = summarise && m == summaryMeasure;
        BlockHistograms h = similarityBlockHistograms(inputs[m], d_, edges_, countMasses ? &thresholds : nullptr);
        if (countMasses) observed = spectrumMassesFrom(h, d_);
        for (int b = 0; b < kBlocks; ++b) {
          auto& counts = h.counts[static_cast<size_t>(b)];
          int64_t total = 0;
          for (auto c : counts) total += c;
          out.counts[gi][static_cast<size_t>(m)][static_cast<size_t>(b)] = total;
          out.spectra[gi][static_cast<size_t>(m)][static_cast<size_t>(b)] = densityFromCounts(counts, edges_);
        }
      }
      // From the saved float32 rows on the CPU, as loadResults recomputes it (it is not saved).
      out.textSimilarity[gi] = textSimilarityMatrix(cpu.data_ptr<float>(), rowCount_[gi], 3 * d_);
      if (summarise) {
        const auto blocks = spectrumSummary(x64, d_, summary_, streamState(seed_, summaryStream(layer, g)), observed);
        for (size_t b = 0; b < kBlocks; ++b) {
          for (int k = 0; k < kMassKinds; ++k) {
            const MassWithInterval& m = k == 0 ? blocks[b].high : blocks[b].low;
            out.masses[gi][b][static_cast<size_t>(k)] = {m.value, m.lower, m.upper, m.se, m.bias};
          }
        }
        out.hasMasses = true;
      }
    }
    results.get<SimilarityResults>()->layers.push_back(std::move(out));
  }

  void recordTimings(int layer, double forwardSeconds, double analysisSeconds, RunResults& results) override {
    recordLayerTimings<SimilarityResults>(results, layer, forwardSeconds, analysisSeconds);
  }

  void finish(RunResults&) override {}

  nlohmann::json settingsJson(const RunSettings& settings) const override { return toJson(similaritySettings(settings)); }

  nlohmann::json toJson(const RunResults& results) const override {
    const SimilarityResults& r = *results.get<SimilarityResults>();
    nlohmann::json j;
    j["settings"] = toJson(r.settings);
    j["nLayer"] = r.nLayer;
    j["width"] = r.width;
    j["binEdges"] = jsonNumbers(r.binEdges);
    for (int g = 0; g < kGroups; ++g) {
      auto gi = static_cast<size_t>(g);
      j["groups"][groupKey(static_cast<TokenGroup>(g))] = {{"textIndex", r.textIndex[gi]},
                                                            {"tokenPosition", r.tokenPosition[gi]}};
    }
    j["layers"] = nlohmann::json::array();
    for (const SimilarityLayer& l : r.layers) {
      nlohmann::json lj = {{"layer", l.layer},
                           {"forwardSeconds", jsonNumber(l.forwardSeconds)},
                           {"analysisSeconds", jsonNumber(l.analysisSeconds)}};
      for (int g = 0; g < kGroups; ++g) {
        auto gi = static_cast<size_t>(g);
        nlohmann::json gj;
        gj["rows"] = l.rows[gi];
        for (int m = 0; m < kMatrices; ++m) {
          const MatrixProfile& p = l.profiles[gi][static_cast<size_t>(m)];
          gj["profiles"][matrixKey(static_cast<QkvMatrix>(m))] = {
              {"variance", jsonNumber(p.variance)}, {"mean", jsonNumber(p.mean)}, {"meanAbs", jsonNumber(p.meanAbs)}};
        }
        for (int m = 0; m < kMeasures; ++m)
          for (int b = 0; b < kBlocks; ++b)
            gj["histograms"][measureKey(static_cast<SimilarityMeasure>(m))][blockKey(static_cast<SimilarityBlock>(b))] = {
                {"count", l.counts[gi][static_cast<size_t>(m)][static_cast<size_t>(b)]},
                {"density", jsonNumbers(l.spectra[gi][static_cast<size_t>(m)][static_cast<size_t>(b)])}};
        // The N x N matrix itself is not written (format version 2: 1,000 texts made it 650 MB
        // of JSON); loadResults computes it from the vectors. Its row sums stay, so that
        // tools/verify_results.py checks what the run computed.
        gj["textSimilarityRowSums"] = jsonNumbers(rowSums(l.textSimilarity[gi], l.rows[gi]));
        if (l.hasMasses) gj["spectrumSummary"] = massesJson(l.masses[gi]);
        lj[groupKey(static_cast<TokenGroup>(g))] = std::move(gj);
      }
      j["layers"].push_back(std::move(lj));
    }
    return j;
  }

  void fromJson(const nlohmann::json& j, RunResults& results) const override {
    SimilarityResults r;
    const auto& sj = j.at("settings");
    static_cast<TargetSettings&>(r.settings) = targetSettingsFromJson(sj);
    r.settings.bins = readJsonInteger<int>(sj.at("bins"));
    r.settings.seed = readJsonInteger<uint64_t>(sj.at("seed"));
    // Settings added by issue 10; older files ran without them (position 0 excluded, no summary).
    r.settings.allowPosition0 = sj.value("allowPosition0", false);
    r.settings.summaryReplicates = readJsonInteger<int>(sj, "summaryReplicates", 0);
    r.settings.summaryPairs = readJsonInteger<int64_t>(sj, "summaryPairs", int64_t{0});
    if (sj.contains("summaryHigh")) r.settings.summaryHigh = readJsonNumber(sj.at("summaryHigh"));
    if (sj.contains("summaryLow")) r.settings.summaryLow = readJsonNumber(sj.at("summaryLow"));
    if (sj.contains("summaryLevel")) r.settings.summaryLevel = readJsonNumber(sj.at("summaryLevel"));
    r.nLayer = readJsonInteger<int>(j.at("nLayer"));
    r.width = readJsonInteger<int>(j.at("width"));
    // A width of 0 would let [rows, 0] vectors (no bytes) stand for any number of rows, and
    // fromVectors would then build a rows x rows matrix no file ever paid for.
    if (r.width <= 0) throw Error("similarity: width must be positive, got " + std::to_string(r.width));
    r.binEdges = readJsonNumbers(j.at("binEdges"));
    for (int g = 0; g < kGroups; ++g) {
      auto gi = static_cast<size_t>(g);
      const auto& gj = j.at("groups").at(groupKey(static_cast<TokenGroup>(g)));
      r.textIndex[gi] = readJsonIntegers<int>(gj.at("textIndex"));
      r.tokenPosition[gi] = readJsonIntegers<int64_t>(gj.at("tokenPosition"));
    }
    for (const auto& lj : j.at("layers")) {
      SimilarityLayer l;
      l.layer = readJsonInteger<int>(lj.at("layer"));
      l.forwardSeconds = readJsonNumber(lj.at("forwardSeconds"));
      l.analysisSeconds = readJsonNumber(lj.at("analysisSeconds"));
      for (int g = 0; g < kGroups; ++g) {
        auto gi = static_cast<size_t>(g);
        const auto& gj = lj.at(groupKey(static_cast<TokenGroup>(g)));
        l.rows[gi] = readJsonInteger<int>(gj.at("rows"));
        for (int m = 0; m < kMatrices; ++m) {
          const auto& pj = gj.at("profiles").at(matrixKey(static_cast<QkvMatrix>(m)));
          auto& p = l.profiles[gi][static_cast<size_t>(m)];
          p.variance = readJsonNumber(pj.at("variance"));
          p.mean = readJsonNumber(pj.at("mean"));
          p.meanAbs = readJsonNumber(pj.at("meanAbs"));
        }
        for (int m = 0; m < kMeasures; ++m)
          for (int b = 0; b < kBlocks; ++b) {
            const auto& hj =
                gj.at("histograms").at(measureKey(static_cast<SimilarityMeasure>(m))).at(blockKey(static_cast<SimilarityBlock>(b)));
            l.counts[gi][static_cast<size_t>(m)][static_cast<size_t>(b)] = readJsonInteger<int64_t>(hj.at("count"));
            l.spectra[gi][static_cast<size_t>(m)][static_cast<size_t>(b)] = readJsonNumbers(hj.at("density"));
          }
        // Format version 1 wrote the matrix; version 2 leaves it to fromVectors.
        if (gj.contains("textSimilarity")) {
          for (const auto& row : gj.at("textSimilarity")) {
            auto v = readJsonNumbers(row);
            l.textSimilarity[gi].insert(l.textSimilarity[gi].end(), v.begin(), v.end());
          }
          if (l.textSimilarity[gi].size() != static_cast<size_t>(l.rows[gi]) * static_cast<size_t>(l.rows[gi]))
            throw Error("similarity: layer " + std::to_string(l.layer) + " " + groupKey(static_cast<TokenGroup>(g)) +
                        " textSimilarity is not rows x rows");
        }
        if (gj.contains("spectrumSummary")) {  // absent in runs without it (and before issue 10)
          l.masses[gi] = massesFromJson(gj.at("spectrumSummary"));
          l.hasMasses = true;
        }
      }
      r.layers.push_back(std::move(l));
    }
    results.nLayer = r.nLayer;
    results.layersDone = static_cast<int>(r.layers.size());
    results.data = std::move(r);
  }

  // The text-by-text matrices that results.json does not hold (format version 2), computed
  // from the saved rows exactly as the run computed them.
  void fromVectors(RunResults& results, const LoadProgress& progress) const override {
    SimilarityResults& r = *results.get<SimilarityResults>();
    size_t missing = 0, done = 0;
    for (const SimilarityLayer& l : r.layers)
      for (const auto& m : l.textSimilarity) missing += m.empty() ? 1 : 0;
    for (SimilarityLayer& l : r.layers)
      for (int g = 0; g < kGroups; ++g) {
        auto gi = static_cast<size_t>(g);
        if (!l.textSimilarity[gi].empty()) continue;
        const std::string name = "layer" + std::to_string(l.layer) + "." + groupKey(static_cast<TokenGroup>(g)) + ".qkv";
        const StoredArray* a = nullptr;
        for (const StoredArray& v : results.vectors)
          if (v.name == name) a = &v;
        const std::vector<int64_t> shape = {l.rows[gi], int64_t{3} * r.width};
        if (!a || a->dtype != DType::F32 || a->shape != shape)
          throw Error("tensor \"" + name + "\" is missing or not F32 [" + std::to_string(shape[0]) + ", " +
                      std::to_string(shape[1]) + "]");
        l.textSimilarity[gi] = textSimilarityMatrix(reinterpret_cast<const float*>(a->bytes.data()), shape[0], shape[1]);
        if (progress) progress(static_cast<double>(++done) / static_cast<double>(missing));
      }
  }

  std::vector<CsvTable> tables(const RunResults& results) const override {
    const SimilarityResults& r = *results.get<SimilarityResults>();
    std::string csv = "layer,group,matrix,rows,variance,mean,mean_abs\n";
    for (const SimilarityLayer& l : r.layers)
      for (int g = 0; g < kGroups; ++g)
        for (int m = 0; m < kMatrices; ++m) {
          const MatrixProfile& p = l.profiles[static_cast<size_t>(g)][static_cast<size_t>(m)];
          csv += std::to_string(l.layer) + "," + groupKey(static_cast<TokenGroup>(g)) + "," +
                 matrixKey(static_cast<QkvMatrix>(m)) + "," + std::to_string(l.rows[static_cast<size_t>(g)]) + "," +
                 csvNumber(p.variance) + "," + csvNumber(p.mean) + "," + csvNumber(p.meanAbs) + "\n";
        }
    std::string masses = "layer,group,block,mass,value,lower,upper,se,bias\n";
    for (const SimilarityLayer& l : r.layers) {
      if (!l.hasMasses) continue;
      for (int g = 0; g < kGroups; ++g)
        for (int b = 0; b < kBlocks; ++b)
          for (int k = 0; k < kMassKinds; ++k) {
            const SpectrumMass& m = l.masses[static_cast<size_t>(g)][static_cast<size_t>(b)][static_cast<size_t>(k)];
            masses += std::to_string(l.layer) + "," + groupKey(static_cast<TokenGroup>(g)) + "," +
                      blockKey(static_cast<SimilarityBlock>(b)) + "," + kMassKeys[k] + "," + csvNumber(m.value) + "," +
                      csvNumber(m.lower) + "," + csvNumber(m.upper) + "," + csvNumber(m.se) + "," +
                      csvNumber(m.bias) + "\n";
          }
    }
    return {{"profiles.csv", csv}, {"spectrum_summary.csv", masses}};
  }

  std::string summary(const RunResults& results) const override {
    std::string out = "layer  var(Q,K,V) target            var(Q,K,V) non-target\n";
    for (const auto& l : results.get<SimilarityResults>()->layers) {
      out += std::to_string(l.layer);
      for (int g = 0; g < kGroups; ++g) {
        out += g ? "   " : "  ";
        for (int m = 0; m < kMatrices; ++m) out += " " + summaryNumber(l.profiles[static_cast<size_t>(g)][static_cast<size_t>(m)].variance);
      }
      out += "\n";
    }
    return out + massSummary(*results.get<SimilarityResults>());
  }

 private:
  static constexpr const char* kMassKeys[kMassKinds] = {"high", "low"};

  // Share of |cos| above the high threshold in the diagonal blocks, with its bootstrap
  // interval, per layer: the spectrum summary of issue 10 where a terminal shows it.
  static std::string massSummary(const SimilarityResults& r) {
    if (r.layers.empty() || !r.layers.front().hasMasses) return {};
    std::string out = "\nshare of |cos| > " + summaryNumber(r.settings.summaryHigh) + " (value [" +
                      summaryNumber(100 * r.settings.summaryLevel) + "% interval]), target | non-target\n";
    out += "layer  QQ  KK  VV\n";
    for (const auto& l : r.layers) {
      out += std::to_string(l.layer);
      for (int g = 0; g < kGroups; ++g) {
        out += g ? "  |" : " ";
        for (SimilarityBlock b : {SimilarityBlock::QQ, SimilarityBlock::KK, SimilarityBlock::VV}) {
          const SpectrumMass& m = l.masses[static_cast<size_t>(g)][static_cast<size_t>(b)][0];
          out += " " + summaryNumber(m.value) + " [" + summaryNumber(m.lower) + ", " + summaryNumber(m.upper) + "]";
        }
      }
      out += "\n";
    }
    return out;
  }

  static std::vector<double> rowSums(const std::vector<double>& matrix, int n) {
    std::vector<double> sums(static_cast<size_t>(n), 0.0);
    if (matrix.size() != sums.size() * sums.size()) return {};  // no matrix: verify_results says so
    for (size_t i = 0; i < sums.size(); ++i)
      for (size_t k = 0; k < sums.size(); ++k) sums[i] += matrix[i * sums.size() + k];
    return sums;
  }

  static nlohmann::json toJson(const SimilaritySettings& s) {
    nlohmann::json j = targetSettingsJson(s);
    j.update({{"bins", s.bins},
              {"seed", s.seed},
              {"allowPosition0", s.allowPosition0},
              {"summaryReplicates", s.summaryReplicates},
              {"summaryPairs", s.summaryPairs},
              {"summaryHigh", jsonNumber(s.summaryHigh)},
              {"summaryLow", jsonNumber(s.summaryLow)},
              {"summaryLevel", jsonNumber(s.summaryLevel)}});
    return j;
  }

  // {"QQ": {"high": {"value", "lower", "upper"}, "low": {...}}, ...}
  static nlohmann::json massesJson(const std::array<std::array<SpectrumMass, kMassKinds>, kBlocks>& masses) {
    nlohmann::json j = nlohmann::json::object();
    for (int b = 0; b < kBlocks; ++b)
      for (int k = 0; k < kMassKinds; ++k) {
        const SpectrumMass& m = masses[static_cast<size_t>(b)][static_cast<size_t>(k)];
        j[blockKey(static_cast<SimilarityBlock>(b))][kMassKeys[k]] = {
            {"value", jsonNumber(m.value)}, {"lower", jsonNumber(m.lower)}, {"upper", jsonNumber(m.upper)},
            {"se", jsonNumber(m.se)},       {"bias", jsonNumber(m.bias)}};
      }
    return j;
  }

  static std::array<std::array<SpectrumMass, kMassKinds>, kBlocks> massesFromJson(const nlohmann::json& j) {
    std::array<std::array<SpectrumMass, kMassKinds>, kBlocks> out{};
    for (int b = 0; b < kBlocks; ++b)
      for (int k = 0; k < kMassKinds; ++k) {
        const auto& mj = j.at(blockKey(static_cast<SimilarityBlock>(b))).at(kMassKeys[k]);
        out[static_cast<size_t>(b)][static_cast<size_t>(k)] = {
            readJsonNumber(mj.at("value")), readJsonNumber(mj.at("lower")), readJsonNumber(mj.at("upper")),
            readJsonNumber(mj.at("se")), readJsonNumber(mj.at("bias"))};
      }
    return out;
  }

  int64_t d_ = 0;
  std::vector<double> edges_;
  uint64_t seed_ = 0;
  SpectrumSummarySettings summary_;
  std::unique_ptr<CaptureRows> rows_;
  std::array<int64_t, kGroups> rowOffset_{}, rowCount_{};
  std::array<torch::Tensor, kGroups> permutation_;
};

}  // namespace

std::unique_ptr<Analysis> makeSimilarityAnalysis() { return std::make_unique<SimilarityAnalysis>(); }

}  // namespace laminar
