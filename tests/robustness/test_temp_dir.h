#pragma once
// A folder for one test, named after the process and the running test, removed with all it
// holds when the test ends.
#include <unistd.h>

#include <filesystem>
#include <string>

#include <gtest/gtest.h>

namespace laminar::test {

struct TestTempDir {
  std::filesystem::path path;
  explicit TestTempDir(const std::string& prefix)
      : path(std::filesystem::temp_directory_path() /
             (prefix + std::to_string(::getpid()) + "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name())) {
    std::filesystem::create_directories(path);
  }
  ~TestTempDir() { std::filesystem::remove_all(path); }
};

}  // namespace laminar::test
