#pragma once
// Whether core's own parallel loops (at::parallel_for: histograms, pair MIs, the control's
// weight draws, the finiteness check of loaded weights) really run on several threads.
// at::parallel_for is a header template, so it is parallel only where the including source
// was compiled with OpenMP (see LAMINAR_OPENMP in the top-level CMakeLists.txt); without it,
// every such loop silently ran on one thread whatever --threads said (found 2026-12-03).

namespace laminar {

// The number of threads an at::parallel_for over enough items runs on now: libtorch's
// intra-op thread count where core was compiled with OpenMP, 1 where it was not.
int parallelLoopThreads();

}  // namespace laminar
