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
#include <functional>
#include <string>

#include "analysis/run_results.h"
#include "util/atomic_file.h"
#include "util/error.h"
#include "util/json_excerpt.h"
#include "test_temp_dir.h"

namespace fs = std::filesystem;
using laminar::Error;

namespace {

using laminar::test::TestTempDir;

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

// A well-formed vectors.safetensors holding every array results.json lists, all zeros: enough
// for the checks made before the analysis reads the values.
std::string zeroVectorsOf(const nlohmann::json& results) {
  nlohmann::json header = nlohmann::json::object();
  uint64_t offset = 0;
  for (const auto& v : results.at("vectors")) {
    uint64_t bytes = v.at("dtype") == "I64" ? 8 : 4;
    for (const auto& n : v.at("shape")) bytes *= n.get<uint64_t>();
    header[v.at("name").get<std::string>()] = {{"dtype", v.at("dtype")}, {"shape", v.at("shape")},
                                               {"data_offsets", {offset, offset + bytes}}};
    offset += bytes;
  }
  return safetensorsHeaderOnly(header.dump()) + std::string(offset, '\0');
}

}  // namespace

TEST(HostileResults, VectorsPromisingOneTerabyteAreRefused) {
  TestTempDir d;
  const nlohmann::json j = fixture();
  write(d.path / "results.json", j.dump());
  const std::string name = j.at("vectors").at(0).at("name").get<std::string>();
  write(d.path / "vectors.safetensors",
        safetensorsHeaderOnly("{\"" + name + R"(":{"dtype":"F32","shape":[262144,1048576],"data_offsets":[0,1099511627776]}})"));
  const std::string e = loadError(d.path);
  EXPECT_NE(e.find("vectors.safetensors"), std::string::npos) << e;
}

TEST(HostileResults, DeeplyNestedResultsJsonIsRefused) {
  TestTempDir d;
  write(d.path / "results.json", std::string(100000, '[') + std::string(100000, ']'));
  const std::string e = loadError(d.path);
  EXPECT_NE(e.find("results.json"), std::string::npos) << e;
}

TEST(HostileResults, DeepJsonInsideTheExperimentIsRefused) {
  TestTempDir d;
  nlohmann::json j = fixture();
  j["similarity"]["layers"] = "DEEP";
  std::string text = j.dump();
  text.replace(text.find("\"DEEP\""), 6, std::string(100000, '[') + std::string(100000, ']'));
  write(d.path / "results.json", text);
  const std::string e = loadError(d.path);
  EXPECT_NE(e.find("results.json"), std::string::npos) << e;
}

// Each way a results folder can be broken is refused with a message code (the app says it in
// the user's language, app/core_messages.cpp) that names the file it found wrong.
TEST(HostileResults, EachRefusalCarriesItsMessageCodeAndFile) {
  struct Case {
    const char* what;
    std::function<void(nlohmann::json&)> breakIt;  // null: results.json is not JSON at all
    std::string code, file;
  };
  const std::vector<Case> cases = {
      {"not JSON", nullptr, "file.invalid_json", "results.json"},
      {"another format", [](nlohmann::json& j) { j["format"] = "something-else"; }, "results.not_laminar", "results.json"},
      {"version a string", [](nlohmann::json& j) { j["formatVersion"] = "3"; }, "results.version_not_integer",
       "results.json"},
      {"newer version", [](nlohmann::json& j) { j["formatVersion"] = 99; }, "results.newer_version", "results.json"},
      {"no experiment section", [](nlohmann::json& j) { j.erase("similarity"); }, "results.malformed", "results.json"},
      {"vectors not a list", [](nlohmann::json& j) { j["vectors"] = nlohmann::json::array({7}); },
       "results.malformed_vectors", "results.json"},
      {"a listed tensor missing", [](nlohmann::json& j) { j["vectors"].push_back({{"name", "no.such.tensor"}}); },
       "results.tensor_missing", "vectors.safetensors"},
      {"control outside the folder", [](nlohmann::json& j) { j["metadata"]["control"] = {{"directory", "../elsewhere"}}; },
       "results.control_directory", "results.json"},
      {"control the folder itself", [](nlohmann::json& j) { j["metadata"]["control"] = {{"directory", "."}}; },
       "results.control_directory", "results.json"},
  };
  for (const Case& c : cases) {
    TestTempDir d;
    nlohmann::json j = fixture();
    if (c.breakIt) c.breakIt(j);
    write(d.path / "results.json", c.breakIt ? j.dump() : std::string("{\"format\": "));
    write(d.path / "vectors.safetensors", zeroVectorsOf(fixture()));  // only the break above is wrong
    try {
      laminar::loadResults(d.path);
      ADD_FAILURE() << c.what << ": loaded";
    } catch (const Error& e) {
      EXPECT_EQ(e.message().code, c.code) << c.what << ": " << e.what();
      EXPECT_NE(e.message().param("file").find(c.file), std::string::npos) << c.what << ": " << e.what();
    }
  }
}

// A control folder that is a link back to the run (control -> .) would have the control load
// itself, and its control, until the path grew too long; a control that names a control of
// its own is refused at the first level, before any of its vectors are read.
TEST(HostileResults, AControlWithAControlOfItsOwnIsRefused) {
  TestTempDir d;
  nlohmann::json j = fixture();
  j["metadata"]["control"] = {{"directory", "control"}, {"kind", "untrained"}, {"seed", 0}};
  write(d.path / "results.json", j.dump());
  write(d.path / "vectors.safetensors", zeroVectorsOf(j));
  fs::create_directory_symlink(".", d.path / "control");
  try {
    laminar::loadResults(d.path);
    ADD_FAILURE() << "loaded";
  } catch (const Error& e) {
    EXPECT_EQ(e.message().code, "results.nested_control") << e.what();
    EXPECT_EQ(e.message().param("file"), (d.path / "control" / "results.json").string()) << e.what();
    EXPECT_EQ(e.message().param("found"), "control") << e.what();
  }
}

// Error messages quote a JSON value only when no entry of it nests (util/json_excerpt.h):
// every entry is looked at, not the first alone.
TEST(HostileResults, AnExcerptNamesAValueNestedInAnyEntry) {
  using laminar::jsonExcerpt;
  EXPECT_EQ(jsonExcerpt(nlohmann::json::parse(R"([1, "two", null])")), R"([1,"two",null])");
  EXPECT_EQ(jsonExcerpt(nlohmann::json::parse(R"([1, {"a": 2}])")), "an array of 2 entries (nested)");
  EXPECT_EQ(jsonExcerpt(nlohmann::json::parse(R"({"a": 1, "b": [2]})")), "an object of 2 members (nested)");
}

// dump() recurses once per level: 100,000 levels behind a harmless first entry would overflow
// the stack if quoted. (nlohmann 3.11 parses and destroys such a value without recursion.)
TEST(HostileResults, ADeepValueAfterAScalarIsNamedNotDumped) {
  const nlohmann::json deep =
      nlohmann::json::parse("[1, " + std::string(100000, '[') + std::string(100000, ']') + "]");
  EXPECT_EQ(laminar::jsonExcerpt(deep), "an array of 2 entries (nested)");
}
