#include "model/cpu_gemm.h"

#include <cstdlib>
#include <cstring>

#include "util/error.h"
#include "util/torch_api.h"

#ifdef LAMINAR_HAVE_ONEDNN
#include <oneapi/dnnl/dnnl.h>
#include <oneapi/dnnl/dnnl_debug.h>
#endif

namespace laminar {
namespace {

// LAMINAR_GEMM=blas: libtorch's BLAS even where oneDNN is built in, for the benchmarks'
// comparisons and for users who want the BLAS their PyTorch peers use.
bool oneDnnWanted() {
#ifdef LAMINAR_HAVE_ONEDNN
  static const bool wanted = [] {
    const char* v = std::getenv("LAMINAR_GEMM");
    return !(v && std::strcmp(v, "blas") == 0);
  }();
  return wanted;
#else
  return false;
#endif
}

}  // namespace

bool sgemmOnOneDnn(bool transposeA, bool transposeB, int64_t m, int64_t n, int64_t k, const float* a, int64_t lda,
                   const float* b, int64_t ldb, float beta, float* c, int64_t ldc) {
  if (!oneDnnWanted()) return false;
#ifdef LAMINAR_HAVE_ONEDNN
  (void)torch::get_num_threads();  // sets this thread's OpenMP team size to libtorch's, which oneDNN uses
  const dnnl_status_t status =
      dnnl_sgemm(transposeA ? 'T' : 'N', transposeB ? 'T' : 'N', m, n, k, 1.0f, a, lda, b, ldb, beta, c, ldc);
  if (status != dnnl_success)
    throw Error("oneDNN sgemm of " + std::to_string(m) + " x " + std::to_string(k) + " by " + std::to_string(k) +
                " x " + std::to_string(n) + " failed with status " + std::to_string(static_cast<int>(status)));
  return true;
#else
  (void)transposeA, (void)transposeB, (void)m, (void)n, (void)k, (void)a, (void)lda, (void)b, (void)ldb, (void)beta,
      (void)c, (void)ldc;
  return false;
#endif
}

std::string cpuGemmDescription() {
#ifdef LAMINAR_HAVE_ONEDNN
  if (oneDnnWanted()) {
    const dnnl_version_t* v = dnnl_version();
    std::string isa = dnnl_cpu_isa2str(dnnl_get_effective_cpu_isa());  // "cpu_isa_avx512_core_bf16"
    if (isa.rfind("cpu_isa_", 0) == 0) isa = isa.substr(8);
    return "oneDNN " + std::to_string(v->major) + "." + std::to_string(v->minor) + "." + std::to_string(v->patch) +
           " sgemm, " + isa;
  }
#endif
  return "libtorch addmm (its BLAS)";
}

}  // namespace laminar
