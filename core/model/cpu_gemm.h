#pragma once
// Float32 GEMMs on the CPU through oneDNN's sgemm, where the build has it (libdnnl-dev):
// Debian's libtorch already loads oneDNN, whose sgemm picks AVX-512 kernels by itself and runs
// about twice as fast here as OpenBLAS with the Haswell kernels the machine pins.
// LAMINAR_GEMM=blas turns it off: callers then use libtorch's BLAS, as a build without oneDNN.
#include <cstdint>
#include <string>

namespace laminar {

// C [m, n] = op(A) [m, k] op(B) [k, n] + beta C, every matrix row-major with the given
// leading dimensions (dnnl_sgemm's contract), on libtorch's thread count. Returns false,
// touching nothing, where oneDNN does not run; throws laminar::Error if it fails.
bool sgemmOnOneDnn(bool transposeA, bool transposeB, int64_t m, int64_t n, int64_t k, const float* a, int64_t lda,
                   const float* b, int64_t ldb, float beta, float* c, int64_t ldc);

// What runs the float32 GEMMs on the CPU, for results' metadata and --version:
// "oneDNN 2.6.3 sgemm, avx512_core_bf16" or "libtorch addmm (its BLAS)".
std::string cpuGemmDescription();

}  // namespace laminar
