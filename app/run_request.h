#pragma once
// Everything a run needs, gathered on the GUI thread and handed to the worker by value.
#include <QMetaType>

#include <filesystem>
#include <memory>
#include <string>

#include "analysis/run_results.h"
#include "analysis/sentence_set.h"

namespace laminar {

// How to run the model (mirrors laminar::ModelOptions; kept here so that the windows do not
// include torch's headers).
struct ModelChoice {
  std::string device = "cpu";
  std::string dtype = "float32";
  int threads = 0;
};

struct RunRequest {
  std::filesystem::path modelDirectory;  // a Hugging Face layout checkpoint
  bool untrainedTwin = false;            // generate modelDirectory as the demo model's untrained twin if missing
  ModelChoice modelOptions;
  std::filesystem::path sentencePath;
  std::shared_ptr<const SentenceSet> sentences;  // as parsed for the preview (null: the worker reads sentencePath)
  RunSettings settings;
};

using ResultsPtr = std::shared_ptr<const RunResults>;

// What the worker is doing, for the status line (translated on the GUI side).
enum class RunPhase { CreatingDemoModel, LoadingModel, LoadingTokenizer, Running };

}  // namespace laminar

Q_DECLARE_METATYPE(laminar::RunRequest)
Q_DECLARE_METATYPE(laminar::RunProgress)
Q_DECLARE_METATYPE(laminar::ResultsPtr)
Q_DECLARE_METATYPE(laminar::RunPhase)
