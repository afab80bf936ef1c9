// Engine benchmark (not a test): the peer workload of ../shared/bench — GPT-2 XL shape,
// 54 sequences of 12-27 tokens (lengths and ids drawn with torch's generator seeded 3, as
// the peer scripts do) — capturing Q, K, V, attention and MLP outputs at one position per
// sequence per layer. Prints JSON: load time, tokens/s, peak resident memory.
#include <sys/resource.h>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include "util/torch_api.h"

#include <chrono>
#include <iostream>

#include "checkpoint/synthetic_checkpoint.h"
#include "model/gpt2_model.h"
#include "model/hook_points.h"
#include "util/thread_wait_policy.h"

using namespace laminar;
using Clock = std::chrono::steady_clock;

static double seconds(Clock::time_point a) { return std::chrono::duration<double>(Clock::now() - a).count(); }

static double peakRssMiB() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024.0;
}

int main(int argc, char** argv) {
  (void)laminar::passiveThreadWaits();  // links in the step that sets the pools' wait policy
  CLI::App app{"laminar engine benchmark"};
  std::string modelDir, shape, device = "cpu", dtype = "float32";
  int threads = 0, repeat = 3, nSeq = 54;
  auto* modelOpt = app.add_option("--model", modelDir, "checkpoint directory");
  app.add_option("--make-synthetic", shape,
                 "first write a synthetic checkpoint of this shape (gpt2-xl, WxLxH) into --model")
      ->needs(modelOpt);
  app.add_option("--device", device);
  app.add_option("--dtype", dtype);
  app.add_option("--threads", threads);
  app.add_option("--repeat", repeat);
  CLI11_PARSE(app, argc, argv);

  if (modelDir.empty()) {
    std::cerr << "--model is required\n";
    return 1;
  }
  if (!shape.empty()) {
    auto t = Clock::now();
    SyntheticCheckpointOptions so;
    so.config = Gpt2Config::forShape(shape);
    writeSyntheticCheckpoint(modelDir, so);
    std::cerr << "wrote synthetic " << shape << " to " << modelDir << " in " << seconds(t) << " s\n";
  }
  auto t0 = Clock::now();
  ModelOptions options;
  options.device = device;
  options.dtype = dtype;
  options.threads = threads;
  auto model = Gpt2Model::load(modelDir, options);
  double loadSeconds = seconds(t0);
  const auto& cfg = model->config();

  auto gen = at::detail::createCPUGenerator(3);
  torch::Tensor lens = torch::randint(12, 28, {nSeq}, gen);
  int64_t maxLen = lens.max().item<int64_t>();
  torch::Tensor ids = torch::randint(0, cfg.vocabSize, {nSeq, maxLen}, gen);
  std::vector<std::vector<int64_t>> seqs;
  int64_t tokens = 0;
  for (int s = 0; s < nSeq; ++s) {
    int64_t n = lens[s].item<int64_t>();
    tokens += n;
    auto row = ids[s].narrow(0, 0, n).contiguous();
    seqs.emplace_back(row.data_ptr<int64_t>(), row.data_ptr<int64_t>() + n);
  }

  CaptureSpec capture;
  for (int l = 0; l < cfg.nLayer; ++l)
    for (HookSuffix s : {hook::kAttnQ, hook::kAttnK, hook::kAttnV, hook::kAttnOut, hook::kMlpOut})
      capture.hooks.push_back(hookName(l, s));
  for (const auto& seq : seqs) capture.positions.push_back({static_cast<int64_t>(seq.size()) - 1});
  CaptureSpec none;

  auto sync = [&] {
    if (model->device().is_cuda()) torch::cuda::synchronize();
  };
  model->run({seqs[0]}, none);  // warm-up (allocator, kernels)
  sync();
  double best = 1e30, bestNoCapture = 1e30;
  for (int r = 0; r < repeat; ++r) {
    auto t = Clock::now();
    model->run(seqs, capture);
    sync();
    best = std::min(best, seconds(t));
    t = Clock::now();
    model->run(seqs, none);
    sync();
    bestNoCapture = std::min(bestNoCapture, seconds(t));
  }
  nlohmann::json out = {{"model", modelDir},
                        {"shape", cfg.shapeName()},
                        {"device", device},
                        {"dtype", dtype},
                        {"threads", torch::get_num_threads()},
                        {"sequences", nSeq},
                        {"tokens", tokens},
                        {"load_seconds", loadSeconds},
                        {"forward_capture_seconds", best},
                        {"forward_no_capture_seconds", bestNoCapture},
                        {"tokens_per_second", tokens / best},
                        {"ms_per_layer", best / cfg.nLayer * 1000},
                        {"peak_rss_mib", peakRssMiB()}};
  std::cout << out.dump(2) << std::endl;
  return 0;
}
