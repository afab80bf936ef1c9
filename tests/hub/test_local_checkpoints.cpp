// Local checkpoint listing, checked against the reference fixture's own files (sizes from
// the file system, shape from its config.json as Hugging Face wrote it).
#include <gtest/gtest.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include "hub/hf_cache.h"
#include "hub/local_checkpoints.h"
#include "hub/model_folders.h"
#include "temp_dir.h"
#include "util/atomic_file.h"
#include "util/error.h"

using namespace laminar::hub;
namespace fs = std::filesystem;

namespace {
const fs::path kTiny = fs::path(LAMINAR_SHARED_DIR) / "reference" / "gpt2-tiny";

nlohmann::json tinyConfig() { return nlohmann::json::parse(laminar::readFile(kTiny / "config.json")); }

uint64_t tinyBytes() { return fs::file_size(kTiny / "config.json") + fs::file_size(kTiny / "model.safetensors"); }

void linkTiny(const fs::path& dir) {
  fs::create_directories(dir);
  fs::create_symlink(kTiny / "config.json", dir / "config.json");
  fs::create_symlink(kTiny / "model.safetensors", dir / "model.safetensors");
}
}  // namespace

TEST(LocalCheckpoints, ShapeNames) {
  EXPECT_EQ(shapeName(1600, 48, 25), "gpt2-xl");
  EXPECT_EQ(shapeName(768, 12, 12), "gpt2");
  EXPECT_EQ(shapeName(64, 3, 4), "64x3x4");
}

TEST(LocalCheckpoints, InspectsTheReferenceCheckpoint) {
  LocalCheckpoint c = inspectCheckpoint(kTiny);
  const auto config = tinyConfig();
  EXPECT_TRUE(c.usable()) << c.problem.english;
  EXPECT_EQ(c.nEmbd, config["n_embd"].get<int64_t>());
  EXPECT_EQ(c.nLayer, config["n_layer"].get<int64_t>());
  EXPECT_EQ(c.nHead, config["n_head"].get<int64_t>());
  EXPECT_EQ(c.nPositions, config["n_positions"].get<int64_t>());
  EXPECT_EQ(c.vocabSize, config["vocab_size"].get<int64_t>());
  EXPECT_EQ(c.modelType, "gpt2");
  EXPECT_EQ(c.sizeBytes, tinyBytes());
  EXPECT_TRUE(c.hasWeights);
  EXPECT_FALSE(c.hasTokenizer);
}

TEST(LocalCheckpoints, ExplainsWhatIsMissing) {
  laminar::test::TempDir dir;
  EXPECT_EQ(inspectCheckpoint(dir.path() / "nope").problem.english, "folder not found");
  EXPECT_EQ(inspectCheckpoint(dir.path()).problem.english, "no config.json");
  fs::copy_file(kTiny / "config.json", dir.path() / "config.json");
  EXPECT_NE(inspectCheckpoint(dir.path()).problem.english.find("no model.safetensors"), std::string::npos);
  laminar::writeFileAtomically(dir.path() / "pytorch_model.bin", "pickle");
  EXPECT_NE(inspectCheckpoint(dir.path()).problem.english.find("pytorch_model.bin"), std::string::npos);
  laminar::writeFileAtomically(dir.path() / "model.safetensors.index.json",
                               R"({"weight_map": {"wte.weight": "model-00001-of-00002.safetensors"}})");
  EXPECT_NE(inspectCheckpoint(dir.path()).problem.english.find("model-00001-of-00002.safetensors"), std::string::npos);
  laminar::writeFileAtomically(dir.path() / "model-00001-of-00002.safetensors", "x");
  EXPECT_TRUE(inspectCheckpoint(dir.path()).usable()) << inspectCheckpoint(dir.path()).problem.english;
  auto config = tinyConfig();
  config["model_type"] = "bert";
  laminar::writeFileAtomically(dir.path() / "config.json", config.dump());
  EXPECT_NE(inspectCheckpoint(dir.path()).problem.english.find("not a GPT-2 model"), std::string::npos);
  laminar::writeFileAtomically(dir.path() / "config.json", "{ not json");
  EXPECT_NE(inspectCheckpoint(dir.path()).problem.english.find("not valid JSON"), std::string::npos);
}

TEST(LocalCheckpoints, ScansCacheSnapshotsWithTheirRefs) {
  laminar::test::TempDir dir;
  HubCache cache(dir.path());
  const std::string commit = "607a30d783dfa663caf39e06633721c8d4cfcd7e";
  linkTiny(cache.snapshotDirectory("openai-community/gpt2", commit));
  cache.writeRef("openai-community/gpt2", "main", commit);
  // Another model sharing the cache is not listed; an interrupted GPT-2 download is.
  const fs::path bert = cache.snapshotDirectory("google/bert", commit);
  fs::create_directories(bert);
  auto config = tinyConfig();
  config["model_type"] = "bert";
  laminar::writeFileAtomically(bert / "config.json", config.dump());
  laminar::writeFileAtomically(bert / "model.safetensors", "x");
  const fs::path partial = cache.snapshotDirectory("openai-community/gpt2-xl", commit);
  fs::create_directories(partial);
  fs::create_symlink(kTiny / "model.safetensors", partial / "model.safetensors");

  auto found = scanHubCache(dir.path());
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].name, "openai-community/gpt2");
  EXPECT_EQ(found[0].revision, commit);
  EXPECT_EQ(found[0].refs, std::vector<std::string>{"main"});
  EXPECT_EQ(found[0].source, LocalCheckpoint::Source::HubCache);
  EXPECT_EQ(found[0].sizeBytes, tinyBytes());
  EXPECT_TRUE(found[0].usable());
  EXPECT_EQ(found[1].name, "openai-community/gpt2-xl");
  EXPECT_NE(found[1].problem.english.find("incomplete download"), std::string::npos);
  EXPECT_TRUE(scanHubCache(dir.path() / "absent").empty());
}

// huggingface_hub's scan-cache names a ref by its path under refs/ (a download of revision
// "refs/pr/1" leaves refs/refs/pr/1, a branch "feature/x" refs/feature/x), so the listing
// must too: "1" or "x" alone would name another branch.
TEST(LocalCheckpoints, NestedRefsKeepTheirFolders) {
  laminar::test::TempDir dir;
  HubCache cache(dir.path());
  const std::string commit = "607a30d783dfa663caf39e06633721c8d4cfcd7e";
  linkTiny(cache.snapshotDirectory("openai-community/gpt2", commit));
  const fs::path refs = cache.repoDirectory("openai-community/gpt2") / "refs";
  fs::create_directories(refs / "refs" / "pr");
  fs::create_directories(refs / "feature");
  std::ofstream(refs / "main") << commit;
  std::ofstream(refs / "refs" / "pr" / "1") << commit;
  std::ofstream(refs / "feature" / "x") << commit;
  auto found = scanHubCache(dir.path());
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].refs, (std::vector<std::string>{"feature/x", "main", "refs/pr/1"}));
}

TEST(LocalCheckpoints, UserFoldersAreCheckpointsOrHoldThem) {
  laminar::test::TempDir dir;
  linkTiny(dir.path() / "a");
  linkTiny(dir.path() / "b");
  fs::create_directories(dir.path() / "not-a-model");
  auto inside = scanUserFolder(dir.path());
  ASSERT_EQ(inside.size(), 2u);
  EXPECT_EQ(inside[0].name, "a");
  EXPECT_EQ(inside[1].name, "b");
  auto itself = scanUserFolder(dir.path() / "a");
  ASSERT_EQ(itself.size(), 1u);
  EXPECT_EQ(itself[0].source, LocalCheckpoint::Source::UserFolder);
  auto all = scanLocalCheckpoints(dir.path() / "no-cache", {dir.path() / "a", dir.path() / "missing"});
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[1].problem.english, "folder not found");
}

// Every tokenizer the run would read counts (util/tokenizer_files.h), with its size.
TEST(LocalCheckpoints, TokenizerFilesOfEachKindCount) {
  laminar::test::TempDir dir;
  const fs::path a = dir.path() / "a";
  linkTiny(a);
  laminar::writeFileAtomically(a / "vocab.json", "{}");  // half a pair: no tokenizer
  EXPECT_FALSE(inspectCheckpoint(a).hasTokenizer);
  EXPECT_EQ(inspectCheckpoint(a).sizeBytes, tinyBytes());
  laminar::writeFileAtomically(a / "tokenizer.json", std::string(1000, ' '));
  EXPECT_TRUE(inspectCheckpoint(a).hasTokenizer);
  EXPECT_EQ(inspectCheckpoint(a).sizeBytes, tinyBytes() + 1000);
  laminar::writeFileAtomically(a / "merges.txt", std::string(10, ' '));
  EXPECT_TRUE(inspectCheckpoint(a).hasTokenizer);
  EXPECT_EQ(inspectCheckpoint(a).sizeBytes, tinyBytes() + 2 + 10);  // the pair is read, not tokenizer.json
}

TEST(ModelFolders, RoundTripAndErrorsNameTheFile) {
  laminar::test::TempDir dir;
  const fs::path file = dir.path() / "laminar" / "model-folders.json";
  EXPECT_TRUE(loadModelFolders(file).empty());
  saveModelFolders(file, {"/models/one", "/models/two"});
  EXPECT_EQ(loadModelFolders(file), (std::vector<fs::path>{"/models/one", "/models/two"}));
  laminar::writeFileAtomically(file, R"(["/bare/list"])");
  EXPECT_EQ(loadModelFolders(file), std::vector<fs::path>{"/bare/list"});
  laminar::writeFileAtomically(file, R"({"folders": [1]})");
  try {
    loadModelFolders(file);
    FAIL() << "expected an error";
  } catch (const laminar::Error& e) {
    EXPECT_NE(std::string(e.what()).find(file.string()), std::string::npos) << e.what();
    EXPECT_EQ(e.message().code, "model_folders.entry_not_string");
    EXPECT_EQ(e.message().param("file"), file.string());
    EXPECT_EQ(e.message().param("position"), "0");
    EXPECT_EQ(e.message().english, file.string() + ": folders[0] is not a string");
  }
  laminar::writeFileAtomically(file, R"({"folders": "/one"})");
  try {
    loadModelFolders(file);
    FAIL() << "expected an error";
  } catch (const laminar::Error& e) {
    EXPECT_EQ(e.message().code, "model_folders.not_list");
    EXPECT_EQ(e.message().english, file.string() + ": \"folders\" must be a list of paths");
  }
  laminar::test::ScopedEnv xdg("XDG_CONFIG_HOME", "/cfg");
  EXPECT_EQ(modelFoldersConfigPath(), "/cfg/laminar/model-folders.json");
}

// The XDG Base Directory spec: $XDG_CONFIG_HOME, and where it is unset or empty, $HOME/.config
// (not $HOME itself, which would leave a "laminar" folder in everyone's home).
TEST(ModelFolders, ConfigFileDefaultsToXdgsHomeDotConfig) {
  laminar::test::ScopedEnv home("HOME", "/home/alice");
  {
    laminar::test::ScopedEnv xdg("XDG_CONFIG_HOME", std::nullopt);
    EXPECT_EQ(modelFoldersConfigPath(), "/home/alice/.config/laminar/model-folders.json");
  }
  laminar::test::ScopedEnv xdg("XDG_CONFIG_HOME", "");
  EXPECT_EQ(modelFoldersConfigPath(), "/home/alice/.config/laminar/model-folders.json");
}

TEST(LocalCheckpoints, ModelArgumentsResolveToFoldersOrCacheSnapshots) {
  laminar::test::TempDir dir;
  HubCache cache(dir.path());
  const std::string commit = "607a30d783dfa663caf39e06633721c8d4cfcd7e";
  EXPECT_EQ(resolveModelLocation(kTiny.string(), dir.path()), kTiny);
  try {
    resolveModelLocation("gpt2-xl", dir.path());
    FAIL() << "expected an error";
  } catch (const laminar::Error& e) {
    EXPECT_NE(std::string(e.what()).find("laminar-cli download gpt2-xl"), std::string::npos) << e.what();
    EXPECT_EQ(e.message().code, "model.not_downloaded");
    EXPECT_EQ(e.message().param("name"), "gpt2-xl");
    EXPECT_EQ(e.message().param("folder"), dir.path().string());
    EXPECT_EQ(e.message().param("command"), "laminar-cli download gpt2-xl");
  }
  linkTiny(cache.snapshotDirectory("openai-community/gpt2-xl", commit));
  cache.writeRef("openai-community/gpt2-xl", "main", commit);
  EXPECT_EQ(resolveModelLocation("gpt2-xl", dir.path()), cache.snapshotDirectory("openai-community/gpt2-xl", commit));
  EXPECT_EQ(resolveModelLocation("openai-community/gpt2-xl@" + commit, dir.path()),
            cache.snapshotDirectory("openai-community/gpt2-xl", commit));
  EXPECT_THROW(resolveModelLocation("no-such-thing", dir.path()), laminar::Error);
  try {
    resolveModelLocation("no such thing", dir.path());
    FAIL() << "expected an error";
  } catch (const laminar::Error& e) {
    EXPECT_EQ(e.message().code, "model.not_found");
    EXPECT_EQ(e.message().param("name"), "no such thing");
  }
}
