#include "hub/hub_environment.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "util/trim.h"

namespace laminar::hub {
namespace fs = std::filesystem;
namespace {

std::optional<std::string> env(const char* name) {
  const char* v = std::getenv(name);
  if (!v || !*v) return std::nullopt;
  return std::string(v);
}

fs::path homeDirectory() {
  if (auto home = env("HOME")) return *home;
  return fs::temp_directory_path();
}

// RFC 3986 unreserved characters stay; everything else becomes %XX (like urllib quote).
std::string percentEncode(const std::string& s, bool keepSlash) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || (keepSlash && c == '/')) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

}  // namespace

std::string defaultEndpoint() {
  std::string endpoint = env("HF_ENDPOINT").value_or("https://huggingface.co");
  while (!endpoint.empty() && endpoint.back() == '/') endpoint.pop_back();
  return endpoint;
}

fs::path huggingFaceHome() {
  if (auto home = env("HF_HOME")) return *home;
  if (auto xdg = env("XDG_CACHE_HOME")) return fs::path(*xdg) / "huggingface";
  return homeDirectory() / ".cache" / "huggingface";
}

fs::path defaultCacheDirectory() {
  if (auto cache = env("HF_HUB_CACHE")) return *cache;
  if (auto legacy = env("HUGGINGFACE_HUB_CACHE")) return *legacy;
  return huggingFaceHome() / "hub";
}

std::optional<std::string> defaultToken() {
  for (const char* name : {"HF_TOKEN", "HUGGING_FACE_HUB_TOKEN"})
    if (auto token = env(name)) {
      std::string t = trimAsciiSpace(*token);
      if (!t.empty()) return t;
    }
  const fs::path tokenFile = env("HF_TOKEN_PATH") ? fs::path(*env("HF_TOKEN_PATH")) : huggingFaceHome() / "token";
  std::ifstream in(tokenFile);
  if (!in) return std::nullopt;
  std::stringstream ss;
  ss << in.rdbuf();
  std::string t = trimAsciiSpace(ss.str());
  if (t.empty()) return std::nullopt;
  return t;
}

bool offlineModeRequested() {
  auto v = env("HF_HUB_OFFLINE");
  if (!v) return false;
  std::string s = *v;
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
  return s == "1" || s == "ON" || s == "YES" || s == "TRUE";
}

std::string resolveUrl(const std::string& endpoint, const std::string& repo, const std::string& revision,
                       const std::string& file) {
  std::string base = endpoint;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + "/" + repo + "/resolve/" + percentEncode(revision, false) + "/" + percentEncode(file, true);
}

}  // namespace laminar::hub
