#pragma once
// The folders the user added to the model list, kept in
// $XDG_CONFIG_HOME/laminar/model-folders.json (default ~/.config/laminar/model-folders.json)
// as {"folders": ["/path/one", "/path/two"]}.
#include <filesystem>
#include <vector>

namespace laminar::hub {

std::filesystem::path modelFoldersConfigPath();

// Missing file = no folders. A malformed file throws laminar::Error naming it.
std::vector<std::filesystem::path> loadModelFolders(const std::filesystem::path& configFile);
// Written atomically; parent folders created.
void saveModelFolders(const std::filesystem::path& configFile,
                      const std::vector<std::filesystem::path>& folders);

}  // namespace laminar::hub
