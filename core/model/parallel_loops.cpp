#include "model/parallel_loops.h"

#include <ATen/Parallel.h>

#include <atomic>
#include <cstdint>

namespace laminar {

int parallelLoopThreads() {
  // One item per thread libtorch may use (grain 1), each recording which thread ran it.
  const int64_t items = at::get_num_threads();
  std::atomic<uint64_t> seen{0};
  at::parallel_for(0, items, 1, [&](int64_t, int64_t) {
    const int id = at::get_thread_num();
    if (id < 64) seen.fetch_or(uint64_t{1} << id);
  });
  return __builtin_popcountll(seen.load());
}

}  // namespace laminar
