#include "model/conv1d.h"

#include "model/cpu_gemm.h"

namespace laminar {
namespace {

// oneDNN chooses its blocking from the whole GEMM's shape, so one call over all rows would
// give a row other bits when the row count changes; one call per kRowBlock rows always has
// the same shape. Each call is threaded by oneDNN over the columns. Returns an undefined
// tensor where oneDNN does not run.
torch::Tensor conv1dOneDnn(const torch::Tensor& xPadded, const torch::Tensor& w, const torch::Tensor& b) {
  auto cpuFloat32 = [](const torch::Tensor& t) { return t.device().is_cpu() && t.scalar_type() == torch::kFloat32; };
  if (!cpuFloat32(xPadded) || !cpuFloat32(w) || !cpuFloat32(b) || !w.is_contiguous() || b.dim() != 1) return {};
  const int64_t rows = xPadded.size(0), in = w.size(0), out = w.size(1);
  torch::Tensor y = b.expand({rows, out}).contiguous();  // beta = 1 adds the product to the bias
  const float* x = xPadded.data_ptr<float>();
  for (int64_t r = 0; r < rows; r += kRowBlock)
    if (!sgemmOnOneDnn(false, false, kRowBlock, out, in, x + r * in, in, w.data_ptr<float>(), out, 1.0f,
                       y.data_ptr<float>() + r * out, out))
      return {};
  return y;
}

}  // namespace

torch::Tensor conv1d(const torch::Tensor& x, const torch::Tensor& w, const torch::Tensor& b) {
  const int64_t rows = x.size(0), padded = roundUpToRowBlock(rows);
  torch::Tensor xp = x.contiguous();
  if (padded != rows) xp = torch::cat({xp, torch::zeros({padded - rows, x.size(1)}, x.options())});
  if (torch::Tensor y = conv1dOneDnn(xp, w, b); y.defined()) return y.narrow(0, 0, rows);
  // OpenBLAS (Haswell kernels) gives a row the same bits only when its index agrees mod 12 and
  // the row count is a multiple of 48, which the padding above ensures.
  return torch::addmm(b, xp, w).narrow(0, 0, rows);
}

}  // namespace laminar
