// laminar-cli analyze <name>: run a registered analysis on a sentence set and save a results
// directory (docs/results-format.md). Each analysis's options come from its settingSpecs(),
// so a new analysis gets its subcommand without any change here.
#include <CLI/CLI.hpp>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <map>
#include <memory>
#include <string>

#include "analysis/analysis.h"
#include "analysis/run_inputs.h"
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
  std::string model, sentences, device = "cpu", out, control;
  int threads = 0;
  TargetSettings target;
};

void addCommon(CLI::App* sub, CommonOptions& o) {
  sub->add_option("--model", o.model, "model directory (Hugging Face layout: config.json + model.safetensors)")
      ->required();
  sub->add_option("--sentences", o.sentences, "sentence set: .txt, .csv, .tsv or .json")->required();
  sub->add_option("--target", o.target.target, "target word (overrides the file's)");
  sub->add_option("--device", o.device, "cpu, cuda or cuda:N")->capture_default_str();
  sub->add_option("--out", o.out, "results directory to write (replaced atomically)")->required();
  sub->add_option("--threads", o.threads, "CPU threads for libtorch (0 = all cores)")->capture_default_str();
  sub->add_flag("--case-insensitive", o.target.caseInsensitive, "match the target regardless of case");
  sub->add_flag("--bos", o.target.prependBos, "put <|endoftext|> before every text");
  sub->add_option("--control", o.control,
                  "also run the analysis on an untrained model of the same shape (Hugging Face initialisation, "
                  "seeded, built in memory): untrained or untrained:SEED (seed 0 by default); saved in OUT/control");
}

// "untrained" or "untrained:SEED" (docs/controls.md); empty: no control.
ControlSettings parseControl(const std::string& text) {
  ControlSettings c;
  if (text.empty()) return c;
  const std::string kind = text.substr(0, text.find(':'));
  if (kind != "untrained") throw Error("--control: \"" + text + "\" is not untrained or untrained:SEED");
  c.untrained = true;
  if (kind.size() < text.size()) {
    const std::string seed = text.substr(kind.size() + 1);
    size_t used = 0;
    try {
      c.seed = std::stoull(seed, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (seed.empty() || used != seed.size() || seed[0] == '-')
      throw Error("--control: the seed \"" + seed + "\" is not a whole number >= 0");
  }
  return c;
}

std::string defaultText(const SettingSpec& s) {
  return s.defaultValue.is_string() ? s.defaultValue.get<std::string>() : s.defaultValue.dump();
}

// One option per setting; the text is parsed and checked by the spec when the run starts.
void addSettingOptions(CLI::App* sub, const std::vector<SettingSpec>& specs,
                       std::map<std::string, std::string>& given) {
  for (const SettingSpec& s : specs) {
    if (s.kind == SettingSpec::Kind::Flag) {  // --allow-position-0, no value
      sub->add_flag_callback("--" + s.key, [&given, key = s.key] { given[key] = "true"; }, s.help);
      continue;
    }
    auto* opt = sub->add_option("--" + s.key, given[s.key], s.help)->default_str(defaultText(s));
    // The value is held as text (the spec parses it), so CLI11 would call every one TEXT.
    opt->type_name(s.kind == SettingSpec::Kind::Integer ? "INT" : s.kind == SettingSpec::Kind::Number ? "FLOAT" : "TEXT");
    if (s.kind == SettingSpec::Kind::Choice) {
      std::vector<std::string> values;
      for (const auto& c : s.choices) values.push_back(c.value);
      opt->check(CLI::IsMember(values));
    }
  }
}

nlohmann::json optionsFrom(const std::vector<SettingSpec>& specs, const std::map<std::string, std::string>& given) {
  nlohmann::json options = nlohmann::json::object();
  for (const SettingSpec& s : specs) {
    const auto it = given.find(s.key);
    if (it != given.end() && !it->second.empty()) options[s.key] = parseSettingText(s, it->second);
  }
  return options;
}

std::string fmtSeconds(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, s < 10 ? "%.2f s" : "%.0f s", s);
  return buf;
}

int runAnalysis(const CommonOptions& o, const RunSettings& settings) {
  resolvedOptions(*makeAnalysis(settings.experiment), settings);  // bad options fail before loading
  RunInputSources sources;
  sources.modelDirectory = o.model;
  sources.modelOptions.device = o.device;
  sources.modelOptions.threads = o.threads;
  sources.sentencePath = o.sentences;
  const RunInputs in = openRunInputs(sources, nullptr, [&](InputStage stage) {
    if (stage == InputStage::LoadingModel) std::cerr << "loading " << o.model << " on " << o.device << " ...\n";
  });

  RunObserver observer;
  observer.onPrepared = [&](const RunResults& prepared) {
    for (const auto& d : prepared.diagnostics) std::cerr << d << "\n";
  };
  observer.onProgress = [&](const RunProgress& p) {
    std::cerr << (p.control ? "untrained control: layer " : "layer ") << p.layersDone << "/" << p.nLayer << "  elapsed " << fmtSeconds(p.elapsedSeconds)
              << "  remaining ~" << fmtSeconds(p.remainingSeconds) << "\n";
  };
  std::signal(SIGINT, onAnalyzeInterrupt);
  std::signal(SIGTERM, onAnalyzeInterrupt);
  RunResults results = runExperiment(*in.model, *in.tokenizer, *in.sentences, settings, observer, &gInterrupted);
  saveResults(results, o.out);
  std::cout << makeAnalysis(results.experiment)->summary(results);
  if (results.control)
    std::cout << "\nuntrained control (seed " << settings.control.seed << "):\n"
              << makeAnalysis(results.experiment)->summary(*results.control);
  const auto& t = results.metadata["timings"];
  const auto& used = results.metadata["sentences"];
  std::cerr << "done in " << fmtSeconds(t.value("totalSeconds", 0.0)) << " (forward "
            << fmtSeconds(t.value("forwardSeconds", 0.0)) << " on " << used.value("tokensRun", int64_t(0)) << " of "
            << used.value("tokens", int64_t(0)) << " tokens, analysis " << fmtSeconds(t.value("analysisSeconds", 0.0))
            << ")";
  if (results.control)
    std::cerr << ", untrained control " << fmtSeconds(t.value("controlSeconds", 0.0)) << " more (building it "
              << fmtSeconds(t.value("controlBuildSeconds", 0.0)) << ")";
  std::cerr << "; wrote " << o.out << "\n";
  return 0;
}

struct Subcommand {
  CLI::App* app;
  std::string name;
  std::vector<SettingSpec> specs;
  std::shared_ptr<CommonOptions> common = std::make_shared<CommonOptions>();
  std::shared_ptr<std::map<std::string, std::string>> given = std::make_shared<std::map<std::string, std::string>>();
};

laminar::cli::RegisterCommand analyzeCommand([](CLI::App& app) {
  auto* analyze = app.add_subcommand("analyze", "Run an analysis on a sentence set and save a results directory");
  analyze->require_subcommand(1);
  std::vector<Subcommand> subs;
  for (const std::string& name : experimentNames()) {
    auto analysis = makeAnalysis(name);
    Subcommand sub;
    sub.app = analyze->add_subcommand(name, analysis->title());
    sub.name = name;
    sub.specs = analysis->settingSpecs();
    addCommon(sub.app, *sub.common);
    addSettingOptions(sub.app, sub.specs, *sub.given);
    subs.push_back(std::move(sub));
  }
  return std::function<int()>([subs] {
    for (const Subcommand& sub : subs) {
      if (!sub.app->parsed()) continue;
      RunSettings settings;
      settings.experiment = sub.name;
      settings.target = sub.common->target;
      settings.options = optionsFrom(sub.specs, *sub.given);
      settings.control = parseControl(sub.common->control);
      return runAnalysis(*sub.common, settings);
    }
    return 2;
  });
});

}  // namespace
