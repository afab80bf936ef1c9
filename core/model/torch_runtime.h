#pragma once
// Questions about the libtorch this build runs on, asked without its headers (for
// --version, the device menu and the thread default; model/torch_runtime.cpp answers them).
#include <string>

namespace laminar {

// The CPU threads a model uses when ModelOptions::threads is 0: the machine's cores.
int defaultThreadCount();

// Availability of the optional device paths, for --version and the device menu.
bool cudaAvailable();
std::string torchVersion();

// What runs the float32 GEMMs on the CPU, for --version, the About box and results' metadata:
// "oneDNN 2.6.3 sgemm, avx512_core_bf16" or "libtorch addmm (its BLAS)" (model/cpu_gemm.cpp).
std::string cpuGemmLibrary();

}  // namespace laminar
