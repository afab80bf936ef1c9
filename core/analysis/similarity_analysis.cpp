// Experiment 1: token similarity across layers (analysis-spec.md), as an Analysis.
#include <cstdio>
#include <memory>

#include "analysis/analysis.h"
#include "analysis/capture_rows.h"
#include "analysis/result_values.h"
#include "analysis/seeded_random.h"
#include "analysis/sentence_set.h"
#include "analysis/similarity_math.h"
#include "analysis/target_locator.h"
#include "analysis/token_selection.h"
#include "model/hook_points.h"
#include "util/error.h"

namespace laminar {

namespace {

const HookSuffix kQkvHooks[kMatrices] = {hook::kAttnQ, hook::kAttnK, hook::kAttnV};

std::vector<SettingSpec> similaritySpecs() {
  SettingSpec bins;
  bins.key = "bins";
  bins.kind = SettingSpec::Kind::Integer;
  bins.label = QT_TRANSLATE_NOOP("AnalysisSettings", "Histogram bins:");
  bins.help = QT_TRANSLATE_NOOP("AnalysisSettings", "Bins of the similarity histograms over [-1, 1]");
  bins.defaultValue = 101;
  bins.minimum = 1;
  bins.maximum = 100000;
  SettingSpec seed;
  seed.key = "seed";
  seed.kind = SettingSpec::Kind::Integer;
  seed.label = QT_TRANSLATE_NOOP("AnalysisSettings", "Seed (non-target choice):");
  seed.help = QT_TRANSLATE_NOOP("AnalysisSettings",
                                "Seed of the non-target choice (which earlier token of each sentence) and of the "
                                "shuffled baseline");
  seed.defaultValue = 0;
  seed.minimum = 0;
  seed.maximum = 9007199254740991.0;  // 2^53 - 1: exact in JSON readers that use doubles
  return {bins, seed};
}

SimilaritySettings similaritySettings(const RunSettings& run) {
  const nlohmann::json o = resolveSettings(similaritySpecs(), run.options);
  SimilaritySettings s;
  s.target = run.target.target;
  s.caseInsensitive = run.target.caseInsensitive;
  s.prependBos = run.target.prependBos;
  s.bins = o.at("bins").get<int>();
  s.seed = o.at("seed").get<uint64_t>();
  return s;
}

// The stream of the shuffled baseline's permutation of group g (text streams use 0, 1, ...).
uint64_t shuffleStream(int g) { return (uint64_t{1} << 63) | static_cast<uint64_t>(g); }

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

  AnalysisPlan prepare(const AnalysisInputs& in, RunResults& results) override {
    const SimilaritySettings s = similaritySettings(in.settings);
    LocatedSet located = locateTargets(in.sentences, in.tokenizer, targetOptions(in.settings.target, in.config.nPositions));
    SimilaritySelection sel = selectSimilarityTokens(located, s.seed);
    for (auto& d : located.diagnostics) results.diagnostics.push_back(formatDiagnostic(in.sentences, d));
    for (auto& d : sel.diagnostics) results.diagnostics.push_back(formatDiagnostic(in.sentences, d));
    const std::string source = sentenceSourceName(in.sentences);
    for (int g = 0; g < kGroups; ++g)
      if (sel.sequence[static_cast<size_t>(g)].size() < 2)
        throw Error(fileError(source, std::string("token similarity needs at least 2 ") +
                                          (g == 0 ? "texts containing the target"
                                                  : "texts whose target is at token position 2 or later (for the "
                                                    "non-target group)") +
                                          "; found " + std::to_string(sel.sequence[static_cast<size_t>(g)].size())));

    d_ = in.config.nEmbd;
    SimilarityResults r;
    r.settings = s;
    if (r.settings.target.empty()) r.settings.target = in.sentences.target;
    r.nLayer = static_cast<int>(in.config.nLayer);
    r.width = static_cast<int>(d_);
    r.binEdges = similarityBinEdges(s.bins);
    edges_ = r.binEdges;
    std::vector<std::pair<int, int64_t>> rows;
    for (int g = 0; g < kGroups; ++g) {
      auto gi = static_cast<size_t>(g);
      r.textIndex[gi] = sel.textIndex[gi];
      r.tokenPosition[gi] = sel.tokenPosition[gi];
      rowOffset_[gi] = static_cast<int64_t>(rows.size());
      rowCount_[gi] = static_cast<int64_t>(sel.sequence[gi].size());
      for (size_t k = 0; k < sel.sequence[gi].size(); ++k) rows.emplace_back(sel.sequence[gi][k], sel.tokenPosition[gi][k]);
      uint64_t state = streamState(s.seed, shuffleStream(g));
      std::vector<int64_t> perm = seededPermutation(rowCount_[gi] * 3 * d_, state);
      results.vectors.push_back(StoredArray::from(std::string(groupKey(static_cast<TokenGroup>(g))) +
                                                      ".shuffle_permutation",
                                                  DType::I64, {static_cast<int64_t>(perm.size())}, perm.data()));
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
      for (int m = 0; m < kMeasures; ++m) {
        BlockHistograms h = similarityBlockHistograms(inputs[m], d_, edges_);
        for (int b = 0; b < kBlocks; ++b) {
          auto& counts = h.counts[static_cast<size_t>(b)];
          int64_t total = 0;
          for (auto c : counts) total += c;
          out.counts[gi][static_cast<size_t>(m)][static_cast<size_t>(b)] = total;
          out.spectra[gi][static_cast<size_t>(m)][static_cast<size_t>(b)] = densityFromCounts(counts, edges_);
        }
      }
      torch::Tensor sim = textSimilarity(x64).to(torch::kCPU).contiguous();
      out.textSimilarity[gi].assign(sim.data_ptr<double>(), sim.data_ptr<double>() + sim.numel());
    }
    results.get<SimilarityResults>()->layers.push_back(std::move(out));
  }

  void recordTimings(int layer, double forwardSeconds, double analysisSeconds, RunResults& results) override {
    auto& l = results.get<SimilarityResults>()->layers.at(static_cast<size_t>(layer));
    l.forwardSeconds = forwardSeconds;
    l.analysisSeconds = analysisSeconds;
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
        nlohmann::json rowsJ = nlohmann::json::array();
        const int n = l.rows[gi];
        for (int i = 0; i < n; ++i)
          rowsJ.push_back(jsonNumbers(std::vector<double>(l.textSimilarity[gi].begin() + i * n,
                                                          l.textSimilarity[gi].begin() + (i + 1) * n)));
        gj["textSimilarity"] = std::move(rowsJ);
        lj[groupKey(static_cast<TokenGroup>(g))] = std::move(gj);
      }
      j["layers"].push_back(std::move(lj));
    }
    return j;
  }

  void fromJson(const nlohmann::json& j, RunResults& results) const override {
    SimilarityResults r;
    const auto& sj = j.at("settings");
    r.settings.target = sj.at("target").get<std::string>();
    r.settings.bins = sj.at("bins").get<int>();
    r.settings.seed = sj.at("seed").get<uint64_t>();
    r.settings.caseInsensitive = sj.at("caseInsensitive").get<bool>();
    r.settings.prependBos = sj.at("prependBos").get<bool>();
    r.nLayer = j.at("nLayer").get<int>();
    r.width = j.at("width").get<int>();
    r.binEdges = readJsonNumbers(j.at("binEdges"));
    for (int g = 0; g < kGroups; ++g) {
      auto gi = static_cast<size_t>(g);
      const auto& gj = j.at("groups").at(groupKey(static_cast<TokenGroup>(g)));
      r.textIndex[gi] = gj.at("textIndex").get<std::vector<int>>();
      r.tokenPosition[gi] = gj.at("tokenPosition").get<std::vector<int64_t>>();
    }
    for (const auto& lj : j.at("layers")) {
      SimilarityLayer l;
      l.layer = lj.at("layer").get<int>();
      l.forwardSeconds = readJsonNumber(lj.at("forwardSeconds"));
      l.analysisSeconds = readJsonNumber(lj.at("analysisSeconds"));
      for (int g = 0; g < kGroups; ++g) {
        auto gi = static_cast<size_t>(g);
        const auto& gj = lj.at(groupKey(static_cast<TokenGroup>(g)));
        l.rows[gi] = gj.at("rows").get<int>();
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
            l.counts[gi][static_cast<size_t>(m)][static_cast<size_t>(b)] = hj.at("count").get<int64_t>();
            l.spectra[gi][static_cast<size_t>(m)][static_cast<size_t>(b)] = readJsonNumbers(hj.at("density"));
          }
        for (const auto& row : gj.at("textSimilarity")) {
          auto v = readJsonNumbers(row);
          l.textSimilarity[gi].insert(l.textSimilarity[gi].end(), v.begin(), v.end());
        }
      }
      r.layers.push_back(std::move(l));
    }
    results.nLayer = r.nLayer;
    results.layersDone = static_cast<int>(r.layers.size());
    results.data = std::move(r);
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
    return {{"profiles.csv", csv}};
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
    return out;
  }

 private:
  static nlohmann::json toJson(const SimilaritySettings& s) {
    return {{"target", s.target},
            {"bins", s.bins},
            {"seed", s.seed},
            {"caseInsensitive", s.caseInsensitive},
            {"prependBos", s.prependBos}};
  }

  int64_t d_ = 0;
  std::vector<double> edges_;
  std::unique_ptr<CaptureRows> rows_;
  std::array<int64_t, kGroups> rowOffset_{}, rowCount_{};
  std::array<torch::Tensor, kGroups> permutation_;
};

}  // namespace

std::unique_ptr<Analysis> makeSimilarityAnalysis() { return std::make_unique<SimilarityAnalysis>(); }

}  // namespace laminar
