// Attention patterns as an Analysis: blocks.{l}.attn.hook_pattern of one chosen text, every
// head, every layer (the view BertViz users know), and the attention the target token pays
// to each token, averaged over heads. hook_q and hook_k are saved beside the pattern so that
// tools/verify_results.py can recompute softmax(q k^T / sqrt(d_head)) with numpy.
#include <cstdio>
#include <memory>

#include "analysis/analysis.h"
#include "analysis/analysis_inputs.h"
#include "analysis/attention_pattern_results.h"
#include "analysis/result_values.h"
#include "analysis/sentence_set.h"
#include "analysis/target_locator.h"
#include "model/hook_points.h"
#include "tokenizer/bpe_tokenizer.h"
#include "util/error.h"

namespace laminar {

namespace {

std::vector<SettingSpec> attentionPatternSpecs() {
  return {integerSetting(kChosenTextKey, QT_TRANSLATE_NOOP("AnalysisSettings", "Text shown:"),
                         QT_TRANSLATE_NOOP("AnalysisSettings",
                                           "which text of the set (1 = the first) to show the attention of"),
                         1, 1, 1000000)};
}

AttentionPatternSettings attentionPatternSettings(const RunSettings& run) {
  const nlohmann::json o = resolveSettings(attentionPatternSpecs(), run.options);
  AttentionPatternSettings s;
  static_cast<TargetSettings&>(s) = run.target;
  s.text = readJsonInteger<int>(o.at("text"));
  return s;
}

nlohmann::json settingsToJson(const AttentionPatternSettings& s) {
  nlohmann::json j = targetSettingsJson(s);
  j.update({{"text", s.text}});
  return j;
}

std::string patternName(int layer) { return "layer" + std::to_string(layer) + ".pattern"; }

// The one text the patterns are drawn for; throws when it holds no target.
const LocatedText& chosenText(const LocatedSet& located, const AttentionPatternSettings& s, const std::string& source,
                              const std::string& target) {
  for (const LocatedText& t : located.texts)
    if (t.textIndex == s.text - 1) return t;
  throw Error(textLacksTarget(source, s.text, target));
}

class AttentionPatternAnalysis final : public Analysis {
 public:
  std::string name() const override { return "attention-pattern"; }
  std::string title() const override { return QT_TRANSLATE_NOOP("AnalysisSettings", "Attention patterns of one text"); }
  std::string description() const override {
    return QT_TRANSLATE_NOOP("AnalysisSettings",
                             "Shows where every attention head looks: for one text, each head's token-by-token "
                             "attention weights at every layer, and how much attention the target word pays to each "
                             "earlier token.");
  }
  std::vector<SettingSpec> settingSpecs() const override { return attentionPatternSpecs(); }
  std::string tokenLegend() const override {
    return QT_TRANSLATE_NOOP("AnalysisSettings", "orange: the target token of the chosen text, whose attention is shown");
  }

  TokenUse tokenUse(const LocatedSet& located, const RunSettings& settings, const std::string& source) const override {
    const LocatedText& t = chosenText(located, attentionPatternSettings(settings), source, settings.target.target);
    TokenUse use;
    use.roles[t.textIndex][t.occurrences.front().token] = TokenRole::Target;
    use.lastComputed[t.textIndex] = static_cast<int64_t>(t.ids.size()) - 1;  // every token's pattern is shown
    return use;
  }

  AnalysisPlan prepare(const AnalysisInputs& in, RunResults& results) override {
    const AttentionPatternSettings s = attentionPatternSettings(in.settings);
    LocatedSet located = locateTargets(in.sentences, in.tokenizer, targetOptions(in.settings.target, in.config.nPositions));
    for (auto& d : located.diagnostics) results.diagnostics.push_back(formatDiagnostic(in.sentences, d));
    const std::string source = sentenceSourceName(in.sentences);
    AttentionPatternResults r;
    r.settings = s;
    if (r.settings.target.empty()) r.settings.target = in.sentences.target;
    const LocatedText* chosen = &chosenText(located, s, source, r.settings.target);
    r.nLayer = static_cast<int>(in.config.nLayer);
    r.nHead = static_cast<int>(in.config.nHead);
    r.width = static_cast<int>(in.config.nEmbd);
    r.text = chosen->textIndex;
    r.targetPosition = chosen->occurrences.front().token;
    for (int64_t id : chosen->ids) r.tokens.push_back(in.tokenizer.tokenLabel(id));
    length_ = r.length();
    results.data = std::move(r);

    AnalysisPlan plan;
    plan.ids = {chosen->ids};
    for (int64_t l = 0; l < in.config.nLayer; ++l)
      for (HookSuffix h : {hook::kAttnQ, hook::kAttnK, hook::kAttnPattern}) plan.capture.hooks.push_back(hookName(static_cast<int>(l), h));
    plan.capture.toCpu = true;  // one short text: the copies are small
    return plan;
  }

  void consumeBlock(int layer, const Captures& captures, RunResults& results) override {
    torch::NoGradGuard noGrad;
    AttentionPatternResults& r = *results.get<AttentionPatternResults>();
    const std::string l = "layer" + std::to_string(layer) + ".";
    for (HookSuffix h : {hook::kAttnQ, hook::kAttnK}) {
      torch::Tensor x = capture(captures, hookName(layer, h)).to(torch::kFloat32).contiguous();  // [T, d]
      results.vectors.push_back(StoredArray::from(l + (h == hook::kAttnQ ? "q" : "k"), DType::F32, {length_, r.width},
                                                  x.data_ptr<float>()));
    }
    torch::Tensor p = capture(captures, hookName(layer, hook::kAttnPattern)).to(torch::kFloat32).contiguous();  // [H, T, T]
    results.vectors.push_back(StoredArray::from(patternName(layer), DType::F32, {r.nHead, length_, length_},
                                                p.data_ptr<float>()));
    AttentionPatternLayer out;
    out.layer = layer;
    out.pattern.assign(p.data_ptr<float>(), p.data_ptr<float>() + p.numel());
    torch::Tensor mass = p.select(1, r.targetPosition).to(torch::kFloat64).mean(0).contiguous();  // [T]
    out.targetMass.assign(mass.data_ptr<double>(), mass.data_ptr<double>() + mass.numel());
    r.layers.push_back(std::move(out));
  }

  void recordTimings(int layer, double forwardSeconds, double analysisSeconds, RunResults& results) override {
    recordLayerTimings<AttentionPatternResults>(results, layer, forwardSeconds, analysisSeconds);
  }

  void finish(RunResults&) override {}

  nlohmann::json settingsJson(const RunSettings& settings) const override {
    return settingsToJson(attentionPatternSettings(settings));
  }

  nlohmann::json toJson(const RunResults& results) const override {
    const AttentionPatternResults& r = *results.get<AttentionPatternResults>();
    nlohmann::json j = {{"settings", settingsToJson(r.settings)},
                        {"nLayer", r.nLayer},
                        {"nHead", r.nHead},
                        {"width", r.width},
                        {"text", r.text},
                        {"targetPosition", r.targetPosition},
                        {"tokens", r.tokens},
                        {"patterns", "vectors.safetensors: layer{l}.pattern [head, query, key]"}};
    j["layers"] = nlohmann::json::array();
    for (const AttentionPatternLayer& l : r.layers)
      j["layers"].push_back({{"layer", l.layer},
                             {"forwardSeconds", jsonNumber(l.forwardSeconds)},
                             {"analysisSeconds", jsonNumber(l.analysisSeconds)},
                             {"targetMass", jsonNumbers(l.targetMass)}});
    return j;
  }

  void fromJson(const nlohmann::json& j, RunResults& results) const override {
    AttentionPatternResults r;
    const auto& sj = j.at("settings");
    static_cast<TargetSettings&>(r.settings) = targetSettingsFromJson(sj);
    r.settings.text = readJsonInteger<int>(sj.at("text"));
    r.nLayer = readJsonInteger<int>(j.at("nLayer"));
    r.nHead = readJsonInteger<int>(j.at("nHead"));
    r.width = readJsonInteger<int>(j.at("width"));
    r.text = readJsonInteger<int>(j.at("text"));
    r.targetPosition = readJsonInteger<int64_t>(j.at("targetPosition"));
    r.tokens = j.at("tokens").get<std::vector<std::string>>();
    if (r.nHead < 1 || r.targetPosition < 0 || r.targetPosition >= r.length())
      throw Error("attention-pattern: nHead or targetPosition out of range");
    for (const auto& lj : j.at("layers")) {
      AttentionPatternLayer l;
      l.layer = readJsonInteger<int>(lj.at("layer"));
      l.forwardSeconds = readJsonNumber(lj.at("forwardSeconds"));
      l.analysisSeconds = readJsonNumber(lj.at("analysisSeconds"));
      l.targetMass = readJsonNumbers(lj.at("targetMass"));
      if (static_cast<int64_t>(l.targetMass.size()) != r.length())
        throw Error("attention-pattern: layer " + std::to_string(l.layer) + " targetMass has the wrong length");
      r.layers.push_back(std::move(l));
    }
    results.nLayer = r.nLayer;
    results.layersDone = static_cast<int>(r.layers.size());
    results.data = std::move(r);
  }

  void fromVectors(RunResults& results, const LoadProgress&) const override {
    AttentionPatternResults& r = *results.get<AttentionPatternResults>();
    for (AttentionPatternLayer& l : r.layers) {
      const std::string name = patternName(l.layer);
      const StoredArray* a = nullptr;
      for (const StoredArray& v : results.vectors)
        if (v.name == name) a = &v;
      const std::vector<int64_t> shape = {r.nHead, r.length(), r.length()};
      if (!a || a->dtype != DType::F32 || a->shape != shape)
        throw Error("tensor \"" + name + "\" is missing or not F32 [" + std::to_string(r.nHead) + ", " +
                    std::to_string(r.length()) + ", " + std::to_string(r.length()) + "]");
      l.pattern = a->values<float>();
    }
  }

  std::vector<CsvTable> tables(const RunResults& results) const override {
    const AttentionPatternResults& r = *results.get<AttentionPatternResults>();
    std::string mass = "layer,key_position,token,target_mass\n";
    for (const AttentionPatternLayer& l : r.layers)
      for (size_t k = 0; k < l.targetMass.size(); ++k)
        mass += std::to_string(l.layer) + "," + std::to_string(k) + "," + csvField(r.tokens[k]) + "," +
                csvNumber(l.targetMass[k]) + "\n";
    return {{"target_mass.csv", mass}};
  }

  std::string summary(const RunResults& results) const override {
    const AttentionPatternResults& r = *results.get<AttentionPatternResults>();
    std::string out = "layer  token the target (position " + std::to_string(r.targetPosition) +
                      ") attends to most (mean over heads)\n";
    for (const AttentionPatternLayer& l : r.layers) {
      size_t best = 0;
      for (size_t k = 1; k < l.targetMass.size(); ++k)
        if (l.targetMass[k] > l.targetMass[best]) best = k;
      out += std::to_string(l.layer) + "  " + std::to_string(best) + " \"" + r.tokens[best] + "\" " +
             summaryNumber(l.targetMass[best]) + "\n";
    }
    return out;
  }

 private:
  static torch::Tensor capture(const Captures& captures, const std::string& hook) {
    const auto it = captures.find(hook);
    if (it == captures.end() || it->second.empty()) throw Error("the model did not deliver " + hook);
    return it->second.front();
  }

  int64_t length_ = 0;
};

}  // namespace

std::unique_ptr<Analysis> makeAttentionPatternAnalysis() { return std::make_unique<AttentionPatternAnalysis>(); }

}  // namespace laminar
