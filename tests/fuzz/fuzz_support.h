#pragma once
// Shared by the fuzz targets: the readers under test take paths, so each input is written to
// a scratch folder private to the process (removed at exit), and a broken invariant aborts
// so that libFuzzer records the input.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>

namespace fuzz {

inline const std::filesystem::path& scratchDir() {
  static const std::filesystem::path dir = [] {
    auto d = std::filesystem::temp_directory_path() / ("laminar-fuzz-" + std::to_string(getpid()));
    std::filesystem::create_directories(d);
    std::atexit([] {
      std::error_code ec;
      std::filesystem::remove_all(scratchDir(), ec);
    });
    return d;
  }();
  return dir;
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
