#pragma once
// What a run reads, opened in one place for the app and the CLI alike: the model, the
// tokenizer that goes with it (the checkpoint's own files, else the bundled GPT-2 tokenizer:
// every checkpoint Laminar runs uses GPT-2's vocabulary) and the sentence set.
#include <filesystem>
#include <functional>
#include <memory>

#include "analysis/sentence_set.h"
#include "model/model_options.h"
#include "tokenizer/bpe_tokenizer.h"
#include "tokenizer/tokenizer_location.h"

namespace laminar {

class Gpt2Model;

struct RunInputSources {
  std::filesystem::path modelDirectory;
  ModelOptions modelOptions;
  std::filesystem::path sentencePath;
  // A set the caller parsed already (the app's token preview): used as is, so the run sees
  // exactly what the preview showed and the file is not parsed twice.
  std::shared_ptr<const SentenceSet> parsedSentences;
};

struct RunInputs {
  std::shared_ptr<const Gpt2Model> model;
  std::shared_ptr<const BpeTokenizer> tokenizer;
  std::shared_ptr<const SentenceSet> sentences;
  std::filesystem::path modelDirectory;  // what `model` was loaded from, with these options
  ModelOptions modelOptions;
};

enum class InputStage { LoadingModel, LoadingTokenizer };

// Opens `sources`. `previous` (may be null) is an earlier run's inputs: its model and tokenizer
// are kept when the model directory and options are unchanged (loading GPT-2 XL again costs
// seconds), and the old model is released before a new one is loaded (two XL models may not fit).
// `onStage` hears each stage that actually does work. Throws laminar::Error naming the file.
RunInputs openRunInputs(const RunInputSources& sources, RunInputs* previous = nullptr,
                        const std::function<void(InputStage)>& onStage = {});

}  // namespace laminar
