#include "model/torch_runtime.h"

#include <algorithm>
#include <thread>

#include "model/cpu_gemm.h"
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

std::string cpuGemmLibrary() { return cpuGemmDescription(); }

}  // namespace laminar
