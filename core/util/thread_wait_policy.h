#pragma once
// How idle worker threads wait, set before the thread libraries start.

namespace laminar {

// libtorch runs its own operators on an OpenMP team and its GEMMs on OpenBLAS's separate
// pthread pool, both sized to every core. By default each pool's idle threads spin while
// the other works (libgomp spins before sleeping; OpenBLAS calls sched_yield for 2^28
// cycles), so on a machine with few cores the GEMM threads share their cores with spinning
// ones: on the 2-core machine a third of the CPU of a GPT-2 XL run went to spinning and
// yielding (perf, 2026-12-02). With OMP_WAIT_POLICY=PASSIVE and OPENBLAS_THREAD_TIMEOUT=4
// idle threads sleep at once: experiment 1 on GPT-2 XL went from 31 s to 23 s.
//
// Both libraries read these variables when they are loaded, before main() runs, so setting
// them needs a fresh start of the program: this re-executes the program with the same
// arguments and the variables added, once (LAMINAR_THREAD_ENV marks the second start). A
// value the user already set is kept. Call first thing in main(); it returns when nothing
// had to change or when the re-execution is not possible (then the program just runs on).
void restartWithPassiveThreadWaits(char** argv);

}  // namespace laminar
