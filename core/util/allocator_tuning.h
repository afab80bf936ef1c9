#pragma once
// glibc malloc settings for a process that runs GPT-2 on the CPU.

namespace laminar {

// By default glibc serves every block above a dynamic threshold (at most 32 MB) with its own
// mmap and gives freed heap memory back to the kernel above 128 KB or so. A forward pass
// allocates and frees activations of a few MB per operation, so each one came back as fresh
// pages that the kernel had to fault in and zero: on the 2-core machine, 10 s of the 16 s
// forward pass of experiment 2 on GPT-2 XL was spent in page faults and the threads waiting
// on them (measured 2026-12-02 with perf; README "Performance"). Blocks below 256 MB now come
// from the heap and up to 1 GB of freed heap is kept for reuse, and every thread shares one
// arena. Idempotent. It runs by itself during static initialisation, before main() and so
// before any thread starts, in every program that links this object: Gpt2Model's constructor
// calls it, which links it into every program that runs the model (no main() can forget it).
void tuneAllocatorForTensors();

}  // namespace laminar
