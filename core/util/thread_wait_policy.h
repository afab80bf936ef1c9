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
// Both libraries read these variables in their constructors, before main() runs, so the
// program restarts itself once with them added (LAMINAR_THREAD_ENV=1 marks the second start).
// thread_wait_policy.cpp does it from the program's .preinit_array, which the dynamic linker
// runs after relocating every library and before any library's constructor (System V ABI,
// "Initialization and Termination Functions"): the first start pays the relocation but not
// libtorch's static initialisation. Restarting from main(), as until 2026-12-06, cost 0.4-0.9 s
// a run; this costs about 0.25 s. A value the user already set is kept; LAMINAR_THREAD_ENV set
// to anything leaves both alone.
//
// A static library's object joins a program only when the program uses something in it:
// call this first thing in main() so the .preinit_array entry is linked in. It reports
// whether the passive waits are in force (the variables hold the values above).
bool passiveThreadWaits();

}  // namespace laminar

// A program that can tell from its arguments alone that this run starts no thread pool (the
// CLI's tokenize, models, download and info) defines this to spare the restart. It is called
// before any constructor has run (no static object is usable yet): it may only read argv.
extern "C" bool laminarRunStartsThreadPools(int argc, char** argv) __attribute__((weak));
