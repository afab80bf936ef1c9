// Untrained-control benchmark (not a test): the seconds to build the untrained GPT-2 of
// issue 10 in memory at a given shape (GPT-2 XL by default), with the parallel draws the
// control uses and, with --serial-too, the trainer's serial torch draws for comparison.
// Prints JSON. Usage: laminar-bench-untrained [--shape 1600x48x25] [--threads 0] [--serial-too]
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <iostream>

#include "training/hf_initialisation.h"
#include "training/untrained_model.h"
#include "timed.h"
#include "util/thread_wait_policy.h"

using namespace laminar;

int main(int argc, char** argv) {
  (void)laminar::passiveThreadWaits();  // links in the step that sets the pools' wait policy
  CLI::App app{"Seconds to build the untrained control model in memory"};
  std::string shape = "1600x48x25";
  int threads = 0;
  bool serialToo = false;
  app.add_option("--shape", shape, "width x layers x heads");
  app.add_option("--threads", threads, "CPU threads (0 = all cores)");
  app.add_flag("--serial-too", serialToo, "also time the trainer's serial torch draws");
  CLI11_PARSE(app, argc, argv);
  if (threads > 0) torch::set_num_threads(threads);
  const Gpt2Config config = Gpt2Config::forShape(shape);
  nlohmann::json out{{"shape", shape}, {"threads", torch::get_num_threads()}};
  int64_t values = 0;
  out["parallel_draws_all_at_once_seconds"] = seconds([&] {
    for (const auto& [name, t] : hfInitialParameters(config, 0, InitDraws::Parallel)) values += t.numel();
  });
  out["parameters"] = values;
  out["make_untrained_gpt2_seconds"] = seconds([&] { makeUntrainedGpt2(config, 0); });
  // What a run on the control draws: every block once, one at a time (memory reused).
  out["blocks_on_demand_seconds"] = seconds([&] {
    for (int64_t l = 0; l < config.nLayer; ++l) {
      const std::string h = "h." + std::to_string(l) + ".";
      hfInitialParametersWhere(config, 0, [&](const std::string& n) { return n.rfind(h, 0) == 0; });
    }
  });
  if (serialToo)
    out["serial_draws_seconds"] = seconds([&] { hfInitialParameters(config, 0, InitDraws::TorchSerial); });
  std::cout << out.dump(2) << "\n";
  return 0;
}
