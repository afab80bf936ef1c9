// config.json: the fields GPT-2 needs, Hugging Face defaults and aliases, and a corpus of
// configs GPT-2 code cannot run, each refused with a message naming the file and the field.
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <map>

#include "checkpoint/gpt2_config.h"
#include "io/safetensors.h"
#include "util/atomic_file.h"
#include "util/error.h"

namespace fs = std::filesystem;
using laminar::Gpt2Config;
using nlohmann::json;

namespace {

const fs::path kTiny = fs::path(LAMINAR_SHARED_DIR) / "reference" / "gpt2-tiny";

json tinyConfig() { return json::parse(laminar::readFile(kTiny / "config.json")); }

std::string configError(const json& j) {
  try {
    Gpt2Config::fromJson(j, "test/config.json");
  } catch (const laminar::Error& e) {
    return e.what();
  }
  return "(no error)";
}

// The code the refusal carries (the window translates by it), "" when none.
std::string configErrorCode(const json& j) {
  try {
    Gpt2Config::fromJson(j, "test/config.json");
  } catch (const laminar::Error& e) {
    return e.message().code;
  }
  return "(no error)";
}

TEST(Gpt2ConfigTest, ReadsTheReferenceConfig) {
  Gpt2Config c = Gpt2Config::fromFile(kTiny / "config.json");
  EXPECT_EQ(c.nEmbd, 64);
  EXPECT_EQ(c.nLayer, 3);
  EXPECT_EQ(c.nHead, 4);
  EXPECT_EQ(c.nPositions, 64);
  EXPECT_EQ(c.vocabSize, 1000);
  EXPECT_EQ(c.nInner, 0);
  EXPECT_EQ(c.innerDim(), 256);
  EXPECT_EQ(c.headDim(), 16);
  EXPECT_DOUBLE_EQ(c.layerNormEpsilon, 1e-5);
  EXPECT_EQ(c.activationFunction, "gelu_new");
  EXPECT_FALSE(c.syntheticWeights);
  EXPECT_EQ(c.shapeName(), "64x3x4");
}

TEST(Gpt2ConfigTest, ParameterCountMatchesWhatHuggingFaceStored) {
  // The reference checkpoint was written by transformers: its tensors are the parameters.
  auto file = laminar::SafetensorsFile::open(kTiny / "model.safetensors");
  int64_t stored = 0;
  for (const auto& t : file->tensors()) stored += t.numel();
  EXPECT_EQ(Gpt2Config::fromFile(kTiny / "config.json").parameterCount(), stored);
  // Published parameter counts of the four OpenAI GPT-2 models (transformers num_parameters()).
  EXPECT_EQ(Gpt2Config::forShape("gpt2").parameterCount(), 124'439'808);
  EXPECT_EQ(Gpt2Config::forShape("gpt2-medium").parameterCount(), 354'823'168);
  EXPECT_EQ(Gpt2Config::forShape("gpt2-large").parameterCount(), 774'030'080);
  EXPECT_EQ(Gpt2Config::forShape("gpt2-xl").parameterCount(), 1'557'611'200);
}

TEST(Gpt2ConfigTest, ShapesByNameAndBySize) {
  for (const char* name : {"gpt2", "gpt2-medium", "gpt2-large", "gpt2-xl"})
    EXPECT_EQ(Gpt2Config::forShape(name).shapeName(), name);
  Gpt2Config xl = Gpt2Config::forShape("gpt2-xl");
  EXPECT_EQ(xl.nEmbd, 1600);
  EXPECT_EQ(xl.nLayer, 48);
  EXPECT_EQ(xl.nHead, 25);
  EXPECT_EQ(xl.nPositions, 1024);
  EXPECT_EQ(xl.vocabSize, 50257);
  Gpt2Config small = Gpt2Config::forShape("64x2x4");
  EXPECT_EQ(small.nEmbd, 64);
  EXPECT_EQ(small.nLayer, 2);
  EXPECT_EQ(small.nHead, 4);
  EXPECT_EQ(small.shapeName(), "64x2x4");
  EXPECT_EQ(Gpt2Config::forShape("768x12x12").shapeName(), "gpt2");
  std::string bad;
  try {
    Gpt2Config::forShape("64x2");
  } catch (const laminar::Error& e) {
    bad = e.what();
  }
  EXPECT_NE(bad.find("unknown model shape '64x2'"), std::string::npos) << bad;
  try {
    Gpt2Config::forShape("64x2x5");
  } catch (const laminar::Error& e) {
    bad = e.what();
  }
  EXPECT_NE(bad.find("'n_head' (5) does not divide n_embd (64)"), std::string::npos) << bad;
  EXPECT_THROW(Gpt2Config::forShape("0x2x4"), laminar::Error);
}

TEST(Gpt2ConfigTest, JsonRoundTripKeepsEveryField) {
  Gpt2Config c = Gpt2Config::forShape("96x3x6");
  c.nInner = 200;
  c.layerNormEpsilon = 1e-6;
  c.activationFunction = "relu";
  c.syntheticWeights = true;
  json j = c.toJson();
  EXPECT_EQ(j["model_type"], "gpt2");
  EXPECT_EQ(j["laminar_synthetic_weights"], true);
  EXPECT_NE(j["laminar_note"].get<std::string>().find("random"), std::string::npos);
  Gpt2Config d = Gpt2Config::fromJson(j, "roundtrip");
  EXPECT_EQ(d.nEmbd, 96);
  EXPECT_EQ(d.nLayer, 3);
  EXPECT_EQ(d.nHead, 6);
  EXPECT_EQ(d.nInner, 200);
  EXPECT_DOUBLE_EQ(d.layerNormEpsilon, 1e-6);
  EXPECT_EQ(d.activationFunction, "relu");
  EXPECT_TRUE(d.syntheticWeights);
  EXPECT_FALSE(Gpt2Config::fromJson(Gpt2Config::forShape("gpt2").toJson(), "x").syntheticWeights);
}

TEST(Gpt2ConfigTest, HuggingFaceDefaultsAndAliases) {
  json j = {{"n_embd", 64}, {"n_layer", 2}, {"n_head", 4}, {"n_positions", 32}, {"vocab_size", 100}};
  Gpt2Config c = Gpt2Config::fromJson(j, "minimal");
  EXPECT_EQ(c.activationFunction, "gelu_new");
  EXPECT_DOUBLE_EQ(c.layerNormEpsilon, 1e-5);
  json aliased = {{"hidden_size", 64}, {"num_hidden_layers", 2}, {"num_attention_heads", 4},
                  {"max_position_embeddings", 32}, {"vocab_size", 100}};
  Gpt2Config a = Gpt2Config::fromJson(aliased, "aliased");
  EXPECT_EQ(a.nEmbd, 64);
  EXPECT_EQ(a.nLayer, 2);
  EXPECT_EQ(a.nHead, 4);
  EXPECT_EQ(a.nPositions, 32);
  for (const char* act : {"gelu_new", "gelu_pytorch_tanh", "gelu", "relu"}) {
    json k = j;
    k["activation_function"] = act;
    EXPECT_EQ(Gpt2Config::fromJson(k, "act").activationFunction, act);
  }
}

struct BadConfig {
  const char* what;
  std::function<void(json&)> edit;
  std::vector<std::string> expected;
};

TEST(Gpt2ConfigTest, ConfigsGpt2CannotRunAreRefusedNamingTheField) {
  const std::vector<BadConfig> cases = {
      {"missing n_embd", [](json& j) { j.erase("n_embd"); }, {"field 'n_embd' is missing"}},
      {"missing n_layer", [](json& j) { j.erase("n_layer"); }, {"field 'n_layer' is missing"}},
      {"missing n_head", [](json& j) { j.erase("n_head"); }, {"field 'n_head' is missing"}},
      {"missing n_positions", [](json& j) { j.erase("n_positions"); }, {"field 'n_positions' is missing"}},
      {"missing vocab_size", [](json& j) { j.erase("vocab_size"); }, {"field 'vocab_size' is missing"}},
      {"float n_layer", [](json& j) { j["n_layer"] = 3.0; }, {"field 'n_layer' must be an integer, not 3.0"}},
      {"string n_embd", [](json& j) { j["n_embd"] = "64"; }, {"field 'n_embd' must be an integer, not \"64\""}},
      {"zero n_head", [](json& j) { j["n_head"] = 0; }, {"field 'n_head' must be a positive integer, not 0"}},
      {"negative vocab", [](json& j) { j["vocab_size"] = -5; }, {"field 'vocab_size' must be a positive integer"}},
      {"huge n_embd", [](json& j) { j["n_embd"] = 10'000'000'000LL; }, {"field 'n_embd'", "larger than Laminar supports"}},
      {"indivisible heads", [](json& j) { j["n_head"] = 5; }, {"field 'n_head' (5) does not divide n_embd (64)"}},
      {"bad activation", [](json& j) { j["activation_function"] = "swish"; },
       {"field 'activation_function' is \"swish\"", "supported: gelu_new"}},
      {"activation not string", [](json& j) { j["activation_function"] = 1; }, {"field 'activation_function'"}},
      {"model_type", [](json& j) { j["model_type"] = "llama"; }, {"field 'model_type' is \"llama\""}},
      {"cross attention", [](json& j) { j["add_cross_attention"] = true; },
       {"field 'add_cross_attention' is true", "cross-attention"}},
      {"inverse layer scaling", [](json& j) { j["scale_attn_by_inverse_layer_idx"] = true; },
       {"field 'scale_attn_by_inverse_layer_idx' is true"}},
      {"unscaled attention", [](json& j) { j["scale_attn_weights"] = false; }, {"field 'scale_attn_weights' is false"}},
      {"untied head", [](json& j) { j["tie_word_embeddings"] = false; },
       {"field 'tie_word_embeddings'", "untied LM head not supported"}},
      {"flag not bool", [](json& j) { j["add_cross_attention"] = "no"; },
       {"field 'add_cross_attention' must be true or false"}},
      {"negative epsilon", [](json& j) { j["layer_norm_epsilon"] = -1e-5; }, {"field 'layer_norm_epsilon' must be a positive number"}},
      {"zero epsilon", [](json& j) { j["layer_norm_epsilon"] = 0.0; }, {"field 'layer_norm_epsilon' must be a positive number"}},
      {"string epsilon", [](json& j) { j["layer_norm_epsilon"] = "1e-5"; }, {"field 'layer_norm_epsilon'"}},
      {"zero n_inner", [](json& j) { j["n_inner"] = 0; }, {"field 'n_inner' must be a positive integer"}},
      {"float n_inner", [](json& j) { j["n_inner"] = 2.5; }, {"field 'n_inner' must be an integer"}},
      {"synthetic flag", [](json& j) { j["laminar_synthetic_weights"] = "yes"; },
       {"field 'laminar_synthetic_weights' must be true or false"}},
      {"alias disagrees", [](json& j) { j["hidden_size"] = 32; }, {"field 'n_embd' (64) disagrees with its alias 'hidden_size' (32)"}},
      {"not an object", [](json& j) { j = json::array({1, 2}); }, {"not a JSON object"}},
  };
  // Each refusal is coded, with the file and (but for "not an object") the field as parameters.
  const std::map<std::string, std::string> codes = {
      {"missing n_embd", "config.field_missing"}, {"float n_layer", "config.not_integer"},
      {"zero n_head", "config.not_positive"}, {"huge n_embd", "config.too_large"},
      {"indivisible heads", "config.heads_do_not_divide"}, {"bad activation", "config.activation_unsupported"},
      {"model_type", "config.not_gpt2"}, {"cross attention", "config.cross_attention"},
      {"inverse layer scaling", "config.scale_by_layer"}, {"unscaled attention", "config.unscaled_attention"},
      {"untied head", "config.untied_head"}, {"flag not bool", "config.not_boolean"},
      {"negative epsilon", "config.epsilon_not_positive"}, {"synthetic flag", "config.not_boolean"},
      {"alias disagrees", "config.alias_disagrees"}, {"not an object", "config.not_object"}};
  for (const auto& c : cases) {
    json j = tinyConfig();
    c.edit(j);
    if (auto code = codes.find(c.what); code != codes.end()) EXPECT_EQ(configErrorCode(j), code->second) << c.what;
    else EXPECT_FALSE(configErrorCode(j).empty()) << c.what;
    std::string message = configError(j);
    EXPECT_EQ(message.rfind("test/config.json: ", 0), 0u) << c.what << ": " << message;
    for (const auto& part : c.expected) EXPECT_NE(message.find(part), std::string::npos) << c.what << ": " << message;
  }
  json ok = tinyConfig();
  ok["n_inner"] = nullptr;
  ok["scale_attn_weights"] = true;
  EXPECT_EQ(configError(ok), "(no error)");
}

// A long value is quoted cut short, between characters: every cut position of a two-byte
// and a four-byte character, the quoted part at most 80 bytes, the message valid UTF-8
// (nlohmann's dump() throws on anything else).
TEST(Gpt2ConfigTest, LongValuesAreQuotedCutBetweenCharacters) {
  for (const std::string ch : {"\u00e9", "\U0001F916"})
    for (size_t lead = 0; lead < 4; ++lead) {
      std::string value(lead, 'a');
      for (int i = 0; i < 60; ++i) value += ch;
      json j = tinyConfig();
      j["model_type"] = value;
      const std::string message = configError(j);
      const size_t open = message.find('"'), dots = message.find("...");
      ASSERT_NE(open, std::string::npos) << message;
      ASSERT_NE(dots, std::string::npos) << message;
      EXPECT_LE(dots + 3 - open, 80u) << message;
      EXPECT_NO_THROW((void)json(message).dump()) << "lead " << lead;
    }
}

TEST(Gpt2ConfigTest, UnreadableFilesNameThePath) {
  fs::path dir = fs::temp_directory_path() / ("laminar-config-test-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  laminar::writeFileAtomically(dir / "config.json", "{\"n_embd\": 64,");
  std::string message;
  try {
    Gpt2Config::fromFile(dir / "config.json");
  } catch (const laminar::Error& e) {
    message = e.what();
  }
  EXPECT_EQ(message.rfind((dir / "config.json").string() + ": not valid JSON", 0), 0u) << message;
  EXPECT_THROW(Gpt2Config::fromFile(dir / "missing.json"), laminar::Error);
  fs::remove_all(dir);
}

}  // namespace
