#include "model/conv1d.h"

#include <cstdlib>
#include <cstring>

#ifdef LAMINAR_HAVE_ONEDNN
#include <oneapi/dnnl/dnnl.h>
#include <oneapi/dnnl/dnnl_debug.h>
#endif

namespace laminar {
namespace {

// LAMINAR_GEMM=blas sends conv1d to libtorch's addmm even where oneDNN is built in: for the
// benchmarks' comparisons and for users who want the BLAS their PyTorch peers use.
bool blasRequested() {
  const char* v = std::getenv("LAMINAR_GEMM");
  return v && std::strcmp(v, "blas") == 0;
}

#ifdef LAMINAR_HAVE_ONEDNN
bool oneDnnRuns(const torch::Tensor& x, const torch::Tensor& w, const torch::Tensor& b) {
  static const bool wanted = !blasRequested();
  auto cpuFloat = [](const torch::Tensor& t) { return t.device().is_cpu() && t.scalar_type() == torch::kFloat32; };
  return wanted && cpuFloat(x) && cpuFloat(w) && cpuFloat(b) && w.is_contiguous() && b.dim() == 1;
}

// oneDNN's sgemm with AVX-512 runs the position-wise GEMMs at about twice the rate of OpenBLAS's
// Haswell kernels on this project's machines. It picks its blocking from the whole GEMM's shape,
// so one call over all rows would give a row other bits when the row count changes; one call per
// kRowBlock rows always has the same shape. Each call is threaded by oneDNN over the columns.
torch::Tensor conv1dOneDnn(const torch::Tensor& xPadded, const torch::Tensor& w, const torch::Tensor& b) {
  const int64_t rows = xPadded.size(0), in = w.size(0), out = w.size(1);
  torch::Tensor y = b.expand({rows, out}).contiguous();  // beta = 1 adds the product to the bias
  (void)torch::get_num_threads();  // sets this thread's OpenMP team size to libtorch's, which oneDNN uses
  const float* x = xPadded.data_ptr<float>();
  for (int64_t r = 0; r < rows; r += kRowBlock) {
    const dnnl_status_t status = dnnl_sgemm('N', 'N', kRowBlock, out, in, 1.0f, x + r * in, in, w.data_ptr<float>(),
                                            out, 1.0f, y.data_ptr<float>() + r * out, out);
    TORCH_CHECK(status == dnnl_success, "oneDNN sgemm failed with status ", static_cast<int>(status));
  }
  return y;
}
#endif

}  // namespace

torch::Tensor conv1d(const torch::Tensor& x, const torch::Tensor& w, const torch::Tensor& b) {
  const int64_t rows = x.size(0), padded = roundUpToRowBlock(rows);
  torch::Tensor xp = x.contiguous();
  if (padded != rows) xp = torch::cat({xp, torch::zeros({padded - rows, x.size(1)}, x.options())});
#ifdef LAMINAR_HAVE_ONEDNN
  if (oneDnnRuns(xp, w, b)) return conv1dOneDnn(xp, w, b).narrow(0, 0, rows);
#endif
  // OpenBLAS (Haswell kernels) gives a row the same bits only when its index agrees mod 12 and
  // the row count is a multiple of 48, which the padding above ensures.
  return torch::addmm(b, xp, w).narrow(0, 0, rows);
}

std::string conv1dCpuGemm() {
#ifdef LAMINAR_HAVE_ONEDNN
  if (!blasRequested()) {
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
