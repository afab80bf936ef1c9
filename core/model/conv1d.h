#pragma once
// Hugging Face's Conv1D, y = x [n, in] @ W [in, out] + b: the four GEMMs of every block,
// nearly all of a forward pass's arithmetic on the CPU.
#include <cstdint>

#include "util/torch_api.h"

namespace laminar {

// Every GEMM runs on whole blocks of kRowBlock rows (zero rows pad the last one), so that a
// row's bits depend only on the block it sits in, never on how many rows follow it: a
// sequence then has the same bits whether or not the tokens after its last requested
// position run (tests/model/test_truncation.cpp). Attention pads its length the same way.
constexpr int64_t kRowBlock = 48;
inline int64_t roundUpToRowBlock(int64_t n) { return (n + kRowBlock - 1) / kRowBlock * kRowBlock; }

// x [n, in] @ w [in, out] + b -> [n, out]: oneDNN's sgemm on the CPU in float32 where it runs
// (model/cpu_gemm.h), libtorch's addmm otherwise.
torch::Tensor conv1d(const torch::Tensor& x, const torch::Tensor& w, const torch::Tensor& b);

}  // namespace laminar
