// Experiment benchmark (not a test): one analysis run several times in one process on a
// model loaded once, as the app's second Run press does. `laminar-cli analyze` measures a
// cold start (CUDA context, first kernels, weight checksums); this measures the run itself,
// on the CPU or a GPU. Prints JSON: each repetition's wall time and the run's own timings.
//
// On a GPU the per-layer split of the timings is only approximate: kernels run
// asynchronously, so a layer's forward work is waited for inside the analysis step that reads
// its captures. The wall time of a repetition is exact (results end on the host).
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <iostream>

#include "analysis/run_inputs.h"
#include "analysis/run_results.h"
#include "timed.h"
#include "util/error.h"
#include "util/thread_wait_policy.h"

using namespace laminar;

int main(int argc, char** argv) {
  (void)laminar::passiveThreadWaits();  // links in the step that sets the pools' wait policy
  CLI::App app{"laminar experiment benchmark"};
  RunInputSources sources;
  std::string model, sentences, device = "cpu", options = "{}";
  RunSettings settings;
  int threads = 0, repeat = 5;
  app.add_option("--model", model, "checkpoint directory")->required();
  app.add_option("--sentences", sentences, "sentence set")->required();
  app.add_option("--experiment", settings.experiment, "registered analysis")->capture_default_str();
  app.add_option("--options", options, "the analysis's settings as a JSON object")->capture_default_str();
  app.add_option("--device", device)->capture_default_str();
  app.add_option("--threads", threads)->capture_default_str();
  app.add_option("--repeat", repeat)->capture_default_str();
  CLI11_PARSE(app, argc, argv);

  try {
    settings.options = nlohmann::json::parse(options, nullptr, /*allow_exceptions=*/false);
    if (!settings.options.is_object()) throw Error("--options: \"" + options + "\" is not a JSON object");
    sources.modelDirectory = model;
    sources.modelOptions.device = device;
    sources.modelOptions.threads = threads;
    sources.sentencePath = sentences;
    RunInputs in;
    const double loadSeconds = seconds([&] { in = openRunInputs(sources); });

    nlohmann::json runs = nlohmann::json::array();
    double best = 1e30;
    nlohmann::json threadsUsed;  // what ran (results' metadata), not what was asked
    for (int r = 0; r < repeat; ++r) {
      RunResults results;
      const double wall =
          seconds([&] { results = runExperiment(*in.model, *in.tokenizer, *in.sentences, settings); });
      best = std::min(best, wall);
      threadsUsed = results.metadata["threads"];
      const auto& t = results.metadata["timings"];
      runs.push_back({{"wallSeconds", wall},
                      {"forwardSeconds", t["forwardSeconds"]},
                      {"analysisSeconds", t["analysisSeconds"]},
                      {"checksumWaitSeconds", t["checksumSeconds"]}});
    }
    nlohmann::json out = {{"experiment", settings.experiment},
                          {"model", model},
                          {"sentences", sentences},
                          {"device", device},
                          {"threads", threadsUsed},
                          {"loadSeconds", loadSeconds},
                          {"bestWallSeconds", best},
                          {"runs", runs}};
    std::cout << out.dump(2) << std::endl;
  } catch (const Error& e) {
    std::cerr << e.what() << "\n";
    return 1;
  }
  return 0;
}
