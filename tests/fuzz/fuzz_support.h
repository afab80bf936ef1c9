#pragma once
// Shared by the fuzz targets: the readers under test take paths, so each input is written to
// a scratch folder private to the process (removed at exit), and a broken invariant aborts
// so that libFuzzer records the input.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <system_error>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>

namespace fuzz {

// Removed by a static's destructor: an atexit() handler registered while `dir` was being
// made ran after `dir` itself was destroyed (exit order is the reverse of registration), so
// it removed nothing and every run left its folder behind.
class ScratchDir {
 public:
  ScratchDir() : path_(std::filesystem::temp_directory_path() / ("laminar-fuzz-" + std::to_string(getpid()))) {
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

inline const std::filesystem::path& scratchDir() {
  static const ScratchDir dir;
  return dir.path();
}

inline void writeFile(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

inline std::filesystem::path writeScratch(const std::string& name, const std::string& bytes) {
  auto path = scratchDir() / name;
  writeFile(path, bytes);
  return path;
}

// Two files in one input: split at the first NUL byte (none: all of it is the first).
inline std::pair<std::string, std::string> splitAtNul(const uint8_t* data, size_t size) {
  std::string all(reinterpret_cast<const char*>(data), size);
  auto nul = all.find('\0');
  if (nul == std::string::npos) return {all, std::string()};
  return {all.substr(0, nul), all.substr(nul + 1)};
}

[[noreturn]] inline void invariantBroken(const char* what) {
  std::fprintf(stderr, "fuzz invariant broken: %s\n", what);
  std::abort();
}

}  // namespace fuzz

#define FUZZ_CHECK(cond) \
  do {                   \
    if (!(cond)) fuzz::invariantBroken(#cond); \
  } while (0)
