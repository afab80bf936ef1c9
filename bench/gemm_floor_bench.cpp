// GEMM floor benchmark (not a test): the matrix products of one GPT-2 forward pass alone
// (per block: c_attn, attention c_proj, c_fc, MLP c_proj, each through the model's own
// conv1d: oneDNN's sgemm, or libtorch's addmm on its BLAS with LAMINAR_GEMM=blas), so a
// forward pass's time can be compared with the time its GEMMs need at the least. Attention scores and the LM head are left out: for a few hundred
// tokens at GPT-2 XL's width they are a few percent of the FLOPs. Prints JSON.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iostream>

#include "model/conv1d.h"
#include "model/torch_runtime.h"
#include "util/thread_wait_policy.h"
#include "util/torch_api.h"

using Clock = std::chrono::steady_clock;

int main(int argc, char** argv) {
  (void)laminar::passiveThreadWaits();  // links in the step that sets the pools' wait policy
  CLI::App app{"laminar GEMM floor benchmark: the GEMMs of one GPT-2 forward pass"};
  int64_t tokens = 238, width = 1600, layers = 48;
  int threads = 0, repeat = 3;
  app.add_option("--tokens", tokens,
                 "rows of each product (experiment 2 on coffee.txt runs 238 of its 241 tokens, to the last occurrence)");
  app.add_option("--width", width, "model width (GPT-2 XL: 1600)");
  app.add_option("--layers", layers, "blocks (GPT-2 XL: 48)");
  app.add_option("--threads", threads, "libtorch threads (0: every core, as laminar-cli)");
  app.add_option("--repeat", repeat, "timed repetitions (the best is reported)");
  CLI11_PARSE(app, argc, argv);
  // As the model does (gpt2_model.cpp). oneDNN uses libtorch's OpenMP threads; OpenBLAS runs
  // its GEMMs on its own threads, one per core unless OPENBLAS_NUM_THREADS says otherwise.
  torch::set_num_threads(threads > 0 ? threads : laminar::defaultThreadCount());
  torch::NoGradGuard noGrad;
  const int64_t d = width;
  struct Product {
    torch::Tensor input, weight, bias;
  };
  const torch::Tensor x = torch::randn({tokens, d}), hidden = torch::randn({tokens, 4 * d});
  const Product products[] = {{x, torch::randn({d, 3 * d}), torch::zeros({3 * d})},
                              {x, torch::randn({d, d}), torch::zeros({d})},
                              {x, torch::randn({d, 4 * d}), torch::zeros({4 * d})},
                              {hidden, torch::randn({4 * d, d}), torch::zeros({d})}};
  for (const Product& p : products) laminar::conv1d(p.input, p.weight, p.bias);  // warm-up
  double best = 1e300;
  for (int r = 0; r < std::max(1, repeat); ++r) {
    const auto t0 = Clock::now();
    for (int64_t l = 0; l < layers; ++l)
      for (const Product& p : products) laminar::conv1d(p.input, p.weight, p.bias);
    best = std::min(best, std::chrono::duration<double>(Clock::now() - t0).count());
  }
  const double flops = 2.0 * static_cast<double>(layers * tokens) * static_cast<double>(12 * d * d);
  const char* coreType = std::getenv("OPENBLAS_CORETYPE");
  std::cout << nlohmann::json{{"tokens", tokens},
                              {"width", width},
                              {"layers", layers},
                              {"threads", torch::get_num_threads()},
                              {"openblasCoreType", coreType ? coreType : ""},
                              {"cpuGemm", laminar::cpuGemmLibrary()},
                              {"gemmSeconds", best},
                              {"gflopPerSecond", flops / best / 1e9}}
                   .dump(2)
            << "\n";
  return 0;
}
