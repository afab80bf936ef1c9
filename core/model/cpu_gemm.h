#pragma once
// Float32 GEMMs on the CPU through oneDNN's sgemm, where the build has it (libdnnl-dev):
// Debian's libtorch already loads oneDNN, whose sgemm picks AVX-512 kernels by itself and runs
// about twice as fast here as OpenBLAS with the Haswell kernels the machine pins.
// LAMINAR_GEMM=blas turns it off: callers then use libtorch's BLAS, as a build without oneDNN.
// cpuGemmLibrary() (model/torch_runtime.h, defined here) says which runs.
#include <cstdint>

#include "util/torch_api.h"

namespace laminar {

// C [m, n] = op(A) [m, k] op(B) [k, n] + beta C, every matrix row-major with the given
// leading dimensions (dnnl_sgemm's contract), on libtorch's thread count. Returns false,
// touching nothing, where oneDNN does not run; throws laminar::Error if it fails.
bool sgemmOnOneDnn(bool transposeA, bool transposeB, int64_t m, int64_t n, int64_t k, const float* a, int64_t lda,
                   const float* b, int64_t ldb, float beta, float* c, int64_t ldc);

// out [m, n] = a [m, k] @ b [k, n]: on oneDNN for CPU float32 tensors whose rows or columns
// are contiguous (plain or transposed views, as narrow(...).t() gives), torch::mm_out otherwise.
void matmulInto(torch::Tensor& out, const torch::Tensor& a, const torch::Tensor& b);

}  // namespace laminar
