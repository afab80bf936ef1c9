#pragma once
// A folder for one test, named after the running test and the process, removed with all it
// holds when the test ends.
#include <unistd.h>

#include <filesystem>
#include <string>

#include <gtest/gtest.h>

namespace laminar::test {

struct TestTempDir {
  std::filesystem::path path;
  TestTempDir() {
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    path = std::filesystem::temp_directory_path() /
           ("laminar-" + std::string(test->test_suite_name()) + "-" + std::to_string(::getpid()) + "-" + test->name());
    std::filesystem::create_directories(path);
  }
  ~TestTempDir() { std::filesystem::remove_all(path); }
};

}  // namespace laminar::test
