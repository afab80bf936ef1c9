#pragma once
// The model runs here, never on the GUI thread. RunController owns a QThread with one
// RunWorker; results arrive per layer through queued signals (a snapshot without the raw
// vectors, so a copy per layer stays small), Cancel takes effect between blocks.
#include <QObject>
#include <QString>
#include <QThread>

#include <atomic>
#include <memory>

#include "app/run_request.h"

namespace laminar {

struct RunInputs;

class RunWorker : public QObject {
  Q_OBJECT
 public:
  explicit RunWorker(std::atomic<bool>* cancel);
  ~RunWorker() override;

 public slots:
  void run(const laminar::RunRequest& request);
  // Loads the request's model and tokenizer ahead of Run (the app calls it when a model is
  // selected), so pressing Run starts computing at once. Errors are left for Run to report.
  void preload(const laminar::RunRequest& request);

 signals:
  void phaseChanged(laminar::RunPhase phase);
  void progress(const laminar::RunProgress& progress);
  void layerFinished(const laminar::ResultsPtr& soFar, int layer);
  void finished(const laminar::ResultsPtr& results);  // complete, vectors included
  void failed(const QString& message);                // English, as core wrote it
  void cancelled();
  void preloaded(bool ok);  // after preload(): whether the model is now loaded

 private:
  std::atomic<bool>* cancel_;
  std::unique_ptr<RunInputs> inputs_;  // the last run's: its model is kept for the next run of the same checkpoint
};

class RunController : public QObject {
  Q_OBJECT
 public:
  explicit RunController(QObject* parent = nullptr);
  ~RunController() override;  // cancels a run in progress and waits for the thread

  bool running() const { return running_; }
  void start(const RunRequest& request);
  void preload(const RunRequest& request);  // no-op while a run is in progress
  void cancel();  // any time; safe when idle

 signals:
  void phaseChanged(laminar::RunPhase phase);
  void progress(const laminar::RunProgress& progress);
  void layerFinished(const laminar::ResultsPtr& soFar, int layer);
  void finished(const laminar::ResultsPtr& results);
  void failed(const QString& message);
  void cancelled();
  void runningChanged(bool running);
  void preloaded(bool ok);

 private:
  void setRunning(bool running);
  QThread thread_;
  std::atomic<bool> cancel_{false};
  RunWorker* worker_;
  bool running_ = false;
};

void registerRunMetaTypes();

}  // namespace laminar
