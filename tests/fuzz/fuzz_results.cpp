// A results directory as loadResults reads it: results.json and vectors.safetensors (split
// at the first NUL byte). What loads must hold the vectors it lists, with their bytes.
#include <filesystem>

#include "analysis/run_results.h"
#include "fuzz_support.h"
#include "util/error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto [json, vectors] = fuzz::splitAtNul(data, size);
  const auto dir = fuzz::scratchDir() / "results";
  std::filesystem::create_directories(dir);
  fuzz::writeFile(dir / "results.json", json);
  fuzz::writeFile(dir / "vectors.safetensors", vectors);
  try {
    const laminar::RunResults r = laminar::loadResults(dir);
    for (const auto& v : r.vectors) FUZZ_CHECK(v.bytes.size() <= vectors.size());
    FUZZ_CHECK(r.data.has_value());
  } catch (const laminar::Error&) {
  }
  return 0;
}
