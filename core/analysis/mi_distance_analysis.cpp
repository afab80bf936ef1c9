// Experiment 2: mutual information vs token distance (analysis-spec.md), as an Analysis.
#include <cstdio>
#include <memory>

#include "analysis/analysis.h"
#include "analysis/analysis_inputs.h"
#include "analysis/capture_rows.h"
#include "analysis/mi_distance_math.h"
#include "analysis/mi_permutation_null.h"
#include "analysis/result_values.h"
#include "analysis/sentence_set.h"
#include "analysis/target_locator.h"
#include "analysis/token_selection.h"
#include "model/hook_points.h"
#include "stats/histogram_mi.h"
#include "stats/pair_mi.h"
#include "stats/ttest.h"
#include "util/error.h"

namespace laminar {

namespace {

const HookSuffix kSiteHooks[kSites] = {hook::kAttnOut, hook::kMlpOut};

std::vector<bool> readLayerFlags(const nlohmann::json& j, const char* key, size_t layers) {
  std::vector<bool> flags = j.at(key).get<std::vector<bool>>();
  if (flags.size() != layers)
    throw Error(std::string("mi-distance: '") + key + "' has " + std::to_string(flags.size()) + " entries for " +
                std::to_string(layers) + " layers");
  return flags;
}

nlohmann::json permutationJson(const PermutationSummary& n) {
  return {{"observed", jsonNumber(n.observed)}, {"nullLow", jsonNumber(n.nullLow)},
          {"nullHigh", jsonNumber(n.nullHigh)}, {"atLeastAsExtreme", n.atLeastAsExtreme},
          {"permutations", n.permutations}, {"p", jsonNumber(n.p)},
          {"undefined", n.undefined}};
}

PermutationSummary readPermutation(const nlohmann::json& j) {
  PermutationSummary n;
  n.observed = readJsonNumber(j.at("observed"));
  n.nullLow = readJsonNumber(j.at("nullLow"));
  n.nullHigh = readJsonNumber(j.at("nullHigh"));
  n.atLeastAsExtreme = readJsonInteger<int64_t>(j.at("atLeastAsExtreme"));
  n.permutations = readJsonInteger<int>(j.at("permutations"));
  n.p = readJsonNumber(j.at("p"));
  n.undefined = j.at("undefined").get<std::string>();
  return n;
}

// The controls of one layer (issue 10): what toJson writes under "controls".
nlohmann::json layerControlsJson(const MiLayer& l) {
  nlohmann::json c = {{"sharedBins", l.sharedBins},
                      {"pairedT", {{"t", jsonNumber(l.pairedT)}, {"p", jsonNumber(l.pairedP)},
                                   {"df", jsonNumber(l.pairedDf)}, {"undefined", l.pairedUndefined}}},
                      {"wilcoxon", {{"statistic", jsonNumber(l.wilcoxonStatistic)}, {"p", jsonNumber(l.wilcoxonP)},
                                    {"exact", l.wilcoxonExact}, {"undefined", l.wilcoxonUndefined}}},
                      {"siteSignFlip", permutationJson(l.siteNull)},
                      {"seconds", {{"floor", jsonNumber(l.floorSeconds)}, {"permutations", jsonNumber(l.permutationSeconds)},
                                   {"estimatorComparison", jsonNumber(l.comparisonSeconds)}}}};
  for (int s = 0; s < kSites; ++s) {
    const MiSiteLayer& sl = l.sites[static_cast<size_t>(s)];
    nlohmann::json sj = {{"floor", jsonNumbers(sl.floor)},
                         {"meanFloor", jsonNumber(sl.meanFloor)},
                         {"meanAboveFloor", jsonNumber(sl.meanAboveFloor)},
                         {"kendallNull", permutationJson(sl.kendallNull)}};
    if (!sl.histMi.empty())
      sj["estimatorComparison"] = {{"histMi", jsonNumbers(sl.histMi)}, {"ksgMi", jsonNumbers(sl.ksgMi)},
                                   {"pearson", jsonNumber(sl.estimatorPearson)},
                                   {"spearman", jsonNumber(sl.estimatorSpearman)}};
    c[siteKey(static_cast<MiSite>(s))] = std::move(sj);
  }
  return c;
}

void readLayerControls(const nlohmann::json& c, MiLayer& l) {
  l.hasControls = true;
  l.sharedBins = readJsonInteger<int>(c.at("sharedBins"));
  const auto& t = c.at("pairedT");
  l.pairedT = readJsonNumber(t.at("t"));
  l.pairedP = readJsonNumber(t.at("p"));
  l.pairedDf = readJsonNumber(t.at("df"));
  l.pairedUndefined = t.at("undefined").get<std::string>();
  const auto& w = c.at("wilcoxon");
  l.wilcoxonStatistic = readJsonNumber(w.at("statistic"));
  l.wilcoxonP = readJsonNumber(w.at("p"));
  l.wilcoxonExact = w.at("exact").get<bool>();
  l.wilcoxonUndefined = w.at("undefined").get<std::string>();
  l.siteNull = readPermutation(c.at("siteSignFlip"));
  const auto& sec = c.at("seconds");
  l.floorSeconds = readJsonNumber(sec.at("floor"));
  l.permutationSeconds = readJsonNumber(sec.at("permutations"));
  l.comparisonSeconds = readJsonNumber(sec.at("estimatorComparison"));
  for (int s = 0; s < kSites; ++s) {
    const auto& sj = c.at(siteKey(static_cast<MiSite>(s)));
    MiSiteLayer& sl = l.sites[static_cast<size_t>(s)];
    sl.floor = readJsonNumbers(sj.at("floor"));
    sl.meanFloor = readJsonNumber(sj.at("meanFloor"));
    sl.meanAboveFloor = readJsonNumber(sj.at("meanAboveFloor"));
    sl.kendallNull = readPermutation(sj.at("kendallNull"));
    if (sj.contains("estimatorComparison")) {
      const auto& e = sj.at("estimatorComparison");
      sl.histMi = readJsonNumbers(e.at("histMi"));
      sl.ksgMi = readJsonNumbers(e.at("ksgMi"));
      sl.estimatorPearson = readJsonNumber(e.at("pearson"));
      sl.estimatorSpearman = readJsonNumber(e.at("spearman"));
    }
  }
}

// Run-level controls: BH of each control family and the estimators' correlation across layers.
nlohmann::json runControlsJson(const MiDistanceResults& r) {
  nlohmann::json fdr = nlohmann::json::object();
  for (const ControlFdr& c : r.controlsFdr) fdr[c.key] = {{"pFdr", jsonNumbers(c.pFdr)}, {"significant", c.significant}};
  nlohmann::json across = nlohmann::json::object();
  const char* keys[3] = {"attn", "mlp", "both"};
  for (size_t s = 0; s < 3; ++s)
    across[keys[s]] = {{"pearson", jsonNumber(r.layersPearson[s])}, {"spearman", jsonNumber(r.layersSpearman[s])}};
  return {{"fdr", std::move(fdr)}, {"estimatorsAcrossLayers", std::move(across)}};
}

void readRunControls(const nlohmann::json& c, MiDistanceResults& r) {
  for (auto it = c.at("fdr").begin(); it != c.at("fdr").end(); ++it)
    r.controlsFdr.push_back({it.key(), readJsonNumbers(it.value().at("pFdr")),
                             it.value().at("significant").get<std::vector<bool>>()});
  const char* keys[3] = {"attn", "mlp", "both"};
  for (size_t s = 0; s < 3; ++s) {
    r.layersPearson[s] = readJsonNumber(c.at("estimatorsAcrossLayers").at(keys[s]).at("pearson"));
    r.layersSpearman[s] = readJsonNumber(c.at("estimatorsAcrossLayers").at(keys[s]).at("spearman"));
  }
}

// The multiple-comparison results. Directories written before the Fisher Z family was
// corrected in core lack it: derive both families the way a run does, so they draw alike.
void readLayerCorrections(const nlohmann::json& j, MiDistanceResults& r) {
  if (!j.contains("fisherPFdr")) {
    for (MiLayer& l : r.layers) adjustLayerTests(l, r.nLayer, r.settings);
    if (r.pFdr.size() == r.layers.size() && static_cast<int>(r.layers.size()) == r.nLayer) correctAcrossLayers(r);
    return;
  }
  const std::vector<bool> t = readLayerFlags(j, "significantBonferroni", r.layers.size());
  const std::vector<bool> z = readLayerFlags(j, "fisherSignificantBonferroni", r.layers.size());
  for (size_t i = 0; i < r.layers.size(); ++i) {
    r.layers[i].significantBonferroni = t[i];
    r.layers[i].fisherSignificantBonferroni = z[i];
  }
  r.fisherPFdr = readJsonNumbers(j.at("fisherPFdr"));
  r.fisherSignificantFdr = j.at("fisherSignificantFdr").get<std::vector<bool>>();
}

std::vector<SettingSpec> miDistanceSpecs() {
  const MiDistanceSettings d;
  return {
      choiceSetting("estimator", QT_TRANSLATE_NOOP("AnalysisSettings", "MI estimator:"),
                    QT_TRANSLATE_NOOP("AnalysisSettings", "hist (histogram) or ksg (k-nearest neighbours)"), "hist",
                    {{"hist", QT_TRANSLATE_NOOP("AnalysisSettings", "Histogram")},
                     {"ksg", QT_TRANSLATE_NOOP("AnalysisSettings", "k nearest neighbours (KSG)")}}),
      textSetting("bins", QT_TRANSLATE_NOOP("AnalysisSettings", "Bins (shared-fd, fd or a number):"),
                  QT_TRANSLATE_NOOP("AnalysisSettings",
                                    "histogram bins per axis: shared-fd (one Freedman-Diaconis count per layer for "
                                    "both sites, the default), fd (per pair, clamped to [4, 64], as the original "
                                    "analysis) or a number"),
                  d.bins, "shared-fd|fd|[1-9][0-9]{0,3}"),
      enabledWhen(choiceSetting("bias-correction", QT_TRANSLATE_NOOP("AnalysisSettings", "Bias correction:"),
                                QT_TRANSLATE_NOOP("AnalysisSettings",
                                                  "none (plug-in histogram MI) or miller-madow (histogram estimator "
                                                  "only)"),
                                d.biasCorrection,
                                {{"none", QT_TRANSLATE_NOOP("AnalysisSettings", "None (plug-in)")},
                                 {"miller-madow", QT_TRANSLATE_NOOP("AnalysisSettings", "Miller-Madow")}}),
                  "estimator", "hist"),
      choiceSetting("mi-compared", QT_TRANSLATE_NOOP("AnalysisSettings", "MI compared:"),
                    QT_TRANSLATE_NOOP("AnalysisSettings",
                                      "above-floor (pair MI minus the estimator floor, the default) or raw (pair MI, "
                                      "as the original analysis) for tau and the site tests"),
                    d.miCompared,
                    {{"above-floor", QT_TRANSLATE_NOOP("AnalysisSettings", "MI above the estimator floor")},
                     {"raw", QT_TRANSLATE_NOOP("AnalysisSettings", "Raw MI (original analysis)")}}),
      integerSetting("permutations", QT_TRANSLATE_NOOP("AnalysisSettings", "Permutations:"),
                     QT_TRANSLATE_NOOP("AnalysisSettings",
                                       "permutations of each null (Kendall tau under within-text distance shuffles, "
                                       "attention vs MLP under sign flips)"),
                     d.permutations, 1, 1000000),
      integerSetting("seed", QT_TRANSLATE_NOOP("AnalysisSettings", "Seed (floor and nulls):"),
                     QT_TRANSLATE_NOOP("AnalysisSettings", "seed of the estimator floors and the permutation nulls"),
                     0, 0, kLargestSeed),
      choiceSetting("compare-ksg", QT_TRANSLATE_NOOP("AnalysisSettings", "Compare estimators:"),
                    QT_TRANSLATE_NOOP("AnalysisSettings",
                                      "on: also run the other estimator (histogram and KSG) on the same pairs and "
                                      "report their correlation"),
                    d.compareKsg,
                    {{"on", QT_TRANSLATE_NOOP("AnalysisSettings", "On")},
                     {"off", QT_TRANSLATE_NOOP("AnalysisSettings", "Off")}}),
      numberSetting("z-trim", QT_TRANSLATE_NOOP("AnalysisSettings", "Outlier z threshold (0 = off):"),
                    QT_TRANSLATE_NOOP("AnalysisSettings", "drop dimensions with |z| above this (0 = off)"), d.zTrim, 0,
                    100, 2),
      integerSetting("z-ddof", QT_TRANSLATE_NOOP("AnalysisSettings", "z-score ddof:"),
                     QT_TRANSLATE_NOOP("AnalysisSettings",
                                       "delta degrees of freedom of the z-scores used for trimming (0 as in the "
                                       "original analysis)"),
                     d.zDdof, 0, 1),
      enabledWhen(integerSetting("ksg-k", QT_TRANSLATE_NOOP("AnalysisSettings", "Neighbours k:"),
                                 QT_TRANSLATE_NOOP("AnalysisSettings", "neighbours of the KSG estimator"), d.ksgK, 1,
                                 1000),
                  "estimator", "ksg"),
      choiceSetting("ttest", QT_TRANSLATE_NOOP("AnalysisSettings", "t-test:"),
                    QT_TRANSLATE_NOOP("AnalysisSettings", "student (pooled variance) or welch"), "student",
                    {{"student", QT_TRANSLATE_NOOP("AnalysisSettings", "Student (pooled variance)")},
                     {"welch", QT_TRANSLATE_NOOP("AnalysisSettings", "Welch")}}),
      numberSetting("fdr-q", QT_TRANSLATE_NOOP("AnalysisSettings", "FDR q:"),
                    QT_TRANSLATE_NOOP("AnalysisSettings", "Benjamini-Hochberg false discovery rate"), d.fdrQ, 0.001,
                    0.5),
      numberSetting("alpha", QT_TRANSLATE_NOOP("AnalysisSettings", "Significance level (Bonferroni):"),
                    QT_TRANSLATE_NOOP("AnalysisSettings",
                                      "family-wise significance level of the per-layer Bonferroni correction"),
                    d.alpha, 0.001, 0.5),
  };
}

MiDistanceSettings miDistanceSettings(const RunSettings& run) {
  const nlohmann::json o = resolveSettings(miDistanceSpecs(), run.options);
  MiDistanceSettings s;
  static_cast<TargetSettings&>(s) = run.target;
  s.estimator = o.at("estimator").get<std::string>();
  s.bins = o.at("bins").get<std::string>();
  s.zTrim = o.at("z-trim").get<double>();
  s.zDdof = readJsonInteger<int>(o.at("z-ddof"));
  s.ksgK = readJsonInteger<int>(o.at("ksg-k"));
  s.ttest = o.at("ttest").get<std::string>();
  s.fdrQ = o.at("fdr-q").get<double>();
  s.alpha = o.at("alpha").get<double>();
  s.biasCorrection = o.at("bias-correction").get<std::string>();
  s.miCompared = o.at("mi-compared").get<std::string>();
  s.permutations = readJsonInteger<int>(o.at("permutations"));
  s.seed = readJsonInteger<uint64_t>(o.at("seed"));
  s.compareKsg = o.at("compare-ksg").get<std::string>();
  return s;
}

class MiDistanceAnalysis final : public Analysis {
 public:
  std::string name() const override { return "mi-distance"; }
  std::string title() const override {
    return QT_TRANSLATE_NOOP("AnalysisSettings", "Mutual information vs token distance");
  }
  std::string description() const override {
    return QT_TRANSLATE_NOOP("AnalysisSettings",
                             "Measures the mutual information (MI) between the target's occurrences in the attention "
                             "and MLP outputs of every layer, and how it falls with token distance.");
  }
  std::vector<SettingSpec> settingSpecs() const override { return miDistanceSpecs(); }
  std::string tokenLegend() const override {
    return QT_TRANSLATE_NOOP("AnalysisSettings", "orange: the target's occurrences, compared in pairs within each text");
  }

  TokenUse tokenUse(const LocatedSet& located, const RunSettings& /*settings*/, const std::string& source) const override {
    const MiSelection sel = selectMiTokens(located, source);
    TokenUse use;
    for (const OccurrencePair& p : sel.pairs)  // an occurrence alone in its text forms no pair
      for (int o : {p.i, p.j})
        use.read(sel.occurrenceText[static_cast<size_t>(o)], sel.occurrencePosition[static_cast<size_t>(o)],
                 TokenRole::Target);
    use.diagnostics = sel.diagnostics;
    return use;
  }

  AnalysisPlan prepare(const AnalysisInputs& in, RunResults& results) override {
    const MiDistanceSettings s = miDistanceSettings(in.settings);
    // Refuse bad settings before the model runs.
    stats::parseMiEstimator(s.estimator);
    stats::parseHistogramBinRule(s.bins);
    stats::parseMiBiasCorrection(s.biasCorrection);
    stats::parseTTestKind(s.ttest);
    if (!(s.zTrim >= 0)) throw Error("--z-trim must be 0 (off) or positive");
    if (s.ksgK < 1) throw Error("the KSG neighbour count k must be at least 1");
    if (!(s.fdrQ > 0 && s.fdrQ < 1)) throw Error("the FDR level q must lie strictly between 0 and 1");
    if (!(s.alpha > 0 && s.alpha < 1)) throw Error("the significance level must lie strictly between 0 and 1");

    LocatedSet located = locateTargets(in.sentences, in.tokenizer, targetOptions(in.settings.target, in.config.nPositions));
    for (auto& d : located.diagnostics) results.diagnostics.push_back(formatDiagnostic(in.sentences, d));
    const std::string source = sentenceSourceName(in.sentences);
    MiSelection sel = selectMiTokens(located, source);
    for (auto& d : sel.diagnostics) results.diagnostics.push_back(formatDiagnostic(in.sentences, d));

    d_ = in.config.nEmbd;
    MiDistanceResults r;
    r.settings = s;
    if (r.settings.target.empty()) r.settings.target = in.sentences.target;
    r.nLayer = static_cast<int>(in.config.nLayer);
    r.width = static_cast<int>(d_);
    r.occurrenceText = sel.occurrenceText;
    r.occurrencePosition = sel.occurrencePosition;
    r.pairs = sel.pairs;
    pairGroup_ = pairGroups(r.pairs, r.occurrenceText);
    results.data = std::move(r);

    std::vector<std::pair<int, int64_t>> rows;
    for (size_t k = 0; k < sel.occurrencePosition.size(); ++k)
      rows.emplace_back(sel.occurrenceSequence[k], sel.occurrencePosition[k]);
    nRows_ = static_cast<int64_t>(rows.size());
    rows_ = std::make_unique<CaptureRows>(static_cast<int>(sel.ids.size()), rows);

    AnalysisPlan plan;
    plan.ids = std::move(sel.ids);
    plan.capture = rows_->everyBlock(in.config.nLayer, {std::begin(kSiteHooks), std::end(kSiteHooks)});
    return plan;
  }

  void consumeBlock(int layer, const Captures& captures, RunResults& results) override {
    torch::NoGradGuard noGrad;
    MiDistanceResults& r = *results.get<MiDistanceResults>();
    std::array<std::vector<double>, kSites> v;
    for (int s = 0; s < kSites; ++s) {
      torch::Tensor x32 = rows_->gather(captures, hookName(layer, kSiteHooks[s])).to(torch::kFloat32).to(torch::kCPU).contiguous();
      results.vectors.push_back(StoredArray::from("layer" + std::to_string(layer) + "." + siteKey(static_cast<MiSite>(s)),
                                                  DType::F32, {nRows_, d_}, x32.data_ptr<float>()));
      torch::Tensor x64 = x32.to(torch::kFloat64).contiguous();
      v[static_cast<size_t>(s)].assign(x64.data_ptr<double>(), x64.data_ptr<double>() + x64.numel());
    }
    r.layers.push_back(computeMiLayer(v, d_, r.pairs, pairGroup_, r.settings, layer, r.nLayer));
  }

  void recordTimings(int layer, double forwardSeconds, double analysisSeconds, RunResults& results) override {
    recordLayerTimings<MiDistanceResults>(results, layer, forwardSeconds, analysisSeconds);
  }

  void finish(RunResults& results) override { correctAcrossLayers(*results.get<MiDistanceResults>()); }

  nlohmann::json settingsJson(const RunSettings& settings) const override { return toJson(miDistanceSettings(settings)); }

  nlohmann::json toJson(const RunResults& results) const override {
    const MiDistanceResults& r = *results.get<MiDistanceResults>();
    nlohmann::json j;
    j["settings"] = toJson(r.settings);
    j["nLayer"] = r.nLayer;
    j["width"] = r.width;
    j["occurrences"] = nlohmann::json::array();
    for (size_t k = 0; k < r.occurrencePosition.size(); ++k)
      j["occurrences"].push_back({{"text", r.occurrenceText[k]}, {"position", r.occurrencePosition[k]}});
    j["pairs"] = nlohmann::json::array();
    for (auto& p : r.pairs) j["pairs"].push_back({{"i", p.i}, {"j", p.j}, {"distance", p.distance}});
    j["layers"] = nlohmann::json::array();
    for (const MiLayer& l : r.layers) {
      nlohmann::json lj = {{"layer", l.layer},
                           {"forwardSeconds", jsonNumber(l.forwardSeconds)},
                           {"analysisSeconds", jsonNumber(l.analysisSeconds)},
                           {"t", jsonNumber(l.t)},
                           {"p", jsonNumber(l.p)},
                           {"df", jsonNumber(l.df)},
                           {"pBonferroni", jsonNumber(l.pBonferroni)},
                           {"tUndefined", l.tUndefined},
                           {"fisherZ", jsonNumber(l.fisherZ)},
                           {"fisherP", jsonNumber(l.fisherP)},
                           {"fisherPBonferroni", jsonNumber(l.fisherPBonferroni)},
                           {"fisherUndefined", l.fisherUndefined}};
      for (int s = 0; s < kSites; ++s) {
        const MiSiteLayer& sl = l.sites[static_cast<size_t>(s)];
        lj[siteKey(static_cast<MiSite>(s))] = {{"pairMi", jsonNumbers(sl.pairMi)},
                                               {"keptSamples", sl.keptSamples},
                                               {"bins", sl.bins},
                                               {"meanMi", jsonNumber(sl.meanMi)},
                                               {"tau", jsonNumber(sl.tau)},
                                               {"tauP", jsonNumber(sl.tauP)},
                                               {"tauExact", sl.tauExact},
                                               {"tauUndefined", sl.tauUndefined}};
      }
      if (l.hasControls) lj["controls"] = layerControlsJson(l);
      j["layers"].push_back(std::move(lj));
    }
    std::vector<bool> significantBonferroni, fisherSignificantBonferroni;
    for (const MiLayer& l : r.layers) {
      significantBonferroni.push_back(l.significantBonferroni);
      fisherSignificantBonferroni.push_back(l.fisherSignificantBonferroni);
    }
    j["pFdr"] = jsonNumbers(r.pFdr);
    j["significantBonferroni"] = significantBonferroni;
    j["significantFdr"] = r.significantFdr;
    j["fisherPFdr"] = jsonNumbers(r.fisherPFdr);
    j["fisherSignificantBonferroni"] = fisherSignificantBonferroni;
    j["fisherSignificantFdr"] = r.fisherSignificantFdr;
    j["controls"] = runControlsJson(r);
    // The spec's 2 sites x L layers x 2 statistics array, for plotting in one line.
    nlohmann::json arr = nlohmann::json::array();
    for (int s = 0; s < kSites; ++s) {
      nlohmann::json site = nlohmann::json::array();
      for (const MiLayer& l : r.layers)
        site.push_back({jsonNumber(l.sites[static_cast<size_t>(s)].meanMi), jsonNumber(l.sites[static_cast<size_t>(s)].tau)});
      arr.push_back(std::move(site));
    }
    j["resultsArray"] = {{"axes", {"site", "layer", "statistic"}},
                         {"sites", {"attn", "mlp"}},
                         {"statistics", {"meanMi", "tau"}},
                         {"values", std::move(arr)}};
    return j;
  }

  void fromJson(const nlohmann::json& j, RunResults& results) const override {
    MiDistanceResults r;
    const auto& sj = j.at("settings");
    static_cast<TargetSettings&>(r.settings) = targetSettingsFromJson(sj);
    r.settings.estimator = sj.at("estimator").get<std::string>();
    r.settings.bins = sj.at("bins").get<std::string>();
    r.settings.zTrim = readJsonNumber(sj.at("zTrim"));
    r.settings.zDdof = readJsonInteger<int>(sj.at("zDdof"));
    r.settings.ksgK = readJsonInteger<int>(sj.at("ksgK"));
    r.settings.ttest = sj.at("ttest").get<std::string>();
    r.settings.fdrQ = readJsonNumber(sj.at("fdrQ"));
    r.settings.alpha = readJsonNumber(sj.at("alpha"));
    // Directories written before issue 10 ran the original analysis: per-pair bins, raw MI.
    r.settings.biasCorrection = sj.value("biasCorrection", std::string("none"));
    r.settings.miCompared = sj.value("miCompared", std::string("raw"));
    r.settings.permutations = readJsonInteger<int>(sj, "permutations", 0);
    r.settings.seed = readJsonInteger<uint64_t>(sj, "seed", uint64_t{0});
    r.settings.compareKsg = sj.value("compareKsg", std::string("off"));
    r.nLayer = readJsonInteger<int>(j.at("nLayer"));
    r.width = readJsonInteger<int>(j.at("width"));
    for (const auto& o : j.at("occurrences")) {
      r.occurrenceText.push_back(readJsonInteger<int>(o.at("text")));
      r.occurrencePosition.push_back(readJsonInteger<int64_t>(o.at("position")));
    }
    for (const auto& p : j.at("pairs"))
      r.pairs.push_back({readJsonInteger<int>(p.at("i")), readJsonInteger<int>(p.at("j")), readJsonInteger<int64_t>(p.at("distance"))});
    for (const auto& lj : j.at("layers")) {
      MiLayer l;
      l.layer = readJsonInteger<int>(lj.at("layer"));
      l.forwardSeconds = readJsonNumber(lj.at("forwardSeconds"));
      l.analysisSeconds = readJsonNumber(lj.at("analysisSeconds"));
      l.t = readJsonNumber(lj.at("t"));
      l.p = readJsonNumber(lj.at("p"));
      l.df = readJsonNumber(lj.at("df"));
      l.pBonferroni = readJsonNumber(lj.at("pBonferroni"));
      l.tUndefined = lj.at("tUndefined").get<std::string>();
      l.fisherZ = readJsonNumber(lj.at("fisherZ"));
      l.fisherP = readJsonNumber(lj.at("fisherP"));
      if (lj.contains("fisherPBonferroni")) l.fisherPBonferroni = readJsonNumber(lj.at("fisherPBonferroni"));
      l.fisherUndefined = lj.at("fisherUndefined").get<std::string>();
      for (int s = 0; s < kSites; ++s) {
        const auto& sj2 = lj.at(siteKey(static_cast<MiSite>(s)));
        MiSiteLayer& sl = l.sites[static_cast<size_t>(s)];
        sl.pairMi = readJsonNumbers(sj2.at("pairMi"));
        sl.keptSamples = readJsonIntegers<int64_t>(sj2.at("keptSamples"));
        sl.bins = readJsonIntegers<int>(sj2.at("bins"));
        sl.meanMi = readJsonNumber(sj2.at("meanMi"));
        sl.tau = readJsonNumber(sj2.at("tau"));
        sl.tauP = readJsonNumber(sj2.at("tauP"));
        sl.tauExact = sj2.at("tauExact").get<bool>();
        sl.tauUndefined = sj2.at("tauUndefined").get<std::string>();
      }
      if (lj.contains("controls")) readLayerControls(lj.at("controls"), l);
      r.layers.push_back(std::move(l));
    }
    r.pFdr = readJsonNumbers(j.at("pFdr"));
    r.significantFdr = j.at("significantFdr").get<std::vector<bool>>();
    readLayerCorrections(j, r);
    if (j.contains("controls")) {
      r.controlsFdr.clear();
      readRunControls(j.at("controls"), r);
    }
    results.nLayer = r.nLayer;
    results.layersDone = static_cast<int>(r.layers.size());
    results.data = std::move(r);
  }

  std::vector<CsvTable> tables(const RunResults& results) const override {
    const MiDistanceResults& r = *results.get<MiDistanceResults>();
    // Control columns (issue 10) come last, empty where a value does not exist (a directory
    // written before, compare-ksg off, BH before the last layer).
    std::string pairs = "layer,site,i,j,position_i,position_j,distance,mi,kept_samples,bins,floor,mi_above_floor,hist_mi,ksg_mi\n";
    std::string profiles =
        "layer,site,mean_mi,tau,tau_p,mean_floor,mean_above_floor,tau_null_low,tau_null_high,tau_permutation_p,"
        "tau_permutation_p_fdr,estimator_pearson,estimator_spearman\n";
    std::string tests =
        "layer,t,df,p,p_bonferroni,p_fdr,significant_bonferroni,significant_fdr,fisher_z,fisher_p,"
        "fisher_p_bonferroni,fisher_p_fdr,fisher_significant_bonferroni,fisher_significant_fdr,"
        "paired_t,paired_df,paired_p,paired_p_fdr,wilcoxon_statistic,wilcoxon_p,wilcoxon_p_fdr,"
        "sign_flip_mean_difference,sign_flip_null_low,sign_flip_null_high,sign_flip_p,sign_flip_p_fdr,shared_bins,"
        "floor_seconds,permutation_seconds,comparison_seconds\n";
    auto at = [](const std::vector<double>& v, size_t k) { return k < v.size() ? csvNumber(v[k]) : std::string(); };
    auto fdrAt = [&](const char* key, size_t li) {
      const ControlFdr* c = r.controlFdr(key);
      return c ? at(c->pFdr, li) : std::string();
    };
    for (size_t li = 0; li < r.layers.size(); ++li) {
      const MiLayer& l = r.layers[li];
      const bool c = l.hasControls;
      for (int s = 0; s < kSites; ++s) {
        const MiSiteLayer& sl = l.sites[static_cast<size_t>(s)];
        const std::string site = siteKey(static_cast<MiSite>(s));
        const std::vector<double> above = sl.floor.empty() ? std::vector<double>{} : sl.comparedMi(true);
        for (size_t k = 0; k < r.pairs.size(); ++k) {
          const OccurrencePair& p = r.pairs[k];
          pairs += std::to_string(l.layer) + "," + site + "," + std::to_string(p.i) + "," + std::to_string(p.j) + "," +
                   std::to_string(r.occurrencePosition[static_cast<size_t>(p.i)]) + "," +
                   std::to_string(r.occurrencePosition[static_cast<size_t>(p.j)]) + "," + std::to_string(p.distance) +
                   "," + csvNumber(sl.pairMi[k]) + "," + std::to_string(sl.keptSamples[k]) + "," +
                   std::to_string(sl.bins[k]) + "," + at(sl.floor, k) + "," + at(above, k) + "," + at(sl.histMi, k) +
                   "," + at(sl.ksgMi, k) + "\n";
        }
        const PermutationSummary& n = sl.kendallNull;
        const bool cmp = !sl.histMi.empty();
        profiles += std::to_string(l.layer) + "," + site + "," + csvNumber(sl.meanMi) + "," + csvNumber(sl.tau) + "," +
                    csvNumber(sl.tauP) + "," + (c ? csvNumber(sl.meanFloor) + "," + csvNumber(sl.meanAboveFloor) + "," +
                                                        csvNumber(n.nullLow) + "," + csvNumber(n.nullHigh) + "," +
                                                        csvNumber(n.p)
                                                  : std::string(",,,,")) +
                    "," + fdrAt(s == 0 ? "kendallPermutationAttn" : "kendallPermutationMlp", li) + "," +
                    (cmp ? csvNumber(sl.estimatorPearson) + "," + csvNumber(sl.estimatorSpearman) : std::string(",")) +
                    "\n";
      }
      // FDR columns stay empty until every layer is done; Bonferroni is final per layer.
      const bool done = r.complete();
      auto flag = [](bool b) { return std::string(b ? "1" : "0"); };
      tests += std::to_string(l.layer) + "," + csvNumber(l.t) + "," + csvNumber(l.df) + "," + csvNumber(l.p) + "," +
               csvNumber(l.pBonferroni) + "," + (done ? csvNumber(r.pFdr[li]) : "") + "," +
               flag(l.significantBonferroni) + "," + (done ? flag(r.significantFdr[li]) : "") + "," +
               csvNumber(l.fisherZ) + "," + csvNumber(l.fisherP) + "," + csvNumber(l.fisherPBonferroni) + "," +
               (done ? csvNumber(r.fisherPFdr[li]) : "") + "," + flag(l.fisherSignificantBonferroni) + "," +
               (done ? flag(r.fisherSignificantFdr[li]) : "") + ",";
      if (c)
        tests += csvNumber(l.pairedT) + "," + csvNumber(l.pairedDf) + "," + csvNumber(l.pairedP) + "," +
                 fdrAt("pairedT", li) + "," + csvNumber(l.wilcoxonStatistic) + "," + csvNumber(l.wilcoxonP) + "," +
                 fdrAt("wilcoxon", li) + "," + csvNumber(l.siteNull.observed) + "," + csvNumber(l.siteNull.nullLow) +
                 "," + csvNumber(l.siteNull.nullHigh) + "," + csvNumber(l.siteNull.p) + "," + fdrAt("siteSignFlip", li) +
                 "," + std::to_string(l.sharedBins) + "," + csvNumber(l.floorSeconds) + "," +
                 csvNumber(l.permutationSeconds) + "," + csvNumber(l.comparisonSeconds) + "\n";
      else
        tests += ",,,,,,,,,,,,,,,\n";
    }
    return {{"profiles.csv", profiles}, {"pairs.csv", pairs}, {"tests.csv", tests}};
  }

  std::string summary(const RunResults& results) const override {
    const MiDistanceResults& m = *results.get<MiDistanceResults>();
    std::string out = "layer  meanMI(attn) meanMI(mlp)  tau(attn) tau(mlp)  t  p(BH)  Z  p(Z)  floor(attn) floor(mlp)  "
                      "p_perm_tau(attn) p_perm_tau(mlp)  p_perm_site  paired_t p(paired)\n";
    for (size_t i = 0; i < m.layers.size(); ++i) {
      const MiLayer& l = m.layers[i];
      out += std::to_string(l.layer) + "  " + summaryNumber(l.sites[0].meanMi) + " " + summaryNumber(l.sites[1].meanMi) + "  " +
             summaryNumber(l.sites[0].tau) + " " + summaryNumber(l.sites[1].tau) + "  " + summaryNumber(l.t) + " " +
             (i < m.pFdr.size() ? summaryNumber(m.pFdr[i]) : "-") + (i < m.significantFdr.size() && m.significantFdr[i] ? "*" : "") +
             "  " + summaryNumber(l.fisherZ) + " " + summaryNumber(l.fisherP);
      if (l.hasControls)
        out += "  " + summaryNumber(l.sites[0].meanFloor) + " " + summaryNumber(l.sites[1].meanFloor) + "  " +
               summaryNumber(l.sites[0].kendallNull.p) + " " + summaryNumber(l.sites[1].kendallNull.p) + "  " +
               summaryNumber(l.siteNull.p) + "  " + summaryNumber(l.pairedT) + " " + summaryNumber(l.pairedP);
      out += "\n";
    }
    out += std::string("(statistics on ") + (m.settings.aboveFloor() ? "MI above the estimator floor" : "raw MI") +
           "; bins " + m.settings.bins + "; Fisher Z on Kendall taus is an approximation; * = significant after "
           "Benjamini-Hochberg)\n";
    return out;
  }

 private:
  static nlohmann::json toJson(const MiDistanceSettings& s) {
    nlohmann::json j = targetSettingsJson(s);
    j.update({{"estimator", s.estimator},
              {"bins", s.bins},
              {"zTrim", jsonNumber(s.zTrim)},
              {"zDdof", s.zDdof},
              {"ksgK", s.ksgK},
              {"ttest", s.ttest},
              {"fdrQ", jsonNumber(s.fdrQ)},
              {"alpha", jsonNumber(s.alpha)},
              {"biasCorrection", s.biasCorrection},
              {"miCompared", s.miCompared},
              {"permutations", s.permutations},
              {"seed", s.seed},
              {"compareKsg", s.compareKsg}});
    return j;
  }

  int64_t d_ = 0, nRows_ = 0;
  std::unique_ptr<CaptureRows> rows_;
  std::vector<int> pairGroup_;  // the text of each pair: the Kendall null shuffles within it
};

}  // namespace

std::unique_ptr<Analysis> makeMiDistanceAnalysis() { return std::make_unique<MiDistanceAnalysis>(); }

}  // namespace laminar
