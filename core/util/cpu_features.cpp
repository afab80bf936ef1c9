#include "util/cpu_features.h"

#include <cstdlib>
#include <cstring>

namespace laminar {
namespace {

bool detect() {
  if (const char* baseline = std::getenv("LAMINAR_CPU_BASELINE"); baseline && std::strcmp(baseline, "1") == 0)
    return false;
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
         __builtin_cpu_supports("avx512cd") && __builtin_cpu_supports("avx512dq") &&
         __builtin_cpu_supports("avx512vl");
#else
  return false;
#endif
}

}  // namespace

bool cpuRunsX86_64V4() {
  static const bool v4 = detect();
  return v4;
}

}  // namespace laminar
