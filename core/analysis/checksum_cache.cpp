#include "analysis/checksum_cache.h"

#include <sys/stat.h>

#include <cstdlib>
#include <map>
#include <mutex>

#include <nlohmann/json.hpp>

#include "util/atomic_file.h"
#include "util/sha256.h"

namespace laminar {
namespace fs = std::filesystem;

namespace {

fs::path cacheFile() {
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  const char* home = std::getenv("HOME");
  fs::path base = xdg && *xdg ? fs::path(xdg) : home && *home ? fs::path(home) / ".cache" : fs::path();
  return base.empty() ? fs::path() : base / "laminar" / "sha256-cache.json";
}

// size:mtime(ns):inode: a file replaced under the same name (new inode) or rewritten in
// place (new size or mtime) gets a new key.
std::string versionKey(const fs::path& p) {
  struct stat st {};
  if (::stat(p.c_str(), &st) != 0) return {};
  const long long mtimeNs = static_cast<long long>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
  return std::to_string(static_cast<long long>(st.st_size)) + ":" + std::to_string(mtimeNs) + ":" +
         std::to_string(static_cast<unsigned long long>(st.st_ino));
}

std::mutex& cacheMutex() {
  static std::mutex m;
  return m;
}

}  // namespace

std::string cachedSha256OfFile(const fs::path& path) {
  std::error_code ec;
  fs::path abs = fs::absolute(path, ec);
  if (ec) abs = path;
  const std::string key = abs.string(), version = versionKey(abs);
  static std::map<std::string, std::pair<std::string, std::string>> memory;  // path -> (version, sha)
  std::lock_guard<std::mutex> lock(cacheMutex());
  if (!version.empty()) {
    auto it = memory.find(key);
    if (it != memory.end() && it->second.first == version) return it->second.second;
  }
  const fs::path file = cacheFile();
  nlohmann::json disk = nlohmann::json::object();
  if (!file.empty() && fs::exists(file, ec)) {
    try {
      disk = nlohmann::json::parse(readFile(file));
      if (!disk.is_object()) disk = nlohmann::json::object();
    } catch (const std::exception&) {
      disk = nlohmann::json::object();
    }
  }
  if (!version.empty() && disk.contains(key) && disk[key].is_object() && disk[key].value("version", "") == version &&
      disk[key].contains("sha256") && disk[key]["sha256"].is_string()) {
    std::string sha = disk[key]["sha256"].get<std::string>();
    memory[key] = {version, sha};
    return sha;
  }
  std::string sha = sha256OfFile(abs);
  if (!version.empty()) {
    memory[key] = {version, sha};
    if (!file.empty()) {
      try {
        disk[key] = {{"version", version}, {"sha256", sha}};
        fs::create_directories(file.parent_path(), ec);
        writeFileAtomically(file, disk.dump(1));
      } catch (const std::exception&) {
        // a read-only cache only costs time
      }
    }
  }
  return sha;
}

}  // namespace laminar
