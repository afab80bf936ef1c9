#include "util/allocator_tuning.h"

#include <mutex>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace laminar {

void tuneAllocatorForTensors() {
  static std::once_flag once;
  std::call_once(once, [] {
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, 256 << 20);  // also turns off the dynamic threshold
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
    // One arena: a thread's own arena grows in 64 MB heaps that are unmapped whenever they
    // empty, so a worker thread's 37 MB activations faulted in again at every operation
    // (the app's run thread spent 3x the CLI's system time). Threads that start after this
    // call share the main arena; few of them allocate often, so its lock is rarely contended.
    mallopt(M_ARENA_MAX, 1);
#endif
  });
}

namespace {
// Static initialisation of this object: before main(), so before any thread has an arena.
[[gnu::constructor]] void tuneAllocatorAtStart() { tuneAllocatorForTensors(); }
}  // namespace

}  // namespace laminar
