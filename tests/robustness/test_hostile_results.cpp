// Results directories built to hurt the reader (the GUI opens them from anywhere): a
// vectors.safetensors promising 1 TB, 100k-deep JSON, a huge list of vectors. Each must be
// refused with a message naming the file, without allocating what it promises (CTest runs
// this program under an address-space limit, see CMakeLists.txt).
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

#include "analysis/run_results.h"
#include "util/atomic_file.h"
#include "util/error.h"

namespace fs = std::filesystem;
using laminar::Error;

namespace {

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("laminar-hostile-" + std::to_string(::getpid()) + "-" +
                                               ::testing::UnitTest::GetInstance()->current_test_info()->name());
  TempDir() { fs::create_directories(path); }
  ~TempDir() { fs::remove_all(path); }
};

void write(const fs::path& p, const std::string& bytes) { std::ofstream(p, std::ios::binary) << bytes; }

std::string safetensorsHeaderOnly(const std::string& json) {
  std::string padded = json + std::string((8 - json.size() % 8) % 8, ' ');
  uint64_t n = padded.size();
  std::string out(8, '\0');
  std::memcpy(out.data(), &n, 8);
  return out + padded;
}

std::string loadError(const fs::path& dir) {
  try {
    laminar::loadResults(dir);
  } catch (const Error& e) {
    return e.what();
  }
  return "(loaded)";
}

// A real results.json (laminar-cli analyze similarity on a synthetic 32x2x2 model, 3 texts).
nlohmann::json fixture() {
  return nlohmann::json::parse(laminar::readFile(LAMINAR_ROBUSTNESS_DATA "/similarity-results.json"));
}

}  // namespace

TEST(HostileResults, VectorsPromisingOneTerabyteAreRefused) {
  TempDir d;
  const nlohmann::json j = fixture();
  write(d.path / "results.json", j.dump());
  const std::string name = j.at("vectors").at(0).at("name").get<std::string>();
  write(d.path / "vectors.safetensors",
        safetensorsHeaderOnly("{\"" + name + R"(":{"dtype":"F32","shape":[262144,1048576],"data_offsets":[0,1099511627776]}})"));
  const std::string e = loadError(d.path);
  EXPECT_NE(e.find("vectors.safetensors"), std::string::npos) << e;
}

TEST(HostileResults, DeeplyNestedResultsJsonIsRefused) {
  TempDir d;
  write(d.path / "results.json", std::string(100000, '[') + std::string(100000, ']'));
  const std::string e = loadError(d.path);
  EXPECT_NE(e.find("results.json"), std::string::npos) << e;
}

TEST(HostileResults, DeepJsonInsideTheExperimentIsRefused) {
  TempDir d;
  nlohmann::json j = fixture();
  j["similarity"]["layers"] = "DEEP";
  std::string text = j.dump();
  text.replace(text.find("\"DEEP\""), 6, std::string(100000, '[') + std::string(100000, ']'));
  write(d.path / "results.json", text);
  const std::string e = loadError(d.path);
  EXPECT_NE(e.find("results.json"), std::string::npos) << e;
}
