#include "util/data_paths.h"

#include <unistd.h>

#include <cstdlib>
#include <system_error>

#include "util/error.h"

namespace laminar {
namespace fs = std::filesystem;

std::vector<fs::path> dataDirectories() {
  std::vector<fs::path> dirs;
  if (const char* env = std::getenv("LAMINAR_DATA_DIR"); env && *env) dirs.emplace_back(env);
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) dirs.push_back(exe.parent_path().parent_path() / "share" / "laminar");
  dirs.push_back(fs::path(LAMINAR_SOURCE_RESOURCES));
  return dirs;
}

fs::path findDataPath(const std::string& relative) {
  std::string searched;
  for (const auto& dir : dataDirectories()) {
    fs::path candidate = dir / relative;
    std::error_code ec;
    if (fs::exists(candidate, ec)) return candidate;
    searched += "\n  " + candidate.string();
  }
  throw Error(Message(msg::kDataFileNotFound, {{"name", relative}, {"searched", searched}},
                      "cannot find Laminar data file '" + relative + "'; looked in:" + searched));
}

}  // namespace laminar
