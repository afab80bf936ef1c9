// The logit lens as an Analysis: after every block, the residual stream at chosen rows read
// through ln_f and the tied LM head (Gpt2Model::logitLens). Two readings per layer:
// the top-k next tokens at one chosen text and position, and, for every text, the
// probability and rank of the token that actually follows its target.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>

#include "analysis/analysis.h"
#include "analysis/analysis_inputs.h"
#include "analysis/capture_rows.h"
#include "analysis/logit_lens_results.h"
#include "analysis/result_values.h"
#include "analysis/sentence_set.h"
#include "analysis/target_locator.h"
#include "model/hook_points.h"
#include "stats/descriptive.h"
#include "tokenizer/bpe_tokenizer.h"
#include "util/error.h"

namespace laminar {

namespace {

std::vector<SettingSpec> logitLensSpecs() {
  return {
      integerSetting(kChosenTextKey, QT_TRANSLATE_NOOP("AnalysisSettings", "Text shown token by token:"),
                     QT_TRANSLATE_NOOP("AnalysisSettings",
                                       "which text of the set (1 = the first) the top tokens are read for"),
                     1, 1, 1000000),
      integerSetting(kChosenPositionKey, QT_TRANSLATE_NOOP("AnalysisSettings", "Token position (-1 = the target):"),
                     QT_TRANSLATE_NOOP("AnalysisSettings",
                                       "token position in that text (0 = its first token) whose next-token prediction "
                                       "is read; -1 = the target word's last token"),
                     -1, -1, 1000000),
      integerSetting("top-k", QT_TRANSLATE_NOOP("AnalysisSettings", "Top tokens per layer:"),
                     QT_TRANSLATE_NOOP("AnalysisSettings",
                                       "how many of the most probable next tokens to keep per layer"),
                     5, 1, 20),
  };
}

LogitLensSettings logitLensSettings(const RunSettings& run) {
  const nlohmann::json o = resolveSettings(logitLensSpecs(), run.options);
  LogitLensSettings s;
  static_cast<TargetSettings&>(s) = run.target;
  s.text = readJsonInteger<int>(o.at("text"));
  s.position = readJsonInteger<int64_t>(o.at("position"));
  s.topK = readJsonInteger<int>(o.at("top-k"));
  return s;
}

nlohmann::json settingsToJson(const LogitLensSettings& s) {
  nlohmann::json j = targetSettingsJson(s);
  j.update({{"text", s.text}, {"position", s.position}, {"topK", s.topK}});
  return j;
}

Error positionPastEnd(const std::string& source, const LogitLensSettings& s, size_t tokens) {
  return Error(fileMessage(source, msg::kAnalysisTextPastEnd,
                           {{"text", std::to_string(s.text)}, {"tokens", std::to_string(tokens)},
                            {"position", std::to_string(s.position)}},
                           "text " + std::to_string(s.text) + " has " + std::to_string(tokens) + " tokens; position " +
                               std::to_string(s.position) + " is past its end"));
}

// A text the lens reads: its target (first occurrence), whether a token follows it (then its
// next-token probability and rank are read), and whether it is the text shown token by token.
struct LensText {
  const LocatedText* text = nullptr;
  int64_t target = 0;
  bool hasNext = false;
  bool chosen = false;
};

// Every text with a token after its target, and the chosen text even without one. Throws when
// the chosen text has no target or no text has a next token.
std::vector<LensText> lensTexts(const LocatedSet& located, const LogitLensSettings& s, const std::string& source,
                                const std::string& target) {
  std::vector<LensText> out;
  bool anyChosen = false, anyNext = false;
  for (const LocatedText& t : located.texts) {
    LensText l{&t, t.occurrences.front().token, false, t.textIndex == s.text - 1};
    l.hasNext = l.target + 1 < static_cast<int64_t>(t.ids.size());
    if (!l.hasNext && !l.chosen) continue;
    anyChosen = anyChosen || l.chosen;
    anyNext = anyNext || l.hasNext;
    out.push_back(l);
  }
  if (!anyChosen) throw Error(textLacksTarget(source, s.text, target));
  if (!anyNext)
    throw Error(fileMessage(source, msg::kLogitLensNoNextToken, {},
                            "the logit lens needs a text in which a token follows the target; found none"));
  return out;
}

// Mean and its standard error (sample sd with ddof 1 over sqrt(n); NaN below two values).
std::pair<double, double> meanAndSe(const std::vector<double>& v) {
  if (v.empty()) return {std::nan(""), std::nan("")};
  const double se = v.size() < 2 ? std::nan("")
                                 : stats::standardDeviation(v, 1) / std::sqrt(static_cast<double>(v.size()));
  return {stats::mean(v), se};
}

class LogitLensAnalysis final : public Analysis {
 public:
  std::string name() const override { return "logit-lens"; }
  std::string title() const override { return QT_TRANSLATE_NOOP("AnalysisSettings", "Logit lens: next-token guesses per layer"); }
  std::string description() const override {
    return QT_TRANSLATE_NOOP("AnalysisSettings",
                             "Reads the residual stream after every block through the final layer norm and the output "
                             "layer: which next tokens each layer already favours, and how probable the actual next "
                             "token after the target is, layer by layer.");
  }
  std::vector<SettingSpec> settingSpecs() const override { return logitLensSpecs(); }
  std::string tokenLegend() const override {
    return QT_TRANSLATE_NOOP("AnalysisSettings",
                             "orange: target token, blue: the token that follows it, green: the chosen position (top tokens)");
  }

  TokenUse tokenUse(const LocatedSet& located, const RunSettings& settings, const std::string& source) const override {
    const LogitLensSettings s = logitLensSettings(settings);
    TokenUse use;
    for (const LensText& l : lensTexts(located, s, source, settings.target.target)) {
      const int text = l.text->textIndex;
      use.read(text, l.target, TokenRole::Target);
      // The next token's id is compared, its activations are not needed: not read, so the
      // run stops at the target (or at the chosen position, whose residual stream is read).
      if (l.hasNext) use.roles[text][l.target + 1] = TokenRole::Compared;
      if (l.chosen && s.position >= 0 && s.position != l.target) {
        if (s.position >= static_cast<int64_t>(l.text->ids.size())) throw positionPastEnd(source, s, l.text->ids.size());
        use.read(text, s.position, TokenRole::Focus);  // over a next token: the position's own reading is what is listed
      }
    }
    return use;
  }

  AnalysisPlan prepare(const AnalysisInputs& in, RunResults& results) override {
    const LogitLensSettings s = logitLensSettings(in.settings);
    LocatedSet located = locateTargets(in.sentences, in.tokenizer, targetOptions(in.settings.target, in.config.nPositions));
    for (auto& d : located.diagnostics) results.diagnostics.push_back(formatDiagnostic(in.sentences, d));
    const std::string source = sentenceSourceName(in.sentences);

    LogitLensResults r;
    r.settings = s;
    if (r.settings.target.empty()) r.settings.target = in.sentences.target;
    r.nLayer = static_cast<int>(in.config.nLayer);
    r.width = static_cast<int>(in.config.nEmbd);
    r.vocab = in.config.vocabSize;
    AnalysisPlan plan;
    std::vector<std::pair<int, int64_t>> rows;
    int chosenSequence = -1;
    // Only the texts with a row run: a batch of other texts would change float rounding, and
    // the saved vectors must be the hooks' values bit for bit (activation provenance).
    for (const LensText& l : lensTexts(located, s, source, r.settings.target)) {
      const LocatedText& t = *l.text;
      const int64_t p = l.target;
      const int sequence = static_cast<int>(plan.ids.size());
      plan.ids.push_back(t.ids);
      if (l.hasNext) {
        rows.emplace_back(sequence, p);
        r.textIndex.push_back(t.textIndex);
        r.position.push_back(p);
        r.nextId.push_back(t.ids[static_cast<size_t>(p + 1)]);
        r.nextToken.push_back(in.tokenizer.tokenLabel(r.nextId.back()));
      }
      if (l.chosen) {
        chosenSequence = sequence;
        r.chosenPosition = s.position < 0 ? p : s.position;
        if (r.chosenPosition >= static_cast<int64_t>(t.ids.size())) throw positionPastEnd(source, s, t.ids.size());
        for (int64_t k = 0; k <= r.chosenPosition; ++k) r.chosenTokens.push_back(in.tokenizer.tokenLabel(t.ids[static_cast<size_t>(k)]));
        r.chosenDecoded = in.tokenizer.decode({t.ids.begin(), t.ids.begin() + r.chosenPosition + 1});
        if (r.chosenPosition + 1 < static_cast<int64_t>(t.ids.size())) {
          r.chosenNextId = t.ids[static_cast<size_t>(r.chosenPosition + 1)];
          r.chosenNextToken = in.tokenizer.tokenLabel(r.chosenNextId);
        }
      }
    }
    r.chosenText = s.text - 1;
    nRows_ = static_cast<int64_t>(rows.size());
    rows.emplace_back(chosenSequence, r.chosenPosition);  // the last row is the chosen one
    rows_ = std::make_unique<CaptureRows>(static_cast<int>(plan.ids.size()), rows);
    nextId_ = torch::tensor(r.nextId, torch::kLong).to(in.device);
    model_ = &in.model;  // both outlive the run (runExperiment's arguments)
    tokenizer_ = &in.tokenizer;
    topK_ = static_cast<int64_t>(std::min<int64_t>(s.topK, r.vocab));
    results.data = std::move(r);
    plan.capture = rows_->everyBlock(in.config.nLayer, {hook::kResidPost});
    return plan;
  }

  void consumeBlock(int layer, const Captures& captures, RunResults& results) override {
    torch::NoGradGuard noGrad;
    LogitLensResults& r = *results.get<LogitLensResults>();
    torch::Tensor x = rows_->gather(captures, hookName(layer, hook::kResidPost)).to(torch::kFloat32);  // [R+1, d]
    torch::Tensor cpu = x.to(torch::kCPU).contiguous();
    results.vectors.push_back(StoredArray::from("layer" + std::to_string(layer) + ".resid_post", DType::F32,
                                                {nRows_ + 1, r.width}, cpu.data_ptr<float>()));
    torch::Tensor logits = model_->logitLens(x).to(torch::kFloat64);  // [R+1, vocab]
    torch::Tensor logp = torch::log_softmax(logits, 1);
    LogitLensLayer out;
    out.layer = layer;
    torch::Tensor rowLogits = logits.narrow(0, 0, nRows_);
    torch::Tensor actual = rowLogits.gather(1, nextId_.unsqueeze(1));  // [R, 1]
    torch::Tensor prob = logp.narrow(0, 0, nRows_).gather(1, nextId_.unsqueeze(1)).exp().squeeze(1).to(torch::kCPU);
    torch::Tensor rank = (rowLogits > actual).sum(1).add(1).to(torch::kCPU);  // 1 = the top token
    out.nextProb.assign(prob.data_ptr<double>(), prob.data_ptr<double>() + nRows_);
    out.nextRank.assign(rank.data_ptr<int64_t>(), rank.data_ptr<int64_t>() + nRows_);
    std::tie(out.meanNextProb, out.seNextProb) = meanAndSe(out.nextProb);
    // Ranks below 2^53 are exact as doubles.
    out.medianNextRank = stats::median(std::vector<double>(out.nextRank.begin(), out.nextRank.end()));
    auto [topLogp, topIds] = logp[nRows_].topk(topK_);
    topLogp = topLogp.exp().to(torch::kCPU).contiguous();
    topIds = topIds.to(torch::kCPU).contiguous();
    for (int64_t k = 0; k < topK_; ++k) {
      out.topIds.push_back(topIds[k].item<int64_t>());
      out.topProbs.push_back(topLogp[k].item<double>());
      out.topTokens.push_back(tokenizer_->tokenLabel(out.topIds.back()));
    }
    r.layers.push_back(std::move(out));
  }

  void recordTimings(int layer, double forwardSeconds, double analysisSeconds, RunResults& results) override {
    recordLayerTimings<LogitLensResults>(results, layer, forwardSeconds, analysisSeconds);
  }

  void finish(RunResults&) override {}

  nlohmann::json settingsJson(const RunSettings& settings) const override { return settingsToJson(logitLensSettings(settings)); }

  nlohmann::json toJson(const RunResults& results) const override {
    const LogitLensResults& r = *results.get<LogitLensResults>();
    nlohmann::json j = {{"settings", settingsToJson(r.settings)},
                        {"nLayer", r.nLayer},
                        {"width", r.width},
                        {"vocab", r.vocab},
                        {"chosen", {{"text", r.chosenText},
                                    {"position", r.chosenPosition},
                                    {"tokens", r.chosenTokens},
                                    {"decoded", r.chosenDecoded},
                                    {"nextId", r.chosenNextId},
                                    {"nextToken", r.chosenNextToken}}},
                        {"rows", {{"textIndex", r.textIndex},
                                  {"position", r.position},
                                  {"nextId", r.nextId},
                                  {"nextToken", r.nextToken}}}};
    j["layers"] = nlohmann::json::array();
    for (const LogitLensLayer& l : r.layers)
      j["layers"].push_back({{"layer", l.layer},
                             {"forwardSeconds", jsonNumber(l.forwardSeconds)},
                             {"analysisSeconds", jsonNumber(l.analysisSeconds)},
                             {"topIds", l.topIds},
                             {"topTokens", l.topTokens},
                             {"topProbs", jsonNumbers(l.topProbs)},
                             {"nextProb", jsonNumbers(l.nextProb)},
                             {"nextRank", l.nextRank},
                             {"meanNextProb", jsonNumber(l.meanNextProb)},
                             {"seNextProb", jsonNumber(l.seNextProb)},
                             {"medianNextRank", jsonNumber(l.medianNextRank)}});
    return j;
  }

  void fromJson(const nlohmann::json& j, RunResults& results) const override {
    LogitLensResults r;
    const auto& sj = j.at("settings");
    static_cast<TargetSettings&>(r.settings) = targetSettingsFromJson(sj);
    r.settings.text = readJsonInteger<int>(sj.at("text"));
    r.settings.position = readJsonInteger<int64_t>(sj.at("position"));
    r.settings.topK = readJsonInteger<int>(sj.at("topK"));
    r.nLayer = readJsonInteger<int>(j.at("nLayer"));
    r.width = readJsonInteger<int>(j.at("width"));
    r.vocab = readJsonInteger<int64_t>(j.at("vocab"));
    const auto& c = j.at("chosen");
    r.chosenText = readJsonInteger<int>(c.at("text"));
    r.chosenPosition = readJsonInteger<int64_t>(c.at("position"));
    r.chosenTokens = c.at("tokens").get<std::vector<std::string>>();
    r.chosenDecoded = c.value("decoded", std::string());  // absent before 2026-12-07
    r.chosenNextId = readJsonInteger<int64_t>(c.at("nextId"));
    r.chosenNextToken = c.at("nextToken").get<std::string>();
    const auto& rows = j.at("rows");
    r.textIndex = readJsonIntegers<int>(rows.at("textIndex"));
    r.position = readJsonIntegers<int64_t>(rows.at("position"));
    r.nextId = readJsonIntegers<int64_t>(rows.at("nextId"));
    r.nextToken = rows.at("nextToken").get<std::vector<std::string>>();
    const size_t n = r.textIndex.size();
    if (r.position.size() != n || r.nextId.size() != n || r.nextToken.size() != n)
      throw Error("logit-lens: the \"rows\" lists differ in length");
    for (const auto& lj : j.at("layers")) {
      LogitLensLayer l;
      l.layer = readJsonInteger<int>(lj.at("layer"));
      l.forwardSeconds = readJsonNumber(lj.at("forwardSeconds"));
      l.analysisSeconds = readJsonNumber(lj.at("analysisSeconds"));
      l.topIds = readJsonIntegers<int64_t>(lj.at("topIds"));
      l.topTokens = lj.at("topTokens").get<std::vector<std::string>>();
      l.topProbs = readJsonNumbers(lj.at("topProbs"));
      l.nextProb = readJsonNumbers(lj.at("nextProb"));
      l.nextRank = readJsonIntegers<int64_t>(lj.at("nextRank"));
      l.meanNextProb = readJsonNumber(lj.at("meanNextProb"));
      l.seNextProb = readJsonNumber(lj.at("seNextProb"));
      l.medianNextRank = readJsonNumber(lj.at("medianNextRank"));
      if (l.topTokens.size() != l.topIds.size() || l.topProbs.size() != l.topIds.size() || l.nextProb.size() != n ||
          l.nextRank.size() != n)
        throw Error("logit-lens: layer " + std::to_string(l.layer) + " has lists of the wrong length");
      r.layers.push_back(std::move(l));
    }
    results.nLayer = r.nLayer;
    results.layersDone = static_cast<int>(r.layers.size());
    results.data = std::move(r);
  }

  std::vector<CsvTable> tables(const RunResults& results) const override {
    const LogitLensResults& r = *results.get<LogitLensResults>();
    std::string profile = "layer,mean_next_prob,se_next_prob,median_next_rank\n";
    std::string top = "layer,rank,token_id,token,prob\n";
    std::string rows = "layer,text,position,next_id,next_token,next_prob,next_rank\n";
    for (const LogitLensLayer& l : r.layers) {
      const std::string layer = std::to_string(l.layer);
      profile += layer + "," + csvNumber(l.meanNextProb) + "," + csvNumber(l.seNextProb) + "," +
                 csvNumber(l.medianNextRank) + "\n";
      for (size_t k = 0; k < l.topIds.size(); ++k)
        top += layer + "," + std::to_string(k + 1) + "," + std::to_string(l.topIds[k]) + "," + csvField(l.topTokens[k]) +
               "," + csvNumber(l.topProbs[k]) + "\n";
      for (size_t i = 0; i < l.nextProb.size(); ++i)
        rows += layer + "," + std::to_string(r.textIndex[i]) + "," + std::to_string(r.position[i]) + "," +
                std::to_string(r.nextId[i]) + "," + csvField(r.nextToken[i]) + "," + csvNumber(l.nextProb[i]) + "," +
                std::to_string(l.nextRank[i]) + "\n";
    }
    return {{"profile.csv", profile}, {"top_tokens.csv", top}, {"rows.csv", rows}};
  }

  std::string summary(const RunResults& results) const override {
    const LogitLensResults& r = *results.get<LogitLensResults>();
    std::string out = "layer  P(next) mean  se  median rank   top token at text " + std::to_string(r.chosenText + 1) +
                      ", position " + std::to_string(r.chosenPosition) + "\n";
    for (const LogitLensLayer& l : r.layers)
      out += std::to_string(l.layer) + "  " + summaryNumber(l.meanNextProb) + "  " + summaryNumber(l.seNextProb) + "  " +
             summaryNumber(l.medianNextRank) + "   " + (l.topTokens.empty() ? "" : "\"" + l.topTokens[0] + "\" " + summaryNumber(l.topProbs[0])) +
             "\n";
    return out;
  }

 private:
  const Gpt2Model* model_ = nullptr;
  const BpeTokenizer* tokenizer_ = nullptr;
  std::unique_ptr<CaptureRows> rows_;
  torch::Tensor nextId_;
  int64_t nRows_ = 0, topK_ = 5;
};

}  // namespace

std::unique_ptr<Analysis> makeLogitLensAnalysis() { return std::make_unique<LogitLensAnalysis>(); }

}  // namespace laminar
