// Sentence files too large to be a sentence set are refused before they are read.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "analysis/sentence_set.h"
#include "util/error.h"

namespace fs = std::filesystem;

TEST(HostileSentences, TwoHundredMegabyteFileIsRefusedWithoutReadingIt) {
  const fs::path file = fs::temp_directory_path() / ("laminar-huge-" + std::to_string(::getpid()) + ".txt");
  { std::ofstream(file) << "# target: her\nI saw her.\n"; }
  fs::resize_file(file, 200'000'000);  // sparse: no disk used
  const auto start = std::chrono::steady_clock::now();
  std::string message = "(loaded)";
  try {
    laminar::loadSentenceSet(file);
  } catch (const laminar::Error& e) {
    message = e.what();
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  fs::remove(file);
  EXPECT_NE(message.find(file.string()), std::string::npos) << message;
  EXPECT_NE(message.find("limited to 32 MiB"), std::string::npos) << message;
  EXPECT_LT(seconds, 1.0);
}

TEST(HostileSentences, TheLimitAppliesToBytesAlreadyInMemory) {
  const std::string big((32u << 20) + 1, 'a');  // one byte over the limit
  EXPECT_THROW(laminar::parseSentenceSet(big, "big.txt"), laminar::Error);
}

// fuzz_sentence_set: a .json set holding a number beyond double ("1111110999E99999000") threw
// nlohmann's out_of_range past the parse-error handler: "internal error" in laminar-cli
// (regressions/sentence_set/json-number-overflowing-double).
TEST(HostileSentences, JsonNumberBeyondDoubleNamesTheFile) {
  std::string message = "(parsed)";
  try {
    laminar::parseSentenceSet("1111110999E99999000 ", "set.json");
  } catch (const laminar::Error& e) {
    message = e.what();
  }
  EXPECT_EQ(message, "set.json: not valid JSON: number overflow parsing '1111110999E99999000'");
}
