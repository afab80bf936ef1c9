#pragma once
// How a model is asked to run (device, dtype, threads, batch size). Free of libtorch's
// headers, so the app's and CLI's settings code compiles without them.
#include <cstdint>
#include <string>

namespace laminar {

struct ModelOptions {
  std::string device = "cpu";    // "cpu", "cuda", "cuda:1"
  std::string dtype = "float32"; // "float32"; "float16"/"bfloat16" on CUDA only
  int threads = 0;               // CPU intra-op threads; 0 = defaultThreadCount() (model/torch_runtime.h)
  int64_t maxBatchTokens = 8192; // sequences are padded into batches of at most this many slots
};

}  // namespace laminar
