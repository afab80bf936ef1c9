#include "analysis/run_inputs.h"

#include "model/gpt2_model.h"


namespace laminar {
namespace {

bool sameOptions(const ModelOptions& a, const ModelOptions& b) {
  return a.device == b.device && a.dtype == b.dtype && a.threads == b.threads && a.maxBatchTokens == b.maxBatchTokens;
}

}  // namespace

RunInputs openRunInputs(const RunInputSources& sources, RunInputs* previous,
                        const std::function<void(InputStage)>& onStage) {
  RunInputs in;
  // Sentences first: a bad file is reported before seconds of model loading.
  in.sentences = sources.parsedSentences ? sources.parsedSentences
                                         : std::make_shared<const SentenceSet>(loadSentenceSet(sources.sentencePath));
  in.modelDirectory = sources.modelDirectory;
  in.modelOptions = sources.modelOptions;
  const bool reuse = previous && previous->model && previous->modelDirectory == sources.modelDirectory &&
                     sameOptions(previous->modelOptions, sources.modelOptions);
  if (reuse) {
    in.model = previous->model;
    in.tokenizer = previous->tokenizer;
  } else {
    if (previous) *previous = RunInputs{};  // free the old model before loading the new one
    if (onStage) onStage(InputStage::LoadingModel);
    in.model = Gpt2Model::load(sources.modelDirectory, sources.modelOptions);
  }
  if (!in.tokenizer) {
    if (onStage) onStage(InputStage::LoadingTokenizer);
    in.tokenizer = std::make_shared<const BpeTokenizer>(
        BpeTokenizer::fromDirectory(tokenizerDirectoryFor(in.model->files().tokenizerDirectory)));
  }
  return in;
}

}  // namespace laminar
