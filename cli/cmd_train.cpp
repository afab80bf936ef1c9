// laminar-cli train: trains a GPT-2 from scratch (the shipped demo model is made with it; see
// docs/demo-model.md for the exact command) and writes a Hugging Face-layout checkpoint.
// With --init-only it writes the untrained twin: the seed's initial weights, the control.
#include <cmath>
#include <cstdio>
#include <memory>

#include "cli/command_registry.h"
#include "training/trainer.h"
#include "training/untrained_twin.h"
#include "tokenizer/tokenizer_location.h"
#include "util/error.h"

namespace {

laminar::DType parseWeightDType(const std::string& name) {
  if (name == "float16" || name == "F16") return laminar::DType::F16;
  if (name == "bfloat16" || name == "BF16") return laminar::DType::BF16;
  if (name == "float32" || name == "F32") return laminar::DType::F32;
  throw laminar::Error("--dtype '" + name + "': expected float16, bfloat16 or float32");
}

laminar::cli::RegisterCommand trainCommand([](CLI::App& app) {
  auto* sub = app.add_subcommand("train", "Train a GPT-2 from scratch on a corpus (JSON array of documents)");
  auto o = std::make_shared<laminar::TrainOptions>();
  auto shape = std::make_shared<std::string>("192x6x6");
  auto train = std::make_shared<std::string>(), heldOut = std::make_shared<std::string>();
  auto out = std::make_shared<std::string>(), state = std::make_shared<std::string>();
  auto tokenizer = std::make_shared<std::string>(), dtype = std::make_shared<std::string>("float16");
  auto fresh = std::make_shared<bool>(false), initOnly = std::make_shared<bool>(false);
  sub->add_option("--shape", *shape, "WIDTHxLAYERSxHEADS or a GPT-2 name")->capture_default_str();
  sub->add_option("--train", *train, "Training documents: a JSON array of strings");
  sub->add_option("--held-out", *heldOut, "Held-out documents (never trained on): a JSON array of strings");
  sub->add_option("--out", *out, "Checkpoint directory to write (Hugging Face layout)")->required();
  sub->add_option("--state-dir", *state, "Resumable state and loss.csv (default: OUT.train)");
  sub->add_option("--tokenizer", *tokenizer, "Folder with vocab.json + merges.txt (default: the bundled GPT-2 one)");
  sub->add_option("--seed", o->seed, "Seed of the initial weights and of the data order")->capture_default_str();
  sub->add_option("--steps", o->steps, "Optimizer steps")->capture_default_str();
  sub->add_option("--batch", o->batch, "Sequences per step")->capture_default_str();
  sub->add_option("--context", o->context, "Tokens per sequence (becomes n_positions)")->capture_default_str();
  sub->add_option("--warmup", o->warmupSteps, "Linear warm-up steps")->capture_default_str();
  sub->add_option("--lr", o->learningRate, "Peak learning rate")->capture_default_str();
  sub->add_option("--min-lr", o->minLearningRate, "Learning rate at the end of the cosine")->capture_default_str();
  sub->add_option("--weight-decay", o->weightDecay, "AdamW weight decay (matrices only)")->capture_default_str();
  sub->add_option("--clip", o->clipNorm, "Gradient-norm clipping")->capture_default_str();
  sub->add_option("--eval-every", o->evalEvery, "Steps between held-out estimates (0 = none)")->capture_default_str();
  sub->add_option("--eval-windows", o->evalWindows, "Sequences in each held-out estimate")->capture_default_str();
  sub->add_option("--final-eval-windows", o->finalEvalWindows,
                  "Sequences in the final held-out evaluation, evenly spread (0 = all)")
      ->capture_default_str();
  sub->add_option("--checkpoint-every", o->checkpointEvery, "Steps between resumable states")->capture_default_str();
  sub->add_option("--train-tokens", o->trainTokenLimit, "Use only the first N training tokens (0 = all)")
      ->capture_default_str();
  sub->add_option("--held-out-tokens", o->heldOutTokenLimit, "Use only the first N held-out tokens (0 = all)")
      ->capture_default_str();
  sub->add_option("--device", o->device, "cpu, cuda or cuda:N")->capture_default_str();
  sub->add_option("--threads", o->threads, "CPU threads (0 = every core)")->capture_default_str();
  sub->add_option("--dtype", *dtype, "Stored weights: float16, bfloat16 or float32")->capture_default_str();
  sub->add_option("--stop-after", o->stopAfter, "Stop after this step with the state saved (resume later)")
      ->capture_default_str();
  sub->add_flag("--fresh", *fresh, "Ignore a saved state and start from step 0");
  sub->add_flag("--init-only", *initOnly, "Write the untrained twin (the seed's initial weights) and stop");
  return std::function<int()>([=] {
    using namespace laminar;
    TrainOptions options = *o;
    options.config = Gpt2Config::forShape(*shape);
    options.config.nPositions = options.context;
    options.outDir = *out;
    options.stateDir = *state;
    options.tokenizerDirectory = tokenizer->empty() ? tokenizerDirectoryFor({}) : std::filesystem::path(*tokenizer);
    options.dtype = parseWeightDType(*dtype);
    options.resume = !*fresh;
    if (*initOnly) {
      writeUntrainedTwin(options.outDir, options.config, options.seed, options.tokenizerDirectory, options.dtype);
      std::printf("%s: untrained twin (%s, seed %llu, %lld parameters): initial weights, NOT trained\n",
                  out->c_str(), options.config.shapeName().c_str(), static_cast<unsigned long long>(options.seed),
                  static_cast<long long>(options.config.parameterCount()));
      return 0;
    }
    if (train->empty() || heldOut->empty()) throw Error("train: --train and --held-out are required (or --init-only)");
    options.trainTexts = *train;
    options.heldOutTexts = *heldOut;
    std::fprintf(stderr, "train: %s, %lld parameters, %lld steps x %lld x %lld tokens, seed %llu, %s\n",
                 options.config.shapeName().c_str(), static_cast<long long>(options.config.parameterCount()),
                 static_cast<long long>(options.steps), static_cast<long long>(options.batch),
                 static_cast<long long>(options.context), static_cast<unsigned long long>(options.seed),
                 options.device.c_str());
    TrainResult result = trainGpt2(options, [](const TrainLogRow& row, const std::string& note) {
      if (!note.empty()) {
        std::fprintf(stderr, "train: %s\n", note.c_str());
        return;
      }
      std::fprintf(stderr, "step %6lld  lr %.2e  loss %s  held-out %s  %6.0f tok/s  %7.0f s\n",
                   static_cast<long long>(row.step), row.learningRate,
                   row.trainLoss >= 0 ? std::to_string(row.trainLoss).substr(0, 6).c_str() : "   -  ",
                   row.heldOutLoss >= 0 ? std::to_string(row.heldOutLoss).substr(0, 6).c_str() : "   -  ",
                   row.tokensPerSecond, row.seconds);
    });
    if (result.stopped) {
      std::printf("stopped after step %lld as asked; the state is saved, run again to continue\n",
                  static_cast<long long>(result.steps));
      return 0;
    }
    std::printf("%s: trained %lld steps in %.0f s; held-out loss %.4f nats/token (perplexity %.2f) over %lld predicted tokens\n",
                out->c_str(), static_cast<long long>(result.steps), result.seconds, result.finalHeldOutLoss,
                std::exp(result.finalHeldOutLoss), static_cast<long long>(result.finalEvalTokens));
    return 0;
  });
});

}  // namespace
