#include "util/thread_wait_policy.h"

#include <unistd.h>

#include <cstdlib>

namespace laminar {

void restartWithPassiveThreadWaits(char** argv) {
  if (std::getenv("LAMINAR_THREAD_ENV")) return;  // the second start, or the user opted out
  ::setenv("LAMINAR_THREAD_ENV", "1", 1);
  bool changed = false;
  if (!std::getenv("OMP_WAIT_POLICY")) changed |= ::setenv("OMP_WAIT_POLICY", "PASSIVE", 0) == 0;
  if (!std::getenv("OPENBLAS_THREAD_TIMEOUT")) changed |= ::setenv("OPENBLAS_THREAD_TIMEOUT", "4", 0) == 0;
  if (!changed) return;
  // The program's own path, not /proc/self/exe: that would make "exe" its name in ps and top.
  char self[4096];
  const ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
  if (n <= 0) return;
  self[n] = '\0';
  ::execv(self, argv);  // returns only on failure: run on with the defaults
}

}  // namespace laminar
