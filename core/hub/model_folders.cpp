#include "hub/model_folders.h"

#include <cstdlib>
#include <system_error>

#include <nlohmann/json.hpp>

#include "util/atomic_file.h"
#include "util/error.h"

namespace laminar::hub {
namespace fs = std::filesystem;

fs::path modelFoldersConfigPath() {
  fs::path config;
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg)
    config = xdg;
  else if (const char* home = std::getenv("HOME"); home && *home)
    config = fs::path(home) / ".config";
  else
    config = fs::temp_directory_path();
  return config / "laminar" / "model-folders.json";
}

std::vector<fs::path> loadModelFolders(const fs::path& configFile) {
  std::error_code ec;
  if (!fs::exists(configFile, ec)) return {};
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(readFile(configFile));
  } catch (const nlohmann::json::exception& e) {
    throw Error(fileMessage(configFile.string(), msg::kFileInvalidJson, {{"detail", e.what()}},
                            std::string("not valid JSON: ") + e.what()));
  }
  // {"folders": [...]} is what we write; a bare list is accepted too (hand-written files).
  const nlohmann::json* list = &j;
  if (j.is_object()) {
    if (!j.contains("folders"))
      throw Error(fileMessage(configFile.string(), msg::kModelFoldersNoFoldersKey, {}, "expected {\"folders\": [\"/path\", ...]}"));
    list = &j["folders"];
  }
  if (!list->is_array())
    throw Error(fileMessage(configFile.string(), msg::kModelFoldersNotList, {}, "\"folders\" must be a list of paths"));
  std::vector<fs::path> folders;
  for (size_t i = 0; i < list->size(); ++i) {
    const auto& item = (*list)[i];
    if (!item.is_string())
      throw Error(fileMessage(configFile.string(), msg::kModelFoldersEntryNotString, {{"position", std::to_string(i)}},
                              "folders[" + std::to_string(i) + "] is not a string"));
    folders.emplace_back(item.get<std::string>());
  }
  return folders;
}

void saveModelFolders(const fs::path& configFile, const std::vector<fs::path>& folders) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& f : folders) list.push_back(f.string());
  std::error_code ec;
  fs::create_directories(configFile.parent_path(), ec);
  if (ec)
    throw Error(systemFileMessage(configFile.parent_path().string(), msg::kFileCannotCreateFolder,
                                  "cannot create folder", ec.message()));
  writeFileAtomically(configFile, nlohmann::json{{"folders", list}}.dump(2) + "\n");
}

}  // namespace laminar::hub
