#pragma once
// What Analysis::prepare() is given: the loaded model and its device, the tokenizer, the
// sentence set and the run's settings. Separate from analysis.h because it needs libtorch.
#include "analysis/run_results.h"
#include "analysis/sentence_set.h"
#include "model/gpt2_model.h"  // Gpt2Model, Gpt2Config and torch::Device
#include "tokenizer/bpe_tokenizer.h"

namespace laminar {

struct AnalysisInputs {
  const Gpt2Model& model;  // for analyses that read weights (the logit lens's ln_f and LM head)
  const Gpt2Config& config;
  torch::Device device;
  const BpeTokenizer& tokenizer;
  const SentenceSet& sentences;
  const RunSettings& settings;
};

}  // namespace laminar
