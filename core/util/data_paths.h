#pragma once
// Where Laminar's own data lives (bundled tokenizer, examples, translations), both in the
// build tree and when installed. Order: $LAMINAR_DATA_DIR, <exe>/../share/laminar,
// the source tree's resources/ (build tree).
#include <filesystem>
#include <string>
#include <vector>

namespace laminar {

std::vector<std::filesystem::path> dataDirectories();
// First existing <dir>/<relative>; throws laminar::Error listing the places searched.
std::filesystem::path findDataPath(const std::string& relative);

}  // namespace laminar
