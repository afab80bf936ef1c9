// Core's at::parallel_for loops must use the threads libtorch is given. Until 2026-12-03
// they never did (core was compiled without OpenMP, so the header template fell back to a
// serial loop), and no test noticed: results are the same either way, only slower.
#include <gtest/gtest.h>

#include <ATen/Parallel.h>

#include "model/parallel_loops.h"

namespace laminar {
namespace {

TEST(ParallelLoops, RunOnEveryThreadLibtorchIsGiven) {
  const int before = at::get_num_threads();
  at::set_num_threads(3);  // more than this machine's cores on purpose: a team, not a core count
#if LAMINAR_EXPECT_PARALLEL_LOOPS
  EXPECT_EQ(parallelLoopThreads(), 3) << "core was built with OpenMP, yet its loops do not fan out";
#else
  // A build without OpenMP (clang: the sanitizer and fuzz build) runs them serially, as the
  // top-level CMakeLists.txt says; if that changes, this build's expectation must too.
  EXPECT_EQ(parallelLoopThreads(), 1);
#endif
  at::set_num_threads(1);
  EXPECT_EQ(parallelLoopThreads(), 1);
  at::set_num_threads(before);
}

}  // namespace
}  // namespace laminar
