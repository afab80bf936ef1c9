#include "training/parallel_normal.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <boost/random/normal_distribution.hpp>

namespace laminar {
namespace {

constexpr uint64_t kGolden = 0x9E3779B97F4A7C15ULL;  // SplitMix64's increment

// SplitMix64's output function (Steele, Lea & Flood 2014), the same mix as
// analysis/seeded_random.cpp.
uint64_t mix64(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// SplitMix64 as a UniformRandomBitGenerator for Boost.Random: it passes BigCrush, costs two
// multiplications a value, and its state is one integer, so starting a generator per block
// is free.
struct SplitMix64Engine {
  using result_type = uint64_t;
  uint64_t state;
  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return ~result_type{0}; }
  result_type operator()() { return mix64(state += kGolden); }
};

// The start of block `block` of `stream`: both hashed in, so neighbouring blocks and streams
// start at unrelated points of the 2^64 cycle (a block draws about 4,100 values of it).
uint64_t blockState(uint64_t seed, uint64_t stream, uint64_t block) {
  return mix64(mix64(seed + kGolden) ^ mix64((stream << 32 ^ block) + kGolden));
}

}  // namespace

void fillParallelNormal(float* out, int64_t n, double stddev, uint64_t seed, uint64_t stream) {
  const int64_t blocks = (n + kParallelNormalBlock - 1) / kParallelNormalBlock;
  at::parallel_for(0, blocks, /*grain_size=*/16, [&](int64_t begin, int64_t end) {
    for (int64_t b = begin; b < end; ++b) {
      SplitMix64Engine engine{blockState(seed, stream, static_cast<uint64_t>(b))};
      // double draws (exact ziggurat tails), rounded once to the float32 of the weights
      boost::random::normal_distribution<double> normal(0.0, stddev);
      const int64_t first = b * kParallelNormalBlock, last = std::min(n, first + kParallelNormalBlock);
      for (int64_t i = first; i < last; ++i) out[i] = static_cast<float>(normal(engine));
    }
  });
}

}  // namespace laminar
