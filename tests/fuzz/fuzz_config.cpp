// config.json as Gpt2Config reads it: anything accepted must describe a model whose sizes
// fit the arithmetic done on them (parameter count, head size, inner size).
#include "checkpoint/gpt2_config.h"
#include "fuzz_support.h"
#include "util/error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto path = fuzz::writeScratch("config.json", std::string(reinterpret_cast<const char*>(data), size));
  try {
    const laminar::Gpt2Config c = laminar::Gpt2Config::fromFile(path);
    FUZZ_CHECK(c.nEmbd > 0 && c.nLayer > 0 && c.nHead > 0 && c.nPositions > 0 && c.vocabSize > 0);
    FUZZ_CHECK(c.nEmbd % c.nHead == 0 && c.headDim() > 0 && c.innerDim() > 0);
    FUZZ_CHECK(c.parameterCount() > 0);
    (void)c.shapeName();
    // What is accepted must read back the same.
    const laminar::Gpt2Config again = laminar::Gpt2Config::fromJson(c.toJson(), "round trip");
    FUZZ_CHECK(again.toJson() == c.toJson());
  } catch (const laminar::Error&) {
  }
  return 0;
}
