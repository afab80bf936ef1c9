// Loading GPT-2 weights: both reference key styles, shards, F16/BF16 (against numpy's
// conversion), zero-copy F32, and a corpus of broken checkpoints, each failing with its own
// message that names the file and the tensor.
#include <gtest/gtest.h>

#include <fstream>
#include <map>

#include "checkpoint/checkpoint.h"
#include "checkpoint_test_util.h"
#include "io/safetensors.h"
#include "util/atomic_file.h"

namespace fs = std::filesystem;
using namespace laminar;
using namespace laminar::test;
using nlohmann::json;

namespace {

Gpt2Weights loadDir(const fs::path& dir) {
  CheckpointFiles files = locateCheckpoint(dir);
  return loadGpt2Weights(files, Gpt2Config::fromFile(files.config));
}

// Every tensor of the weights, by canonical name, for comparisons.
std::map<std::string, torch::Tensor> flatten(const Gpt2Weights& w) {
  std::map<std::string, torch::Tensor> m = {
      {"wte", w.wte}, {"wpe", w.wpe}, {"ln_f.weight", w.lnFWeight}, {"ln_f.bias", w.lnFBias}};
  for (size_t l = 0; l < w.blocks.size(); ++l) {
    const auto& b = w.blocks[l];
    const std::string h = "h." + std::to_string(l) + ".";
    m[h + "ln_1.weight"] = b.ln1Weight, m[h + "ln_1.bias"] = b.ln1Bias;
    m[h + "attn.c_attn.weight"] = b.attnWeight, m[h + "attn.c_attn.bias"] = b.attnBias;
    m[h + "attn.c_proj.weight"] = b.attnProjWeight, m[h + "attn.c_proj.bias"] = b.attnProjBias;
    m[h + "ln_2.weight"] = b.ln2Weight, m[h + "ln_2.bias"] = b.ln2Bias;
    m[h + "mlp.c_fc.weight"] = b.fcWeight, m[h + "mlp.c_fc.bias"] = b.fcBias;
    m[h + "mlp.c_proj.weight"] = b.mlpProjWeight, m[h + "mlp.c_proj.bias"] = b.mlpProjBias;
  }
  return m;
}

void expectSameWeights(const Gpt2Weights& a, const Gpt2Weights& b) {
  auto fa = flatten(a), fb = flatten(b);
  ASSERT_EQ(fa.size(), fb.size());
  for (const auto& [name, t] : fa) {
    ASSERT_TRUE(t.defined()) << name;
    EXPECT_EQ(t.scalar_type(), torch::kFloat32) << name;
    EXPECT_TRUE(torch::equal(t, fb.at(name))) << name;
  }
}

class LoadingTest : public ::testing::Test {
 protected:
  static void TearDownTestSuite() { removeScratch(); }
};

TEST_F(LoadingTest, ReferenceCheckpointLoadsZeroCopyWithTheRightShapes) {
  fs::path dir = referenceDir() / "gpt2-tiny";
  CheckpointFiles files = locateCheckpoint(dir);
  EXPECT_EQ(files.weightFiles, std::vector<fs::path>{dir / "model.safetensors"});
  EXPECT_TRUE(files.weightIndex.empty());
  EXPECT_TRUE(files.tokenizerDirectory.empty());
  Gpt2Config config = Gpt2Config::fromFile(files.config);
  Gpt2Weights w = loadGpt2Weights(files, config);
  ASSERT_EQ(w.blocks.size(), 3u);
  EXPECT_EQ(w.wte.sizes(), (std::vector<int64_t>{1000, 64}));
  EXPECT_EQ(w.wpe.sizes(), (std::vector<int64_t>{64, 64}));
  EXPECT_EQ(w.blocks[2].attnWeight.sizes(), (std::vector<int64_t>{64, 192}));
  EXPECT_EQ(w.blocks[2].fcWeight.sizes(), (std::vector<int64_t>{64, 256}));
  EXPECT_EQ(w.blocks[2].mlpProjWeight.sizes(), (std::vector<int64_t>{256, 64}));
  // F32 tensors are views of the mapping, not copies.
  ASSERT_EQ(w.files.size(), 1u);
  EXPECT_EQ(w.wte.data_ptr(), w.files[0]->find("transformer.wte.weight")->data);
  EXPECT_EQ(w.blocks[1].fcBias.data_ptr(), w.files[0]->find("transformer.h.1.mlp.c_fc.bias")->data);
  // The views keep the file mapped even after the weights' own handles are gone.
  torch::Tensor wte = w.wte;
  float first = wte[0][0].item<float>();
  w = Gpt2Weights();
  EXPECT_EQ(wte[0][0].item<float>(), first);
}

TEST_F(LoadingTest, HubStyleKeysGiveTheSameWeights) {
  fs::path dir = scratchDir("hubstyle");
  fs::copy_file(referenceDir() / "gpt2-tiny" / "config.json", dir / "config.json");
  fs::copy_file(referenceDir() / "gpt2-tiny-hubstyle.safetensors", dir / "model.safetensors");
  CheckpointFiles files = locateCheckpoint(dir);
  CheckpointTensors stored = openCheckpointTensors(files, Gpt2Config::fromFile(files.config));
  EXPECT_EQ(stored.ignoredBuffers.size(), 6u);  // attn.bias + attn.masked_bias of 3 blocks
  EXPECT_EQ(stored.parameters.front().storedName, "wte.weight");
  expectSameWeights(loadDir(dir), loadDir(referenceDir() / "gpt2-tiny"));
}

TEST_F(LoadingTest, ValuesAgreeWithNumpyAndF16Bf16AreConvertedLikeNumpy) {
  fs::path dir = scratchDir("numpy");
  std::string cmd = std::string(LAMINAR_PYTHON_EXE) + " " + NUMPY_SAFETENSORS_PY + " write-fixtures " + dir.string() +
                    " " + referenceDir().string();
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  Gpt2Weights ref = loadDir(referenceDir() / "gpt2-tiny");
  json spot = json::parse(readFile(dir / "spot.json"));
  EXPECT_NEAR(ref.wte.sum(torch::kFloat64).item<double>(), spot["transformer.wte.weight"]["sum"].get<double>(), 1e-9);
  EXPECT_NEAR(ref.blocks[1].fcWeight.sum(torch::kFloat64).item<double>(),
              spot["transformer.h.1.mlp.c_fc.weight"]["sum"].get<double>(), 1e-9);
  EXPECT_EQ(ref.blocks[2].ln2Bias[0].item<float>(), spot["transformer.h.2.ln_2.bias"]["first"].get<float>());
  EXPECT_EQ(ref.lnFWeight[63].item<float>(), spot["transformer.ln_f.weight"]["last"].get<float>());

  for (const std::string kind : {"f16", "bf16"}) {
    Gpt2Weights w = loadDir(dir / ("tiny-" + kind));
    auto expected = SafetensorsFile::open(dir / ("tiny-" + kind + "-expected.safetensors"));
    auto flat = flatten(w);
    int compared = 0;
    for (const auto& v : expected->tensors()) {
      std::string name = v.name.substr(std::string("transformer.").size());
      if (name == "wte.weight") name = "wte";
      if (name == "wpe.weight") name = "wpe";
      torch::Tensor want = torch::from_blob(const_cast<void*>(v.data), v.shape, torch::kFloat32);
      ASSERT_TRUE(flat.count(name)) << name;
      EXPECT_TRUE(torch::equal(flat.at(name), want)) << kind << " " << name;
      ++compared;
    }
    EXPECT_EQ(compared, 40) << kind;
    // And they are close to (not equal to) the float32 originals.
    EXPECT_LT((w.wte - ref.wte).abs().max().item<float>(), kind == "f16" ? 1e-3 : 2e-2);
    EXPECT_FALSE(torch::equal(w.wte, ref.wte));
  }
}

TEST_F(LoadingTest, ShardedCheckpointEqualsTheSingleFile) {
  NamedTensors all = referenceTensors();
  NamedTensors first(all.begin(), all.begin() + 15), second(all.begin() + 15, all.end());
  fs::path dir = scratchDir("sharded");
  writeFileAtomically(dir / "config.json", referenceConfig().dump());
  writeTensors(dir / "model-00001-of-00002.safetensors", first);
  writeTensors(dir / "model-00002-of-00002.safetensors", second);
  json map;
  for (const auto& [n, t] : first) map[n] = "model-00001-of-00002.safetensors";
  for (const auto& [n, t] : second) map[n] = "model-00002-of-00002.safetensors";
  writeFileAtomically(dir / "model.safetensors.index.json", json{{"metadata", {{"total_size", 0}}}, {"weight_map", map}}.dump());
  CheckpointFiles files = locateCheckpoint(dir);
  EXPECT_EQ(files.weightIndex, dir / "model.safetensors.index.json");
  ASSERT_EQ(files.weightFiles.size(), 2u);
  Gpt2Weights w = loadDir(dir);
  EXPECT_EQ(w.files.size(), 2u);
  expectSameWeights(w, loadDir(referenceDir() / "gpt2-tiny"));
}

TEST_F(LoadingTest, TiedLmHeadIsAcceptedWhenEqualToWte) {
  NamedTensors t = referenceTensors();
  t.emplace_back("lm_head.weight", t[0].first == "transformer.wte.weight" ? t[0].second : torch::Tensor());
  for (const auto& [n, v] : referenceTensors())
    if (n == "transformer.wte.weight") t.back().second = v.clone();
  fs::path dir = scratchDir("tied");
  writeCheckpoint(dir, referenceConfig(), t);
  expectSameWeights(loadDir(dir), loadDir(referenceDir() / "gpt2-tiny"));
}

// A broken checkpoint: the tensors of the reference, edited; or a directory edited by hand.
struct BrokenCheckpoint {
  const char* name;
  std::function<void(NamedTensors&, json& config)> edit;
  std::vector<std::string> expected;            // parts of the message
  std::string file = "model.safetensors";       // the file the message must start with
  std::function<void(const fs::path&)> after;   // extra edits to the written directory
};

torch::Tensor& tensor(NamedTensors& t, const std::string& name) {
  for (auto& [n, v] : t)
    if (n == name) return v;
  throw std::logic_error("no tensor " + name);
}

void erase(NamedTensors& t, const std::string& name) {
  t.erase(std::remove_if(t.begin(), t.end(), [&](const auto& p) { return p.first == name; }), t.end());
}

TEST_F(LoadingTest, BrokenCheckpointsEachFailWithTheirOwnMessage) {
  const std::vector<BrokenCheckpoint> cases = {
      {"missing tensor", [](NamedTensors& t, json&) { erase(t, "transformer.h.1.ln_2.bias"); },
       {"tensor 'h.1.ln_2.bias' (or 'transformer.h.1.ln_2.bias') is missing"}},
      {"layer beyond n_layer", [](NamedTensors& t, json&) { t.emplace_back("transformer.h.3.ln_1.weight", torch::ones({64})); },
       {"tensor 'transformer.h.3.ln_1.weight'", "not a parameter of GPT-2 with n_layer=3", "unexpected tensor"}},
      {"unknown tensor", [](NamedTensors& t, json&) { t.emplace_back("score.weight", torch::ones({2, 64})); },
       {"tensor 'score.weight'", "unexpected tensor"}},
      {"config wants more layers", [](NamedTensors&, json& c) { c["n_layer"] = 4; },
       {"tensor 'h.3.ln_1.weight' (or 'transformer.h.3.ln_1.weight') is missing", "n_layer=4"}},
      {"mis-shaped", [](NamedTensors& t, json&) { tensor(t, "transformer.h.0.attn.c_attn.weight") = torch::zeros({192, 64}); },
       {"tensor 'transformer.h.0.attn.c_attn.weight'", "has shape [192, 64]", "needs [64, 192]"}},
      {"wrong vocab", [](NamedTensors&, json& c) { c["vocab_size"] = 999; },
       {"tensor 'transformer.wte.weight'", "has shape [1000, 64]", "needs [999, 64]"}},
      {"NaN", [](NamedTensors& t, json&) { tensor(t, "transformer.wte.weight")[5][3] = NAN; },
       {"tensor 'transformer.wte.weight'", "contains NaN at index [5, 3]"}},
      {"+Inf", [](NamedTensors& t, json&) { tensor(t, "transformer.h.2.mlp.c_proj.bias")[7] = INFINITY; },
       {"tensor 'transformer.h.2.mlp.c_proj.bias'", "contains +Inf at index [7]"}},
      {"-Inf in F16", [](NamedTensors& t, json&) {
         auto& v = tensor(t, "transformer.h.0.ln_1.weight");
         v = v.to(torch::kFloat16);
         v[9] = -INFINITY;
       },
       {"tensor 'transformer.h.0.ln_1.weight'", "contains -Inf at index [9]"}},
      {"F16 overflow", [](NamedTensors& t, json&) {
         auto& v = tensor(t, "transformer.h.0.ln_1.bias");
         v = v.to(torch::kFloat16);
         v[2] = NAN;
       },
       {"tensor 'transformer.h.0.ln_1.bias'", "contains NaN at index [2]"}},
      {"integer dtype", [](NamedTensors& t, json&) { tensor(t, "transformer.ln_f.bias") = torch::zeros({64}, torch::kInt32); },
       {"tensor 'transformer.ln_f.bias'", "has dtype I32; GPT-2 weights must be F32, F16 or BF16"}},
      {"F64 dtype", [](NamedTensors& t, json&) { tensor(t, "transformer.wpe.weight") = torch::zeros({64, 64}, torch::kFloat64); },
       {"tensor 'transformer.wpe.weight'", "has dtype F64"}},
      {"stored twice", [](NamedTensors& t, json&) { t.emplace_back("wpe.weight", tensor(t, "transformer.wpe.weight").clone()); },
       {"duplicates 'transformer.wpe.weight'", "stored twice"}},
      {"untied LM head", [](NamedTensors& t, json&) { t.emplace_back("lm_head.weight", tensor(t, "transformer.wte.weight") + 1); },
       {"tensor 'lm_head.weight'", "differs from wte: untied LM head not supported"}},
      {"LM head of another shape", [](NamedTensors& t, json&) { t.emplace_back("lm_head.weight", torch::zeros({10, 64})); },
       {"tensor 'lm_head.weight'", "has shape [10, 64]", "untied LM head not supported"}},
      {"truncated file", [](NamedTensors&, json&) {}, {"tensor 'transformer.", "the file is truncated"}, "model.safetensors",
       [](const fs::path& d) { fs::resize_file(d / "model.safetensors", fs::file_size(d / "model.safetensors") - 100); }},
      {"garbage file", [](NamedTensors&, json&) {}, {"header length", "exceeds the safetensors limit"}, "model.safetensors",
       [](const fs::path& d) { writeFileAtomically(d / "model.safetensors", "this is not a safetensors file at all"); }},
      {"config not JSON", [](NamedTensors&, json&) {}, {"not valid JSON"}, "config.json",
       [](const fs::path& d) { writeFileAtomically(d / "config.json", "{"); }},
      {"config field", [](NamedTensors&, json& c) { c["activation_function"] = "silu"; },
       {"field 'activation_function' is \"silu\""}, "config.json"},
  };
  // The message codes the app translates by (app/core_messages.cpp), where a case has one.
  const std::map<std::string, std::string> codes = {
      {"missing tensor", "checkpoint.tensor_missing"},       {"config wants more layers", "checkpoint.tensor_missing"},
      {"layer beyond n_layer", "checkpoint.unexpected_tensor"}, {"unknown tensor", "checkpoint.unexpected_tensor"},
      {"mis-shaped", "checkpoint.tensor_shape"},               {"integer dtype", "checkpoint.tensor_dtype"},
      {"NaN", "checkpoint.non_finite"},                        {"+Inf", "checkpoint.non_finite"},
      {"-Inf in F16", "checkpoint.non_finite"},                {"F16 overflow", "checkpoint.non_finite"}};
  for (const auto& c : cases) {
    NamedTensors t = referenceTensors();
    json config = referenceConfig();
    c.edit(t, config);
    fs::path dir = scratchDir("broken");
    writeCheckpoint(dir, config, t);
    if (c.after) c.after(dir);
    std::string message = errorOf([&] { loadDir(dir); });
    EXPECT_EQ(message.rfind((dir / c.file).string() + ": ", 0), 0u) << c.name << ": " << message;
    for (const auto& part : c.expected) EXPECT_NE(message.find(part), std::string::npos) << c.name << ": " << message;
    if (const auto code = codes.find(c.name); code != codes.end()) {
      try {
        loadDir(dir);
      } catch (const laminar::Error& e) {
        EXPECT_EQ(e.message().code, code->second) << c.name << ": " << e.what();
      }
    }
  }
}

TEST_F(LoadingTest, BrokenDirectoriesAndIndexesEachFailWithTheirOwnMessage) {
  fs::path dir = scratchDir("dirs");
  EXPECT_NE(errorOf([&] { locateCheckpoint(dir / "nope"); }).find("no such checkpoint directory"), std::string::npos);
  writeFileAtomically(dir / "file", "x");
  EXPECT_NE(errorOf([&] { locateCheckpoint(dir / "file"); }).find("not a directory"), std::string::npos);
  EXPECT_NE(errorOf([&] { locateCheckpoint(dir); }).find(dir.string() + ": no config.json"), std::string::npos);
  writeFileAtomically(dir / "config.json", referenceConfig().dump());
  EXPECT_NE(errorOf([&] { locateCheckpoint(dir); }).find("no model.safetensors or model.safetensors.index.json"),
            std::string::npos);
  writeFileAtomically(dir / "pytorch_model.bin", "x");
  EXPECT_NE(errorOf([&] { locateCheckpoint(dir); }).find("has only pytorch_model.bin"), std::string::npos);

  // Sharded: the index and the shards must agree.
  NamedTensors all = referenceTensors();
  NamedTensors first(all.begin(), all.begin() + 20), second(all.begin() + 20, all.end());
  auto makeSharded = [&](const std::function<void(json& map)>& editMap) {
    fs::path d = scratchDir("shards");
    writeFileAtomically(d / "config.json", referenceConfig().dump());
    writeTensors(d / "a.safetensors", first);
    writeTensors(d / "b.safetensors", second);
    json map;
    for (const auto& [n, t] : first) map[n] = "a.safetensors";
    for (const auto& [n, t] : second) map[n] = "b.safetensors";
    editMap(map);
    writeFileAtomically(d / "model.safetensors.index.json", json{{"weight_map", map}}.dump());
    return d;
  };
  struct IndexCase {
    const char* name;
    std::function<void(json&)> edit;
    std::string file;
    std::string expected;
  };
  const std::vector<IndexCase> cases = {
      {"missing shard", [](json& m) { m["transformer.ln_f.bias"] = "c.safetensors"; }, "model.safetensors.index.json",
       "shard 'c.safetensors' listed in weight_map does not exist"},
      {"wrong shard", [&](json& m) { m[first[0].first] = "b.safetensors"; }, "a.safetensors",
       "tensor '" + first[0].first + "': is listed in " },
      {"not in map", [&](json& m) { m.erase(second[3].first); }, "b.safetensors",
       "tensor '" + second[3].first + "': is not listed in the weight_map"},
      {"map lists absent tensor", [](json& m) { m["transformer.h.9.ln_1.weight"] = "a.safetensors"; },
       "model.safetensors.index.json", "weight_map lists tensor 'transformer.h.9.ln_1.weight' in 'a.safetensors', but that file does not contain it"},
      {"escaping path", [](json& m) { m["transformer.ln_f.bias"] = "../x.safetensors"; }, "model.safetensors.index.json",
       "outside the checkpoint directory"},
      {"shard not a string", [](json& m) { m["transformer.ln_f.bias"] = 3; }, "model.safetensors.index.json",
       "the shard of tensor 'transformer.ln_f.bias' is not a file name"},
  };
  for (const auto& c : cases) {
    fs::path d = makeSharded(c.edit);
    std::string message = errorOf([&] { loadDir(d); });
    EXPECT_EQ(message.rfind((d / c.file).string() + ": ", 0), 0u) << c.name << ": " << message;
    EXPECT_NE(message.find(c.expected), std::string::npos) << c.name << ": " << message;
  }
  fs::path d = makeSharded([](json&) {});
  writeFileAtomically(d / "model.safetensors.index.json", "{\"weight_map\": ");
  EXPECT_NE(errorOf([&] { loadDir(d); }).find("model.safetensors.index.json: not valid JSON"), std::string::npos);
  writeFileAtomically(d / "model.safetensors.index.json", "{\"metadata\": {}}");
  EXPECT_NE(errorOf([&] { loadDir(d); }).find("no \"weight_map\" object"), std::string::npos);
}

// An index may come from anywhere (a hub repository): a shard named by an absolute path would
// make us read a file outside the checkpoint (dir / "/abs/x" is "/abs/x"), so it is refused
// like "../", naming the index. The outside shard here is valid, so only its path can refuse it.
TEST_F(LoadingTest, AbsoluteShardPathInTheIndexIsRefused) {
  NamedTensors all = referenceTensors();
  NamedTensors first(all.begin(), all.begin() + 15), second(all.begin() + 15, all.end());
  const fs::path elsewhere = scratchDir("elsewhere") / "model-00002-of-00002.safetensors";
  writeTensors(elsewhere, second);
  fs::path dir = scratchDir("absolute-shard");
  writeFileAtomically(dir / "config.json", referenceConfig().dump());
  writeTensors(dir / "model-00001-of-00002.safetensors", first);
  json map;
  for (const auto& [n, t] : first) map[n] = "model-00001-of-00002.safetensors";
  for (const auto& [n, t] : second) map[n] = elsewhere.string();
  const fs::path index = dir / "model.safetensors.index.json";
  writeFileAtomically(index, json{{"weight_map", map}}.dump());
  ASSERT_TRUE(elsewhere.is_absolute());
  try {
    locateCheckpoint(dir);
    FAIL() << "a shard named by an absolute path was accepted";
  } catch (const laminar::Error& e) {
    const std::string message = e.what();
    EXPECT_EQ(message.rfind(index.string() + ": ", 0), 0u) << message;
    EXPECT_NE(message.find("'" + elsewhere.string() + "'"), std::string::npos) << message;
    EXPECT_NE(message.find("outside the checkpoint directory"), std::string::npos) << message;
    EXPECT_EQ(e.message().code, "checkpoint.index_shard_outside");
    EXPECT_EQ(e.message().param("shard"), elsewhere.string());
  }
  EXPECT_NE(errorOf([&] { readWeightMap(index); }).find("outside the checkpoint directory"), std::string::npos);
}

}  // namespace
