// laminar-cli analyze similarity|mi-distance: run one of the two experiments on a sentence
// set and save a results directory (docs/results-format.md).
#include <CLI/CLI.hpp>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

#include "analysis/run_results.h"
#include "analysis/sentence_set.h"
#include "cli/command_registry.h"
#include "model/gpt2_model.h"
#include "tokenizer/bpe_tokenizer.h"
#include "util/data_paths.h"
#include "util/error.h"

namespace {

using namespace laminar;

std::atomic<bool> gInterrupted{false};
void onAnalyzeInterrupt(int) { gInterrupted.store(true); }  // stops between blocks

struct CommonOptions {
  std::string model, sentences, target, device = "cpu", out;
  int threads = 0;
  bool caseInsensitive = false, bos = false;
};

void addCommon(CLI::App* sub, const std::shared_ptr<CommonOptions>& o) {
  sub->add_option("--model", o->model, "model directory (Hugging Face layout: config.json + model.safetensors)")
      ->required();
  sub->add_option("--sentences", o->sentences, "sentence set: .txt, .csv, .tsv or .json")->required();
  sub->add_option("--target", o->target, "target word (overrides the file's)");
  sub->add_option("--device", o->device, "cpu, cuda or cuda:N")->capture_default_str();
  sub->add_option("--out", o->out, "results directory to write (replaced atomically)")->required();
  sub->add_option("--threads", o->threads, "CPU threads for libtorch (0 = all cores)")->capture_default_str();
  sub->add_flag("--case-insensitive", o->caseInsensitive, "match the target regardless of case");
  sub->add_flag("--bos", o->bos, "put <|endoftext|> before every text");
}

std::string fmtSeconds(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, s < 10 ? "%.2f s" : "%.0f s", s);
  return buf;
}

std::string fmt(double v, const char* f = "%.4g") {
  char buf[32];
  std::snprintf(buf, sizeof buf, f, v);
  return buf;
}

void printSummary(const RunResults& r) {
  if (r.similarity) {
    std::cout << "layer  var(Q,K,V) target            var(Q,K,V) non-target\n";
    for (const auto& l : r.similarity->layers) {
      std::cout << l.layer;
      for (int g = 0; g < kGroups; ++g) {
        std::cout << (g ? "   " : "  ");
        for (int m = 0; m < kMatrices; ++m) std::cout << " " << fmt(l.profiles[static_cast<size_t>(g)][static_cast<size_t>(m)].variance);
      }
      std::cout << "\n";
    }
  }
  if (r.miDistance) {
    const auto& m = *r.miDistance;
    std::cout << "layer  meanMI(attn) meanMI(mlp)  tau(attn) tau(mlp)  t  p(BH)  Z  p(Z)\n";
    for (size_t i = 0; i < m.layers.size(); ++i) {
      const auto& l = m.layers[i];
      std::cout << l.layer << "  " << fmt(l.sites[0].meanMi) << " " << fmt(l.sites[1].meanMi) << "  "
                << fmt(l.sites[0].tau) << " " << fmt(l.sites[1].tau) << "  " << fmt(l.t) << " "
                << (i < m.pFdr.size() ? fmt(m.pFdr[i]) : "-") << (i < m.significantFdr.size() && m.significantFdr[i] ? "*" : "")
                << "  " << fmt(l.fisherZ) << " " << fmt(l.fisherP) << "\n";
    }
    std::cout << "(Fisher Z on Kendall taus is an approximation; * = significant after Benjamini-Hochberg)\n";
  }
}

int runAnalysis(const CommonOptions& o, RunSettings settings) {
  SentenceSet sentences = loadSentenceSet(o.sentences);
  ModelOptions mo;
  mo.device = o.device;
  mo.threads = o.threads;
  std::cerr << "loading " << o.model << " on " << o.device << " ...\n";
  auto model = Gpt2Model::load(o.model, mo);
  std::filesystem::path tokDir = model->files().tokenizerDirectory;
  if (tokDir.empty() || !BpeTokenizer::directoryHasTokenizer(tokDir)) tokDir = findDataPath("tokenizer");
  BpeTokenizer tokenizer = BpeTokenizer::fromDirectory(tokDir);

  RunObserver observer;
  observer.onPrepared = [&](const RunResults& prepared) {
    for (const auto& d : prepared.diagnostics) std::cerr << d << "\n";
  };
  observer.onProgress = [&](const RunProgress& p) {
    std::cerr << "layer " << p.layersDone << "/" << p.nLayer << "  elapsed " << fmtSeconds(p.elapsedSeconds)
              << "  remaining ~" << fmtSeconds(p.remainingSeconds) << "\n";
  };
  std::signal(SIGINT, onAnalyzeInterrupt);
  std::signal(SIGTERM, onAnalyzeInterrupt);
  RunResults results = runExperiment(*model, tokenizer, sentences, settings, observer, &gInterrupted);
  saveResults(results, o.out);
  printSummary(results);
  const auto& t = results.metadata["timings"];
  std::cerr << "done in " << fmtSeconds(t.value("totalSeconds", 0.0)) << " (forward "
            << fmtSeconds(t.value("forwardSeconds", 0.0)) << ", analysis " << fmtSeconds(t.value("analysisSeconds", 0.0))
            << "); wrote " << o.out << "\n";
  return 0;
}

laminar::cli::RegisterCommand reg([](CLI::App& app) {
  auto* analyze = app.add_subcommand("analyze", "run an experiment on a sentence set and save a results directory");
  analyze->require_subcommand(1);

  auto simCommon = std::make_shared<CommonOptions>();
  auto sim = std::make_shared<SimilaritySettings>();
  auto* simCmd = analyze->add_subcommand("similarity", "experiment 1: token similarity across layers (Q, K, V)");
  addCommon(simCmd, simCommon);
  simCmd->add_option("--bins", sim->bins, "histogram bins over [-1, 1]")->capture_default_str()->check(CLI::Range(1, 100000));
  simCmd->add_option("--seed", sim->seed, "seed of the non-target choice and the shuffled baseline")->capture_default_str();

  auto miCommon = std::make_shared<CommonOptions>();
  auto mi = std::make_shared<MiDistanceSettings>();
  auto* miCmd = analyze->add_subcommand("mi-distance", "experiment 2: mutual information vs token distance");
  addCommon(miCmd, miCommon);
  miCmd->add_option("--estimator", mi->estimator, "hist (histogram) or ksg (k-nearest neighbours)")
      ->capture_default_str()->check(CLI::IsMember({"hist", "ksg"}));
  miCmd->add_option("--bins", mi->bins, "histogram bins per axis: fd (Freedman-Diaconis, clamped to [4, 64]) or a number")
      ->capture_default_str();
  miCmd->add_option("--z-trim", mi->zTrim, "drop dimensions with |z| above this (0 = off)")->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  miCmd->add_option("--ttest", mi->ttest, "student (pooled variance) or welch")->capture_default_str()
      ->check(CLI::IsMember({"student", "welch"}));
  miCmd->add_option("--ksg-k", mi->ksgK, "neighbours of the KSG estimator")->capture_default_str()->check(CLI::PositiveNumber);
  miCmd->add_option("--fdr-q", mi->fdrQ, "Benjamini-Hochberg false discovery rate")->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));

  return std::function<int()>([=] {
    RunSettings settings;
    if (simCmd->parsed()) {
      settings.experiment = "similarity";
      settings.similarity = *sim;
      settings.similarity.target = simCommon->target;
      settings.similarity.caseInsensitive = simCommon->caseInsensitive;
      settings.similarity.prependBos = simCommon->bos;
      return runAnalysis(*simCommon, settings);
    }
    settings.experiment = "mi-distance";
    settings.miDistance = *mi;
    settings.miDistance.target = miCommon->target;
    settings.miDistance.caseInsensitive = miCommon->caseInsensitive;
    settings.miDistance.prependBos = miCommon->bos;
    return runAnalysis(*miCommon, settings);
  });
});

}  // namespace
