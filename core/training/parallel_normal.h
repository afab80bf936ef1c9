#pragma once
// Normal draws that all cores can make at once and that still depend only on the seed.
//
// torch's CPU Tensor::normal_ draws from one serial mt19937 stream, about 45 M values/s here:
// 35 s for the 1.6 billion weights of a GPT-2 XL-shaped untrained control, four times the
// run it controls (issue 10). Here a tensor is cut into blocks of kParallelNormalBlock
// values; block b of stream s gets its own SplitMix64 generator, started from a hash of
// (seed, s, b), and Boost.Random's ziggurat normal_distribution draws the block from it. A
// value therefore depends only on (seed, stream, its index), never on the thread count or
// on which thread drew it, and the blocks fill in parallel (at::parallel_for).
#include <cstdint>

namespace laminar {

inline constexpr int64_t kParallelNormalBlock = 4096;

// Fills out[0 .. n) with normal(0, stddev) draws of (seed, stream) as above, on
// at::get_num_threads() threads. Index i is value i % kParallelNormalBlock of block
// i / kParallelNormalBlock, so a prefix of a stream is the same whatever n is.
void fillParallelNormal(float* out, int64_t n, double stddev, uint64_t seed, uint64_t stream);

}  // namespace laminar
