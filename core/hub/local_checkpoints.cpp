#include "hub/local_checkpoints.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <system_error>

#include <nlohmann/json.hpp>

#include "hub/hf_cache.h"
#include "hub/known_models.h"
#include "util/error.h"
#include "util/tokenizer_files.h"

namespace laminar::hub {
namespace fs = std::filesystem;
namespace {

bool isFile(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec);  // follows links: a dangling snapshot link is missing
}

uint64_t sizeOf(const fs::path& p) {
  std::error_code ec;
  auto n = fs::file_size(p, ec);
  return ec ? 0 : static_cast<uint64_t>(n);
}

std::optional<nlohmann::json> readJson(const fs::path& p, Message& problem) {
  std::ifstream in(p);
  if (!in) {
    problem = Message(msg::kLocalCannotRead, {{"name", p.filename().string()}}, p.filename().string() + " cannot be read");
    return std::nullopt;
  }
  try {
    return nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    // nlohmann's detail stays in the CLI's English; the GUI says which file.
    problem = Message(msg::kLocalInvalidJson, {{"name", p.filename().string()}},
                      p.filename().string() + " is not valid JSON (" + e.what() + ")");
    return std::nullopt;
  }
}

int64_t intField(const nlohmann::json& j, std::initializer_list<const char*> names) {
  for (const char* n : names)
    if (j.contains(n) && j[n].is_number_integer()) return j[n].get<int64_t>();
  return 0;
}

// Weight files of the folder: model.safetensors, or the index and every shard it names.
void inspectWeights(const fs::path& dir, LocalCheckpoint& c, std::vector<fs::path>& files, Message& problem) {
  if (isFile(dir / "model.safetensors")) {
    files.push_back(dir / "model.safetensors");
    c.hasWeights = true;
    return;
  }
  const fs::path index = dir / "model.safetensors.index.json";
  if (isFile(index)) {
    Message why;
    auto j = readJson(index, why);
    if (!j || !j->contains("weight_map") || !(*j)["weight_map"].is_object()) {
      problem = !why.english.empty() ? why
                                     : Message(msg::kLocalNoWeightMap, {}, "model.safetensors.index.json has no \"weight_map\"");
      return;
    }
    files.push_back(index);
    std::set<std::string> shards;
    for (const auto& [tensor, shard] : (*j)["weight_map"].items())
      if (shard.is_string()) shards.insert(shard.get<std::string>());
    for (const auto& shard : shards) {
      if (!isFile(dir / shard)) {
        problem = Message(msg::kLocalMissingShard, {{"shard", shard}}, "shard " + shard + " named by model.safetensors.index.json is missing");
        return;
      }
      files.push_back(dir / shard);
    }
    c.hasWeights = !shards.empty();
    if (shards.empty()) problem = Message(msg::kLocalNoShards, {}, "model.safetensors.index.json names no shards");
    return;
  }
  if (isFile(dir / "pytorch_model.bin"))
    problem = Message(msg::kLocalOnlyPytorchBin, {}, "only pytorch_model.bin (PyTorch pickle); Laminar reads model.safetensors");
  else
    problem = Message(msg::kLocalNoWeights, {}, "no model.safetensors (nor model.safetensors.index.json)");
}

}  // namespace

const char* sourceName(LocalCheckpoint::Source source) {
  return source == LocalCheckpoint::Source::HubCache ? "cache" : "folder";
}

std::string shapeName(int64_t nEmbd, int64_t nLayer, int64_t nHead) {
  struct Known {
    int64_t d, l, h;
    const char* name;
  };
  static const Known known[] = {{768, 12, 12, "gpt2"}, {1024, 24, 16, "gpt2-medium"},
                                {1280, 36, 20, "gpt2-large"}, {1600, 48, 25, "gpt2-xl"}};
  for (const auto& k : known)
    if (k.d == nEmbd && k.l == nLayer && k.h == nHead) return k.name;
  return std::to_string(nEmbd) + "x" + std::to_string(nLayer) + "x" + std::to_string(nHead);
}

LocalCheckpoint inspectCheckpoint(const fs::path& directory) {
  LocalCheckpoint c;
  c.directory = directory;
  c.name = directory.filename().string();
  std::error_code ec;
  if (!fs::is_directory(directory, ec)) {
    c.problem = Message(msg::kLocalFolderNotFound, {}, "folder not found");
    return c;
  }
  std::vector<fs::path> files;
  Message configProblem, weightProblem;
  const fs::path config = directory / "config.json";
  if (isFile(config)) {
    if (auto j = readJson(config, configProblem)) {
      if (!j->is_object()) {
        configProblem = Message(msg::kLocalConfigNotObject, {}, "config.json is not a JSON object");
      } else {
        files.push_back(config);
        c.modelType = j->value("model_type", std::string());
        c.nEmbd = intField(*j, {"n_embd", "hidden_size"});
        c.nLayer = intField(*j, {"n_layer", "num_hidden_layers"});
        c.nHead = intField(*j, {"n_head", "num_attention_heads"});
        c.nPositions = intField(*j, {"n_positions", "n_ctx"});
        c.vocabSize = intField(*j, {"vocab_size"});
        // The flag make-synthetic writes (core/checkpoint/gpt2_config.cpp).
        if (auto it = j->find("laminar_synthetic_weights"); it != j->end() && it->is_boolean())
          c.synthetic = it->get<bool>();
        if (c.nEmbd > 0 && c.nLayer > 0 && c.nHead > 0) c.shape = shapeName(c.nEmbd, c.nLayer, c.nHead);
        if (c.modelType != "gpt2")
          configProblem = Message(msg::kLocalNotGpt2, {{"type", c.modelType}},
                                  "not a GPT-2 model (config.json model_type is \"" + c.modelType + "\")");
        else if (c.shape.empty())
          configProblem = Message(msg::kLocalConfigLacksShape, {}, "config.json lacks n_embd, n_layer or n_head");
      }
    }
  } else {
    configProblem = Message(msg::kLocalNoConfig, {}, "no config.json");
  }
  inspectWeights(directory, c, files, weightProblem);
  const std::vector<fs::path> tokenizer = tokenizerFilesIn(directory);
  c.hasTokenizer = !tokenizer.empty();
  files.insert(files.end(), tokenizer.begin(), tokenizer.end());
  for (const auto& f : files) c.sizeBytes += sizeOf(f);
  c.problem = !configProblem.english.empty() ? configProblem : weightProblem;
  return c;
}

std::vector<LocalCheckpoint> scanHubCache(const fs::path& cacheRoot) {
  std::vector<LocalCheckpoint> found;
  std::error_code ec;
  if (!fs::is_directory(cacheRoot, ec)) return found;
  for (const auto& repoEntry : fs::directory_iterator(cacheRoot, ec)) {
    auto repo = repoFromFolderName(repoEntry.path().filename().string());
    if (!repo || !repoEntry.is_directory(ec)) continue;
    // Which branches and tags point at which commit.
    std::map<std::string, std::vector<std::string>> refsByCommit;
    const fs::path refs = repoEntry.path() / "refs";
    if (fs::is_directory(refs, ec))
      for (auto it = fs::recursive_directory_iterator(refs, ec); !ec && it != fs::recursive_directory_iterator();
           it.increment(ec)) {
        if (!it->is_regular_file(ec)) continue;
        std::ifstream in(it->path());
        std::string commit;
        in >> commit;
        if (!commit.empty()) refsByCommit[commit].push_back(it->path().lexically_relative(refs).string());
      }
    const fs::path snapshots = repoEntry.path() / "snapshots";
    if (!fs::is_directory(snapshots, ec)) continue;
    for (const auto& snap : fs::directory_iterator(snapshots, ec)) {
      if (!snap.is_directory(ec)) continue;
      LocalCheckpoint c = inspectCheckpoint(snap.path());
      // Other models share the cache: list only GPT-2 and our own unfinished downloads.
      const bool ours = c.modelType == "gpt2" || (c.modelType.empty() && (c.hasWeights || c.hasTokenizer));
      if (!ours) continue;
      if (c.modelType.empty() && c.problem.code == msg::kLocalNoConfig.c_str())
        c.problem = Message(msg::kLocalIncompleteDownload, {},
                            "incomplete download (no config.json yet); run the download again to finish it");
      c.source = LocalCheckpoint::Source::HubCache;
      c.name = *repo;
      c.revision = snap.path().filename().string();
      c.refs = refsByCommit[c.revision];
      std::sort(c.refs.begin(), c.refs.end());
      found.push_back(std::move(c));
    }
  }
  std::sort(found.begin(), found.end(), [](const LocalCheckpoint& a, const LocalCheckpoint& b) {
    return std::tie(a.name, a.revision) < std::tie(b.name, b.revision);
  });
  return found;
}

std::vector<LocalCheckpoint> scanUserFolder(const fs::path& folder) {
  std::error_code ec;
  if (!fs::is_directory(folder, ec) || fs::exists(folder / "config.json", ec)) {
    LocalCheckpoint c = inspectCheckpoint(folder);
    c.source = LocalCheckpoint::Source::UserFolder;
    return {c};
  }
  std::vector<LocalCheckpoint> found;
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    if (!entry.is_directory(ec) || !fs::exists(entry.path() / "config.json", ec)) continue;
    LocalCheckpoint c = inspectCheckpoint(entry.path());
    c.source = LocalCheckpoint::Source::UserFolder;
    found.push_back(std::move(c));
  }
  std::sort(found.begin(), found.end(),
            [](const LocalCheckpoint& a, const LocalCheckpoint& b) { return a.directory < b.directory; });
  return found;
}

std::vector<LocalCheckpoint> scanLocalCheckpoints(const fs::path& cacheRoot, const std::vector<fs::path>& folders) {
  std::vector<LocalCheckpoint> all = scanHubCache(cacheRoot);
  for (const auto& folder : folders) {
    auto more = scanUserFolder(folder);
    all.insert(all.end(), more.begin(), more.end());
  }
  return all;
}

fs::path resolveModelLocation(const std::string& nameOrPath, const fs::path& cacheRoot) {
  std::error_code ec;
  if (fs::is_directory(nameOrPath, ec)) return nameOrPath;
  std::string name = nameOrPath, revision = "main";
  if (const auto at = name.rfind('@'); at != std::string::npos && at > 0) {
    revision = name.substr(at + 1);
    name = name.substr(0, at);
  }
  std::string repo;
  try {
    repo = repoForName(name);
  } catch (const Error&) {
    throw Error(Message(msg::kModelNotFound, {{"name", nameOrPath}},
                        "model '" + nameOrPath + "': no such folder, and not a model name (gpt2, gpt2-medium, gpt2-large, "
                        "gpt2-xl or a hub repository id)"));
  }
  const std::string command = "laminar-cli download " + name + (revision == "main" ? "" : " --revision " + revision);
  HubCache cache(cacheRoot);
  if (auto snapshot = cache.snapshotFor(repo, revision)) {
    LocalCheckpoint c = inspectCheckpoint(*snapshot);
    if (c.usable()) return *snapshot;
    throw Error(Message(msg::kModelNotUsable,
                        {{"name", nameOrPath}, {"folder", snapshot->string()}, {"detail", c.problem.english}, {"command", command}},
                        "model '" + nameOrPath + "' in the cache (" + snapshot->string() + ") is not usable: " +
                            c.problem.english + "; run: " + command));
  }
  throw Error(Message(msg::kModelNotDownloaded, {{"name", nameOrPath}, {"folder", cacheRoot.string()}, {"command", command}},
                      "model '" + nameOrPath + "' is not downloaded yet (looked in " + cacheRoot.string() + "); run: " + command));
}

}  // namespace laminar::hub
