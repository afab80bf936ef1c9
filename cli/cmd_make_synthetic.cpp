// laminar-cli make-synthetic: a GPT-2 checkpoint of any shape with seeded random weights —
// the offline demo model and the benchmark model. Says everywhere that it is random.
#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>

#include "checkpoint/synthetic_checkpoint.h"
#include "cli/command_registry.h"

namespace {

laminar::cli::RegisterCommand makeSyntheticCommand([](CLI::App& app) {
  auto* sub = app.add_subcommand("make-synthetic",
                                 "Write a GPT-2 checkpoint with seeded RANDOM weights (demo / benchmark model)");
  auto shape = std::make_shared<std::string>("gpt2");
  auto seed = std::make_shared<uint64_t>(0);
  auto out = std::make_shared<std::string>();
  auto tokenizer = std::make_shared<std::string>();
  sub->add_option("--shape", *shape, "gpt2, gpt2-medium, gpt2-large, gpt2-xl or WIDTHxLAYERSxHEADS (e.g. 64x2x4)")
      ->capture_default_str();
  sub->add_option("--seed", *seed, "Random seed (same seed, same weights)")->capture_default_str();
  sub->add_option("--out", *out, "Checkpoint directory to write (replaced atomically if it exists)")->required();
  sub->add_option("--tokenizer", *tokenizer,
                  "Folder with vocab.json + merges.txt, encoder.json + vocab.bpe or tokenizer.json; default: the bundled tokenizer");
  return std::function<int()>([=] {
    using namespace laminar;
    SyntheticCheckpointOptions options;
    options.config = Gpt2Config::forShape(*shape);
    options.seed = *seed;
    options.tokenizerSource = *tokenizer;
    const double gb = static_cast<double>(options.config.parameterCount()) * 4 / 1e9;
    std::fprintf(stderr,
                 "laminar-cli: make-synthetic: RANDOM weights (seed %llu), not a trained model: figures computed "
                 "from this checkpoint mean nothing.\n"
                 "laminar-cli: make-synthetic: shape %s, %lld parameters, %.2f GB fp32 -> %s\n",
                 static_cast<unsigned long long>(*seed), options.config.shapeName().c_str(),
                 static_cast<long long>(options.config.parameterCount()), gb, out->c_str());
    int lastDecile = -1;
    options.progress = [&lastDecile, gb](double f) {
      int decile = static_cast<int>(f * 10);
      if (gb > 0.5 && decile != lastDecile) {  // progress only where it takes a while
        lastDecile = decile;
        std::fprintf(stderr, "laminar-cli: make-synthetic: %d%%\n", decile * 10);
      }
    };
    auto start = std::chrono::steady_clock::now();
    writeSyntheticCheckpoint(*out, options);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("%s: synthetic %s checkpoint with RANDOM weights (seed %llu), %lld parameters, written in %.1f s\n",
                out->c_str(), options.config.shapeName().c_str(), static_cast<unsigned long long>(*seed),
                static_cast<long long>(options.config.parameterCount()), seconds);
    return 0;
  });
});

}  // namespace
