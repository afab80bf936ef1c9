#include "activation_provenance.h"

#include <algorithm>
#include <cstring>
#include <map>
#include <numeric>
#include <set>
#include <sstream>

#include "analysis/attention_pattern_results.h"
#include "analysis/logit_lens_results.h"
#include "analysis/mi_distance_results.h"
#include "analysis/sentence_set.h"
#include "analysis/similarity_results.h"
#include "analysis/target_locator.h"
#include "model/gpt2_model.h"
#include "model/hook_points.h"
#include "tokenizer/bpe_tokenizer.h"

namespace laminar::test {

namespace {

constexpr int64_t kEndOfText = 50256;

// Experiment 1 (docs/results-format.md): layer{l}.{group}.qkv = [hook_q | hook_k | hook_v] at
// the group's (textIndex, tokenPosition) rows.
std::vector<VectorSource> similaritySources(const RunResults& r) {
  std::vector<VectorSource> out;
  const SimilarityResults& s = *r.get<SimilarityResults>();
  const char* groups[] = {"target", "nontarget"};
  for (const SimilarityLayer& l : s.layers)
    for (size_t g = 0; g < 2; ++g) {
      VectorSource v{"layer" + std::to_string(l.layer) + "." + groups[g] + ".qkv",
                     l.layer,
                     {hook::kAttnQ, hook::kAttnK, hook::kAttnV},
                     {}};
      for (size_t k = 0; k < s.textIndex[g].size(); ++k) v.rows.push_back({s.textIndex[g][k], s.tokenPosition[g][k]});
      out.push_back(std::move(v));
    }
  return out;
}

// Experiment 2: layer{l}.attn = hook_attn_out, layer{l}.mlp = hook_mlp_out at the occurrences.
std::vector<VectorSource> miDistanceSources(const RunResults& r) {
  std::vector<VectorSource> out;
  const MiDistanceResults& m = *r.get<MiDistanceResults>();
  std::vector<TokenRow> rows;
  for (size_t k = 0; k < m.occurrenceText.size(); ++k) rows.push_back({m.occurrenceText[k], m.occurrencePosition[k]});
  for (const MiLayer& l : m.layers) {
    out.push_back({"layer" + std::to_string(l.layer) + ".attn", l.layer, {hook::kAttnOut}, rows});
    out.push_back({"layer" + std::to_string(l.layer) + ".mlp", l.layer, {hook::kMlpOut}, rows});
  }
  return out;
}

// Logit lens: layer{l}.resid_post = hook_resid_post at every text's target row, then the
// chosen (text, position) row last.
std::vector<VectorSource> logitLensSources(const RunResults& r) {
  std::vector<VectorSource> out;
  const LogitLensResults& m = *r.get<LogitLensResults>();
  std::vector<TokenRow> rows;
  for (size_t k = 0; k < m.textIndex.size(); ++k) rows.push_back({m.textIndex[k], m.position[k]});
  rows.push_back({m.chosenText, m.chosenPosition});
  for (const LogitLensLayer& l : m.layers)
    out.push_back({"layer" + std::to_string(l.layer) + ".resid_post", l.layer, {hook::kResidPost}, rows});
  return out;
}

// Attention patterns: layer{l}.q / .k = hook_q / hook_k at every token of the chosen text;
// layer{l}.pattern = its whole hook_pattern.
std::vector<VectorSource> attentionPatternSources(const RunResults& r) {
  std::vector<VectorSource> out;
  const AttentionPatternResults& a = *r.get<AttentionPatternResults>();
  std::vector<TokenRow> rows;
  for (int64_t p = 0; p < a.length(); ++p) rows.push_back({a.text, p});
  for (const AttentionPatternLayer& l : a.layers) {
    const std::string prefix = "layer" + std::to_string(l.layer) + ".";
    out.push_back({prefix + "q", l.layer, {hook::kAttnQ}, rows});
    out.push_back({prefix + "k", l.layer, {hook::kAttnK}, rows});
    out.push_back({prefix + "pattern", l.layer, {hook::kAttnPattern}, rows, true});
  }
  return out;
}

bool prependBosOf(const RunResults& r) {
  const auto& s = r.metadata.at("settings");
  return s.contains("prependBos") && s.at("prependBos").get<bool>();
}

const StoredArray* findVector(const RunResults& r, const std::string& name) {
  for (const auto& v : r.vectors)
    if (v.name == name) return &v;
  return nullptr;
}

// Which captured hook of `layer` (any position of sequence `seq`) holds exactly `row`?
std::string whereRowIs(const Captures& all, int layer, size_t seq, const float* row, int64_t width) {
  for (const auto& suffix : blockHookSuffixes()) {
    auto it = all.find(hookName(layer, suffix));
    if (it == all.end()) continue;
    const torch::Tensor& t = it->second.at(seq);
    if (t.dim() != 2 || t.size(1) != width) continue;
    for (int64_t p = 0; p < t.size(0); ++p)
      if (std::memcmp(t[p].contiguous().data_ptr<float>(), row, static_cast<size_t>(width) * sizeof(float)) == 0)
        return "it equals " + it->first + " at position " + std::to_string(p);
  }
  return "it equals no hook of that block at any position of the text";
}

}  // namespace

const std::vector<ProvenanceEntry>& provenanceTable() {
  static const std::vector<ProvenanceEntry> table = {
      {"similarity", "her.txt", similaritySources},
      {"mi-distance", "coffee.txt", miDistanceSources},
      {"logit-lens", "her.txt", logitLensSources},
      {"attention-pattern", "her.txt", attentionPatternSources},
  };
  return table;
}

const ProvenanceEntry* findProvenance(const std::string& analysis) {
  for (const auto& e : provenanceTable())
    if (e.analysis == analysis) return &e;
  return nullptr;
}

std::vector<int64_t> analysisIds(const BpeTokenizer& tokenizer, const SentenceSet& sentences, int textIndex,
                                 bool prependBos) {
  std::vector<int64_t> ids;
  if (prependBos) ids.push_back(kEndOfText);
  auto text = tokenizer.encodeIds(removeBrackets(sentences.texts.at(static_cast<size_t>(textIndex)).text).text);
  ids.insert(ids.end(), text.begin(), text.end());
  return ids;
}

::testing::AssertionResult activationsMatchHooks(const Gpt2Model& model, const BpeTokenizer& tokenizer,
                                                 const SentenceSet& sentences, const RunResults& results,
                                                 const std::vector<VectorSource>& sources) {
  // The analyses run the texts that have a row, in text order: do the same, so the model sees
  // exactly the batch it saw then (the comparison is bit for bit).
  std::set<int> used;
  for (const auto& s : sources)
    for (const auto& r : s.rows) used.insert(r.textIndex);
  std::map<int, size_t> sequenceOf;
  std::vector<std::vector<int64_t>> ids;
  const bool bos = prependBosOf(results);
  for (int t : used) {
    sequenceOf[t] = ids.size();
    ids.push_back(analysisIds(tokenizer, sentences, t, bos));
  }
  if (ids.empty()) return ::testing::AssertionFailure() << "the results record no token rows";
  // Capture every position up to each text's last recorded row: the model then runs each
  // sequence exactly as far as the analysis did (it stops after the last requested position),
  // so the batch rows line up as they did then and the bits must agree.
  std::vector<int64_t> lastRow(ids.size(), 0);
  for (const auto& s : sources)
    for (const auto& r : s.rows) {
      int64_t& last = lastRow[sequenceOf.at(r.textIndex)];
      last = std::max(last, r.position);
    }
  CaptureSpec spec;
  spec.hooks = allHookPoints(static_cast<int>(model.config().nLayer));
  for (size_t q = 0; q < ids.size(); ++q) {
    std::vector<int64_t> upTo(static_cast<size_t>(std::min<int64_t>(lastRow[q], static_cast<int64_t>(ids[q].size()) - 1) + 1));
    std::iota(upTo.begin(), upTo.end(), 0);
    spec.positions.push_back(std::move(upTo));
  }
  Captures all = model.run(ids, spec);

  std::ostringstream bad;
  int problems = 0;
  std::set<std::string> described;
  for (const auto& s : sources) {
    described.insert(s.vector);
    const StoredArray* v = findVector(results, s.vector);
    if (!v) {
      bad << "\n  " << s.vector << ": not in vectors.safetensors";
      ++problems;
      continue;
    }
    if (s.wholeTensor) {
      const torch::Tensor t = all.at(hookName(s.layer, s.hookSuffixes.at(0))).at(sequenceOf.at(s.rows.at(0).textIndex)).contiguous();
      const std::vector<int64_t> shape(t.sizes().begin(), t.sizes().end());
      if (v->dtype != DType::F32 || v->shape != shape ||
          std::memcmp(t.data_ptr<float>(), v->bytes.data(), v->bytes.size()) != 0) {
        bad << "\n  " << s.vector << ": not the whole " << hookName(s.layer, s.hookSuffixes[0]) << " of text "
            << s.rows[0].textIndex;
        ++problems;
      }
      continue;
    }
    int64_t width = 0;
    std::vector<const std::vector<torch::Tensor>*> hooks;
    for (const auto& suffix : s.hookSuffixes) {
      const auto& h = all.at(hookName(s.layer, suffix));
      hooks.push_back(&h);
      width += h.at(0).size(1);
    }
    const std::vector<int64_t> shape = {static_cast<int64_t>(s.rows.size()), width};
    if (v->dtype != DType::F32 || v->shape != shape) {
      bad << "\n  " << s.vector << ": shape or dtype differs from " << s.rows.size() << " x " << width << " F32";
      ++problems;
      continue;
    }
    const std::vector<float> saved = v->values<float>();
    for (size_t k = 0; k < s.rows.size(); ++k) {
      const TokenRow& row = s.rows[k];
      const size_t seq = sequenceOf.at(row.textIndex);
      int64_t column = 0;
      for (size_t h = 0; h < hooks.size(); ++h) {
        const torch::Tensor& t = hooks[h]->at(seq);
        const int64_t w = t.size(1);
        const float* got = saved.data() + static_cast<int64_t>(k) * width + column;
        const std::string name = hookName(s.layer, s.hookSuffixes[h]);
        if (row.position < 0 || row.position >= t.size(0)) {
          bad << "\n  " << s.vector << " row " << k << ": position " << row.position << " outside text "
              << row.textIndex << " (" << t.size(0) << " tokens)";
          ++problems;
        } else if (std::memcmp(t[row.position].contiguous().data_ptr<float>(), got, static_cast<size_t>(w) * sizeof(float)) != 0) {
          if (++problems <= 20)
            bad << "\n  " << s.vector << " row " << k << " columns " << column << ".." << column + w - 1
                << " (text " << row.textIndex << ", position " << row.position << "): not " << name << "; "
                << whereRowIs(all, s.layer, seq, got, w);
        }
        column += w;
      }
    }
  }
  for (const auto& v : results.vectors)
    if (v.dtype == DType::F32 && !described.count(v.name)) {
      bad << "\n  " << v.name << ": saved but no provenance describes it";
      ++problems;
    }
  if (problems) return ::testing::AssertionFailure() << problems << " provenance problem(s):" << bad.str();
  return ::testing::AssertionSuccess();
}

}  // namespace laminar::test
