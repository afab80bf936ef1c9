#include "model/torch_runtime.h"

#include <algorithm>
#include <thread>

#include "util/torch_api.h"

namespace laminar {

bool cudaAvailable() { return torch::cuda::is_available(); }

int defaultThreadCount() { return std::max(1u, std::thread::hardware_concurrency()); }

std::string torchVersion() {
#ifdef TORCH_VERSION
  return TORCH_VERSION;
#else
  return std::to_string(TORCH_VERSION_MAJOR) + "." + std::to_string(TORCH_VERSION_MINOR) + "." +
         std::to_string(TORCH_VERSION_PATCH);
#endif
}

}  // namespace laminar
