#include "util/thread_wait_policy.h"

#include <alloca.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

namespace laminar {

namespace {

constexpr const char* kMarker = "LAMINAR_THREAD_ENV=1";
constexpr const char* kOmp = "OMP_WAIT_POLICY=PASSIVE";
constexpr const char* kBlas = "OPENBLAS_THREAD_TIMEOUT=4";

// Code that runs before a sanitizer's run-time has started must not be instrumented, nor call
// the library functions it intercepts: plain loops here.
#define LAMINAR_BEFORE_LIBC_START __attribute__((no_sanitize("address", "undefined")))

// Whether `entry` ("NAME=value") sets the variable that `assignment` ("NAME=...") sets.
LAMINAR_BEFORE_LIBC_START bool named(const char* entry, const char* assignment) {
  for (; *assignment != '='; ++entry, ++assignment)
    if (*entry != *assignment) return false;
  return *entry == '=';
}

// Runs from the program's .preinit_array: after the dynamic linker has mapped and relocated
// every library, before any library's constructor. libc's own set-up has not run either
// (environ is still null and setenv's result would be dropped), so the environment is read
// from envp and the program restarts with a copy that has the two variables added.
LAMINAR_BEFORE_LIBC_START void restartWithPassiveThreadWaits(int argc, char** argv, char** envp) {
  if (!envp || !argv) return;
  if (laminarRunStartsThreadPools && !laminarRunStartsThreadPools(argc, argv)) return;
  bool marked = false, omp = false, blas = false;
  size_t count = 0;
  for (; envp[count]; ++count) {
    marked |= named(envp[count], kMarker);
    omp |= named(envp[count], kOmp);
    blas |= named(envp[count], kBlas);
  }
  if (marked || (omp && blas)) return;  // the second start, the user opted out, or nothing to add
  char** env = static_cast<char**>(alloca((count + 4) * sizeof(char*)));
  size_t n = 0;
  for (size_t i = 0; i < count; ++i) env[n++] = envp[i];
  env[n++] = const_cast<char*>(kMarker);
  if (!omp) env[n++] = const_cast<char*>(kOmp);  // a value the user set is kept
  if (!blas) env[n++] = const_cast<char*>(kBlas);
  env[n] = nullptr;
  // The program's own path, not /proc/self/exe: that would make "exe" its name in ps and top.
  char self[4096];
  const ssize_t length = ::readlink("/proc/self/exe", self, sizeof self - 1);
  if (length <= 0) return;
  self[length] = '\0';
  ::execve(self, argv, env);  // returns only on failure: run on with the defaults
}

// Only an executable's .preinit_array is run (a shared library's is ignored); every Laminar
// program links laminar_util statically, and passiveThreadWaits() keeps this object linked.
__attribute__((section(".preinit_array"), used)) void (*const kRestart)(int, char**, char**) =
    restartWithPassiveThreadWaits;

bool holds(const char* name, const char* value) {
  const char* v = std::getenv(name);
  return v && std::strcmp(v, value) == 0;
}

}  // namespace

bool passiveThreadWaits() {
  return holds("OMP_WAIT_POLICY", "PASSIVE") && holds("OPENBLAS_THREAD_TIMEOUT", "4");
}

}  // namespace laminar
