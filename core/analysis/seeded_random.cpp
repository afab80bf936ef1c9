#include "analysis/seeded_random.h"

#include <cstddef>
#include <numeric>
#include <utility>

namespace laminar {

uint64_t splitMix64(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

uint64_t streamState(uint64_t seed, uint64_t stream) {
  uint64_t s = seed;
  uint64_t a = splitMix64(s);
  uint64_t t = a ^ stream;
  return splitMix64(t);
}

uint64_t uniformBelow(uint64_t& state, uint64_t n) {
  // Reject the top partial range so every residue is equally likely.
  const uint64_t limit = UINT64_MAX - (UINT64_MAX % n + 1) % n;
  for (;;) {
    uint64_t r = splitMix64(state);
    if (r <= limit) return r % n;
  }
}

std::vector<int64_t> seededPermutation(int64_t n, uint64_t& state) {
  std::vector<int64_t> p(static_cast<size_t>(n));
  std::iota(p.begin(), p.end(), 0);
  for (int64_t i = n - 1; i >= 1; --i) {
    auto j = static_cast<int64_t>(uniformBelow(state, static_cast<uint64_t>(i + 1)));
    std::swap(p[static_cast<size_t>(i)], p[static_cast<size_t>(j)]);
  }
  return p;
}

}  // namespace laminar
