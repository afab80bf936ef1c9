#pragma once
// Which instruction set this process's hand-picked loops may use, decided once.

namespace laminar {

// True when the processor runs x86-64-v4 code (AVX-512 F, BW, CD, DQ and VL, as
// -march=x86-64-v4) and the environment does not say LAMINAR_CPU_BASELINE=1. Every build
// targets the x86-64 baseline (two doubles per vector instruction); a few statistics loops are
// also built for x86-64-v4 and chosen with this at run time. Both builds perform the same IEEE
// operations in the same order (the statistics and analysis libraries, which hold such loops,
// are compiled with -ffp-contract=off, so no multiply and add are fused where x86-64-v4 could),
// so a result never depends on the choice, only its speed:
// LAMINAR_CPU_BASELINE=1 runs the baseline loops, which the tests use to check exactly that.
bool cpuRunsX86_64V4();

}  // namespace laminar

// Marks a function built for x86-64-v4; call it only when cpuRunsX86_64V4() says so. Undefined
// where there is no such build (other processors or compilers): the baseline loop runs alone.
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define LAMINAR_X86_64_V4 __attribute__((target("arch=x86-64-v4")))
#endif
