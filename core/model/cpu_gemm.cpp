#include "model/cpu_gemm.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <utility>

#include "model/torch_runtime.h"
#include "util/error.h"

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

bool cpuFloat32(const torch::Tensor& t) { return t.device().is_cpu() && t.scalar_type() == torch::kFloat32; }

// A matrix's place in dnnl_sgemm's row-major terms: {transposed, leading dimension}, if its
// rows (plain) or its columns (a transposed view) are contiguous.
std::optional<std::pair<bool, int64_t>> rowMajorView(const torch::Tensor& t) {
  if (t.dim() != 2 || !cpuFloat32(t)) return std::nullopt;
  if (t.stride(1) == 1 && t.stride(0) >= std::max<int64_t>(1, t.size(1))) return std::make_pair(false, t.stride(0));
  if (t.stride(0) == 1 && t.stride(1) >= std::max<int64_t>(1, t.size(0))) return std::make_pair(true, t.stride(1));
  return std::nullopt;
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

void matmulInto(torch::Tensor& out, const torch::Tensor& a, const torch::Tensor& b) {
  const auto va = rowMajorView(a), vb = rowMajorView(b), vo = rowMajorView(out);
  const bool shaped = va && vb && vo && !vo->first && a.size(1) == b.size(0) && out.size(0) == a.size(0) &&
                      out.size(1) == b.size(1) && a.numel() > 0 && b.numel() > 0;
  if (shaped && sgemmOnOneDnn(va->first, vb->first, a.size(0), b.size(1), a.size(1), a.data_ptr<float>(), va->second,
                              b.data_ptr<float>(), vb->second, 0.0f, out.data_ptr<float>(), vo->second))
    return;
  torch::mm_out(out, a, b);
}

std::string cpuGemmLibrary() {
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
