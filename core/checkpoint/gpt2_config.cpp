#include "checkpoint/gpt2_config.h"

#include <algorithm>
#include <cmath>
#include <regex>

#include "util/atomic_file.h"
#include "util/error.h"
#include "util/json_excerpt.h"

namespace laminar {
using nlohmann::json;

namespace {

// Upper bounds far beyond any GPT-2 (XL: 1600 x 48, 50257 tokens) that keep every size
// computed from a config inside 64-bit arithmetic.
constexpr int64_t kMaxWidth = 1 << 20;
constexpr int64_t kMaxLayers = 1 << 12;
constexpr int64_t kMaxPositions = 1 << 24;
constexpr int64_t kMaxVocab = 1 << 24;

struct KnownShape {
  const char* name;
  int64_t nEmbd, nLayer, nHead;
};
constexpr KnownShape kKnownShapes[] = {
    {"gpt2", 768, 12, 12}, {"gpt2-medium", 1024, 24, 16}, {"gpt2-large", 1280, 36, 20}, {"gpt2-xl", 1600, 48, 25}};

// Hugging Face's GPT2Config.attribute_map: configs may use the generic names instead.
const std::pair<const char*, const char*> kAliases[] = {{"n_embd", "hidden_size"},
                                                        {"n_layer", "num_hidden_layers"},
                                                        {"n_head", "num_attention_heads"},
                                                        {"n_positions", "max_position_embeddings"}};

class ConfigReader {
 public:
  ConfigReader(const json& j, std::string source) : j_(j), source_(std::move(source)) {}

  // "<source>: field '<field>' <message>", coded with the parameters file, field, then `params`.
  [[noreturn]] void fail(MessageCode code, const std::string& field, MessageParams params, const std::string& message) const {
    params.insert(params.begin(), {{"file", source_}, {"field", field}});
    throw Error(Message(code, std::move(params), source_ + ": field '" + field + "' " + message));
  }

  // The JSON value of a field, under its GPT-2 name or its Hugging Face alias; nullptr if absent.
  const json* find(const std::string& field) const {
    const json* found = nullptr;
    if (j_.contains(field)) found = &j_.at(field);
    for (const auto& [name, alias] : kAliases)
      if (field == name && j_.contains(alias)) {
        // Containers never agree: comparing two of them would recurse as deep as they nest.
        const json& other = j_.at(alias);
        if (found && (found->is_structured() || other.is_structured() || *found != other))
          fail(msg::kConfigAliasDisagrees, field, {{"found", jsonExcerpt(*found)}, {"name", alias}, {"other", jsonExcerpt(other)}},
               "(" + jsonExcerpt(*found) + ") disagrees with its alias '" + alias + "' (" + jsonExcerpt(other) + ")");
        if (!found) found = &j_.at(alias);
      }
    return found;
  }

  int64_t positiveInteger(const std::string& field, int64_t maximum) const {
    const json* v = find(field);
    if (!v) fail(msg::kConfigFieldMissing, field, {}, "is missing; GPT-2 needs it");
    if (!v->is_number_integer())
      fail(msg::kConfigNotInteger, field, {{"found", jsonExcerpt(*v)}}, "must be an integer, not " + jsonExcerpt(*v));
    if (v->is_number_unsigned() ? v->get<uint64_t>() > static_cast<uint64_t>(maximum) : v->get<int64_t>() > maximum)
      fail(msg::kConfigTooLarge, field, {{"found", jsonExcerpt(*v)}, {"max", std::to_string(maximum)}},
           "is " + jsonExcerpt(*v) + ", larger than Laminar supports (at most " + std::to_string(maximum) + ")");
    int64_t x = v->get<int64_t>();
    if (x <= 0) fail(msg::kConfigNotPositive, field, {{"found", jsonExcerpt(*v)}}, "must be a positive integer, not " + jsonExcerpt(*v));
    return x;
  }

  // A boolean flag that must hold `required` (absent = the Hugging Face default, which is fine).
  // `unsupported` says why the other value is refused (its English is `why`).
  void requireFlag(const std::string& field, bool required, MessageCode unsupported, const std::string& why) const {
    if (!j_.contains(field) || j_.at(field).is_null()) return;
    const json& v = j_.at(field);
    requireBoolean(field, v);
    if (v.get<bool>() != required) fail(unsupported, field, {{"found", jsonExcerpt(v)}}, "is " + jsonExcerpt(v) + ": " + why);
  }

  void requireBoolean(const std::string& field, const json& v) const {
    if (!v.is_boolean()) fail(msg::kConfigNotBoolean, field, {{"found", jsonExcerpt(v)}}, "must be true or false, not " + jsonExcerpt(v));
  }

  const json& j_;
  std::string source_;
};

}  // namespace

int64_t Gpt2Config::parameterCount() const {
  const int64_t d = nEmbd, inner = innerDim();
  const int64_t perBlock = 2 * d                 // ln_1
                           + d * 3 * d + 3 * d   // attn.c_attn
                           + d * d + d           // attn.c_proj
                           + 2 * d               // ln_2
                           + d * inner + inner   // mlp.c_fc
                           + inner * d + d;      // mlp.c_proj
  return vocabSize * d + nPositions * d + nLayer * perBlock + 2 * d;
}

std::string Gpt2Config::shapeName() const {
  for (const auto& k : kKnownShapes)
    if (nEmbd == k.nEmbd && nLayer == k.nLayer && nHead == k.nHead && nPositions == 1024 && vocabSize == 50257 &&
        innerDim() == 4 * nEmbd)
      return k.name;
  return std::to_string(nEmbd) + "x" + std::to_string(nLayer) + "x" + std::to_string(nHead);
}

Gpt2Config Gpt2Config::fromJson(const json& j, const std::string& source) {
  if (!j.is_object())
    throw Error(fileMessage(source, msg::kConfigNotObject, {}, "not a JSON object (expected a Hugging Face GPT-2 config.json)"));
  ConfigReader r(j, source);
  Gpt2Config c;
  if (j.contains("model_type")) {
    const json& mt = j.at("model_type");
    if (!mt.is_string() || mt.get<std::string>() != "gpt2")
      r.fail(msg::kConfigNotGpt2, "model_type", {{"found", jsonExcerpt(mt)}},
             "is " + jsonExcerpt(mt) + "; Laminar runs only \"gpt2\" checkpoints");
  }
  c.nEmbd = r.positiveInteger("n_embd", kMaxWidth);
  c.nLayer = r.positiveInteger("n_layer", kMaxLayers);
  c.nHead = r.positiveInteger("n_head", kMaxWidth);
  c.nPositions = r.positiveInteger("n_positions", kMaxPositions);
  c.vocabSize = r.positiveInteger("vocab_size", kMaxVocab);
  if (c.nEmbd % c.nHead != 0)
    r.fail(msg::kConfigHeadsDoNotDivide, "n_head", {{"count", std::to_string(c.nHead)}, {"width", std::to_string(c.nEmbd)}},
           "(" + std::to_string(c.nHead) + ") does not divide n_embd (" + std::to_string(c.nEmbd) +
               "): attention heads must split the width evenly");
  if (j.contains("n_inner") && !j.at("n_inner").is_null()) c.nInner = r.positiveInteger("n_inner", kMaxWidth);

  // Hugging Face defaults apply when these are absent (layer_norm_epsilon 1e-5, gelu_new).
  if (j.contains("layer_norm_epsilon")) {
    const json& eps = j.at("layer_norm_epsilon");
    if (!eps.is_number() || !std::isfinite(eps.get<double>()) || eps.get<double>() <= 0)
      r.fail(msg::kConfigEpsilonNotPositive, "layer_norm_epsilon", {{"found", jsonExcerpt(eps)}},
             "must be a positive number, not " + jsonExcerpt(eps));
    c.layerNormEpsilon = eps.get<double>();
  }
  if (j.contains("activation_function")) {
    const json& act = j.at("activation_function");
    static const char* supported[] = {"gelu_new", "gelu_pytorch_tanh", "gelu", "relu"};
    bool ok = act.is_string() && std::any_of(std::begin(supported), std::end(supported),
                                             [&](const char* s) { return act.get<std::string>() == s; });
    if (!ok)
      r.fail(msg::kConfigActivationUnsupported, "activation_function", {{"found", jsonExcerpt(act)}},
             "is " + jsonExcerpt(act) + "; supported: gelu_new, gelu_pytorch_tanh, gelu, relu");
    c.activationFunction = act.get<std::string>();
  }

  r.requireFlag("add_cross_attention", false, msg::kConfigCrossAttention, "cross-attention (encoder-decoder GPT-2) is not supported");
  r.requireFlag("scale_attn_by_inverse_layer_idx", false, msg::kConfigScaleByLayer, "attention scaled by 1/layer is not supported");
  r.requireFlag("scale_attn_weights", true, msg::kConfigUnscaledAttention, "unscaled attention scores are not supported");
  r.requireFlag("tie_word_embeddings", true, msg::kConfigUntiedHead, "untied LM head not supported");

  if (j.contains("laminar_synthetic_weights")) {
    const json& s = j.at("laminar_synthetic_weights");
    r.requireBoolean("laminar_synthetic_weights", s);
    c.syntheticWeights = s.get<bool>();
  }
  return c;
}

Gpt2Config Gpt2Config::fromFile(const std::filesystem::path& configJson) {
  std::string text = readFile(configJson);
  json j;
  try {
    j = json::parse(text);
  } catch (const json::exception& e) {
    throw Error(fileMessage(configJson.string(), msg::kFileInvalidJson, {{"detail", e.what()}},
                            std::string("not valid JSON: ") + e.what()));
  }
  return fromJson(j, configJson.string());
}

json Gpt2Config::toJson() const {
  json j = {{"architectures", {"GPT2LMHeadModel"}},
            {"model_type", "gpt2"},
            {"n_embd", nEmbd},
            {"n_layer", nLayer},
            {"n_head", nHead},
            {"n_positions", nPositions},
            {"n_ctx", nPositions},
            {"vocab_size", vocabSize},
            {"n_inner", nInner > 0 ? json(nInner) : json(nullptr)},
            {"layer_norm_epsilon", layerNormEpsilon},
            {"activation_function", activationFunction},
            {"add_cross_attention", false},
            {"scale_attn_weights", true},
            {"scale_attn_by_inverse_layer_idx", false},
            {"reorder_and_upcast_attn", false},
            {"tie_word_embeddings", true},
            {"attn_pdrop", 0.0},
            {"embd_pdrop", 0.0},
            {"resid_pdrop", 0.0},
            {"initializer_range", 0.02},
            {"bos_token_id", 50256},
            {"eos_token_id", 50256},
            {"torch_dtype", "float32"}};
  if (syntheticWeights) {
    j["laminar_synthetic_weights"] = true;
    j["laminar_note"] =
        "Synthetic checkpoint written by laminar-cli make-synthetic: the weights are random (seeded), "
        "not trained. Any figure computed from them measures nothing about language models; use it only "
        "for demos, tests and benchmarks.";
  }
  return j;
}

Gpt2Config Gpt2Config::forShape(const std::string& shape) {
  Gpt2Config c;
  bool known = false;
  for (const auto& k : kKnownShapes)
    if (shape == k.name) {
      c.nEmbd = k.nEmbd, c.nLayer = k.nLayer, c.nHead = k.nHead;
      known = true;
    }
  if (!known) {
    static const std::regex pattern(R"(([0-9]{1,9})x([0-9]{1,9})x([0-9]{1,9}))");
    std::smatch m;
    if (!std::regex_match(shape, m, pattern))
      throw Error("unknown model shape '" + shape + "': use gpt2, gpt2-medium, gpt2-large, gpt2-xl or WIDTHxLAYERSxHEADS (e.g. 64x2x4)");
    json j = {{"n_embd", std::stoll(m[1])}, {"n_layer", std::stoll(m[2])}, {"n_head", std::stoll(m[3])},
              {"n_positions", 1024},      {"vocab_size", 50257}};
    c = fromJson(j, "shape '" + shape + "'");
  }
  c.nPositions = 1024;
  c.vocabSize = 50257;
  return c;
}

}  // namespace laminar
