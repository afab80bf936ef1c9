#pragma once
// The seeded random choices of the experiments, written out so they are the same on every
// platform and compiler (std:: distributions are not) and can be re-implemented in a few
// lines of Python (docs/results-format.md).
#include <cstdint>
#include <vector>

namespace laminar {

// SplitMix64 (Steele, Lea & Flood 2014): advances `state` and returns the next output.
uint64_t splitMix64(uint64_t& state);

// An independent stream for (seed, stream): the state after mixing both.
uint64_t streamState(uint64_t seed, uint64_t stream);

// Uniform integer in [0, n), n >= 1, by rejection (no modulo bias).
uint64_t uniformBelow(uint64_t& state, uint64_t n);

// A uniformly random permutation of 0..n-1 (Fisher-Yates, i from n-1 down to 1, swapping i
// with uniformBelow(i + 1)).
std::vector<int64_t> seededPermutation(int64_t n, uint64_t& state);

}  // namespace laminar
