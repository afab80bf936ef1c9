// torch first: Qt defines "slots" and "emit" as macros, which torch headers use as names.
#include "analysis/run_inputs.h"
#include "model/gpt2_model.h"

#include "app/run_worker.h"

#include <QMetaObject>

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <exception>

#include "analysis/sentence_set.h"
#include "app/core_messages.h"
#include "app/demo_model.h"
#include "tokenizer/bpe_tokenizer.h"
#include "util/data_paths.h"
#include "util/error.h"

namespace laminar {
namespace {

// A per-layer copy of the results without the raw vectors (they only grow; the views do
// not need them). The control is copied too: the worker goes on filling the original.
std::shared_ptr<RunResults> copyWithoutVectors(const RunResults& soFar) {
  auto snap = std::make_shared<RunResults>();
  snap->experiment = soFar.experiment;
  snap->metadata = soFar.metadata;
  snap->diagnostics = soFar.diagnostics;
  snap->nLayer = soFar.nLayer;
  snap->layersDone = soFar.layersDone;
  snap->data = soFar.data;
  if (soFar.control) snap->control = copyWithoutVectors(*soFar.control);
  return snap;
}

ResultsPtr snapshotOf(const RunResults& soFar) { return copyWithoutVectors(soFar); }

ModelOptions optionsOf(const ModelChoice& c) {
  ModelOptions o;
  o.device = c.device;
  o.dtype = c.dtype;
  o.threads = c.threads;
  return o;
}

RunInputSources sourcesOf(const RunRequest& r) {
  RunInputSources s;
  s.modelDirectory = r.modelDirectory;
  s.modelOptions = optionsOf(r.modelOptions);
  s.sentencePath = r.sentencePath;
  s.parsedSentences = r.sentences;
  return s;
}

// The model yields the CPU to the interface: a lower priority for this thread (and the
// libtorch threads it starts) keeps the GUI thread responsive when cores are scarce.
void yieldToTheInterface() {
  static thread_local bool lowered = [] {
    const auto tid = static_cast<id_t>(syscall(SYS_gettid));
    return setpriority(PRIO_PROCESS, tid, std::min(19, getpriority(PRIO_PROCESS, tid) + 5)) == 0;
  }();
  (void)lowered;
}

}  // namespace

void registerRunMetaTypes() {
  qRegisterMetaType<RunRequest>();
  qRegisterMetaType<RunProgress>();
  qRegisterMetaType<ResultsPtr>();
  qRegisterMetaType<RunPhase>();
}

RunWorker::RunWorker(std::atomic<bool>* cancel) : cancel_(cancel) {}
RunWorker::~RunWorker() = default;

void RunWorker::run(const RunRequest& request) {
  yieldToTheInterface();
  try {
    if (request.untrainedTwin && !untrainedTwinReady(request.modelDirectory)) {
      emit phaseChanged(RunPhase::CreatingDemoModel);
      inputs_.reset();  // a stale twin may be the loaded model
      createUntrainedTwin(request.modelDirectory, cancel_);
    }
    if (!inputs_) inputs_ = std::make_unique<RunInputs>();
    *inputs_ = openRunInputs(sourcesOf(request), inputs_.get(), [this](InputStage stage) {
      emit phaseChanged(stage == InputStage::LoadingModel ? RunPhase::LoadingModel : RunPhase::LoadingTokenizer);
    });
    if (cancel_->load()) throw Cancelled();
    emit phaseChanged(RunPhase::Running);
    RunObserver observer;
    observer.onProgress = [this](const RunProgress& p) { emit progress(p); };
    observer.onLayer = [this](const RunResults& soFar, int layer) { emit layerFinished(snapshotOf(soFar), layer); };
    RunResults results = runExperiment(*inputs_->model, *inputs_->tokenizer, *inputs_->sentences, request.settings, observer, cancel_);
    emit finished(std::make_shared<const RunResults>(std::move(results)));
  } catch (const Cancelled&) {
    emit cancelled();
  } catch (const std::exception& e) {
    emit failed(CoreMessages::translate(e));  // by code, in the language of the moment
  }
}

void RunWorker::preload(const RunRequest& request) {
  yieldToTheInterface();
  if (request.untrainedTwin && !untrainedTwinReady(request.modelDirectory)) {
    emit preloaded(false);  // Run creates it, with its own phase on screen
    return;
  }
  try {
    if (!inputs_) inputs_ = std::make_unique<RunInputs>();
    RunInputSources sources = sourcesOf(request);
    sources.parsedSentences = std::make_shared<const SentenceSet>();  // the sentences are read at Run
    *inputs_ = openRunInputs(sources, inputs_.get());
    emit preloaded(true);
  } catch (const std::exception&) {
    inputs_.reset();  // Run tries again and reports the problem
    emit preloaded(false);
  }
}

RunController::RunController(QObject* parent) : QObject(parent), worker_(new RunWorker(&cancel_)) {
  registerRunMetaTypes();
  thread_.setObjectName(QStringLiteral("laminar-run"));
  worker_->moveToThread(&thread_);
  connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
  connect(worker_, &RunWorker::phaseChanged, this, &RunController::phaseChanged);
  connect(worker_, &RunWorker::progress, this, &RunController::progress);
  connect(worker_, &RunWorker::layerFinished, this, &RunController::layerFinished);
  connect(worker_, &RunWorker::preloaded, this, &RunController::preloaded);
  connect(worker_, &RunWorker::finished, this, [this](const ResultsPtr& r) {
    setRunning(false);
    emit finished(r);
  });
  connect(worker_, &RunWorker::failed, this, [this](const QString& m) {
    setRunning(false);
    emit failed(m);
  });
  connect(worker_, &RunWorker::cancelled, this, [this] {
    setRunning(false);
    emit cancelled();
  });
  thread_.start();
}

RunController::~RunController() {
  cancel_.store(true);
  thread_.quit();
  thread_.wait();  // the worker checks the flag between blocks, so this is one block at most
}

void RunController::start(const RunRequest& request) {
  if (running_) return;
  cancel_.store(false);
  setRunning(true);
  QMetaObject::invokeMethod(worker_, "run", Qt::QueuedConnection, Q_ARG(laminar::RunRequest, request));
}

void RunController::preload(const RunRequest& request) {
  if (running_) return;
  QMetaObject::invokeMethod(worker_, "preload", Qt::QueuedConnection, Q_ARG(laminar::RunRequest, request));
}

void RunController::cancel() {
  if (running_) cancel_.store(true);
}

void RunController::setRunning(bool running) {
  if (running == running_) return;
  running_ = running;
  emit runningChanged(running_);
}

}  // namespace laminar
