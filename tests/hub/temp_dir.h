#pragma once
// A fresh folder under /tmp for one test, removed afterwards (and ScopedEnv, which the hub
// tests use with it).
#include <cstdlib>
#include <filesystem>
#include <string>

#include "tests/scoped_env.h"

namespace laminar::test {

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "laminar-hub-test-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace laminar::test
