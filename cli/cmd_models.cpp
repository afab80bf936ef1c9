// laminar-cli models: the GPT-2 checkpoints on this machine (hub cache and user-added
// folders) with shape and size, and the downloadable ones.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <iomanip>
#include <iostream>
#include <memory>

#include "cli/command_registry.h"
#include "hub/byte_format.h"
#include "hub/hub_environment.h"
#include "hub/known_models.h"
#include "hub/local_checkpoints.h"
#include "hub/model_folders.h"
#include "util/error.h"

namespace laminar::cli {
namespace {
namespace fs = std::filesystem;

struct ModelsCliOptions {
  bool json = false;
  std::vector<std::string> folders, add, remove;
  std::string cacheDir;
};

nlohmann::json toJson(const hub::LocalCheckpoint& c) {
  return {{"source", hub::sourceName(c.source)},
          {"name", c.name},
          {"revision", c.revision},
          {"refs", c.refs},
          {"path", c.directory.string()},
          {"shape", c.shape},
          {"n_embd", c.nEmbd},
          {"n_layer", c.nLayer},
          {"n_head", c.nHead},
          {"n_positions", c.nPositions},
          {"vocab_size", c.vocabSize},
          {"size_bytes", c.sizeBytes},
          {"has_tokenizer", c.hasTokenizer},
          {"synthetic", c.synthetic},
          {"usable", c.usable()},
          {"problem", c.problem.english}};
}

int runModels(const ModelsCliOptions& o) {
  const fs::path configFile = hub::modelFoldersConfigPath();
  std::vector<fs::path> saved = hub::loadModelFolders(configFile);
  if (!o.add.empty() || !o.remove.empty()) {
    for (const auto& a : o.add) {
      fs::path p = fs::absolute(a).lexically_normal();
      if (!fs::is_directory(p)) throw Error(fileError(p.string(), "--add-folder: not a folder"));
      if (std::find(saved.begin(), saved.end(), p) == saved.end()) saved.push_back(p);
    }
    for (const auto& r : o.remove) {
      fs::path p = fs::absolute(r).lexically_normal();
      auto it = std::find(saved.begin(), saved.end(), p);
      if (it == saved.end()) throw Error("--remove-folder: " + p.string() + " is not in " + configFile.string());
      saved.erase(it);
    }
    hub::saveModelFolders(configFile, saved);
  }
  std::vector<fs::path> folders = saved;
  for (const auto& f : o.folders) folders.emplace_back(f);
  const fs::path cache = o.cacheDir.empty() ? hub::defaultCacheDirectory() : fs::path(o.cacheDir);
  const auto found = hub::scanLocalCheckpoints(cache, folders);

  if (o.json) {
    nlohmann::json out;
    out["cache"] = cache.string();
    out["folders"] = nlohmann::json::array();
    for (const auto& f : folders) out["folders"].push_back(f.string());
    out["checkpoints"] = nlohmann::json::array();
    for (const auto& c : found) out["checkpoints"].push_back(toJson(c));
    out["downloadable"] = nlohmann::json::array();
    for (const auto& m : hub::knownModels())
      out["downloadable"].push_back({{"id", m.id},
                                     {"repo", m.repo},
                                     {"name", m.displayName},
                                     {"parameters", m.parameters},
                                     {"approx_download_bytes", m.approxDownloadBytes}});
    std::cout << out.dump(2) << "\n";
    return 0;
  }

  std::cout << "Cache: " << cache.string() << "\n";
  for (const auto& f : folders) std::cout << "Folder: " << f.string() << "\n";
  if (found.empty()) {
    std::cout << "\nNo local checkpoints. Download one with: laminar-cli download gpt2-xl\n";
  } else {
    std::cout << "\n" << std::left << std::setw(32) << "MODEL" << std::setw(14) << "REVISION" << std::setw(14)
              << "SHAPE" << std::setw(11) << "SIZE" << "LOCATION\n";
    for (const auto& c : found) {
      std::string revision = c.revision.empty() ? "-" : c.revision.substr(0, 12);
      if (!c.refs.empty()) revision = c.refs.front();
      std::cout << std::setw(32) << c.name << std::setw(14) << revision << std::setw(14)
                << (c.shape.empty() ? "?" : c.shape) << std::setw(11) << hub::formatBytes(c.sizeBytes)
                << c.directory.string() << "\n";
      if (!c.usable()) std::cout << "    not usable: " << c.problem.english << "\n";
      if (c.synthetic) std::cout << "    synthetic: random weights\n";
    }
  }
  std::cout << "\nDownloadable (laminar-cli download NAME):\n";
  for (const auto& m : hub::knownModels())
    std::cout << "  " << std::setw(13) << m.id << std::setw(32) << m.repo << "~" << hub::formatBytes(m.approxDownloadBytes)
              << "\n";
  return 0;
}

RegisterCommand modelsCommand([](CLI::App& app) {
  auto o = std::make_shared<ModelsCliOptions>();
  auto* sub = app.add_subcommand("models", "List local GPT-2 checkpoints (hub cache and your folders) and downloadable ones");
  sub->add_flag("--json", o->json, "Machine-readable output");
  sub->add_option("--folder", o->folders, "Also look in this folder (a checkpoint, or a folder of them)");
  sub->add_option("--add-folder", o->add, "Remember a folder in ~/.config/laminar/model-folders.json");
  sub->add_option("--remove-folder", o->remove, "Forget a remembered folder");
  sub->add_option("--cache-dir", o->cacheDir, "Hub cache folder (default: $HF_HUB_CACHE, $HF_HOME/hub, ...)");
  return std::function<int()>([o] { return runModels(*o); });
});

}  // namespace
}  // namespace laminar::cli
