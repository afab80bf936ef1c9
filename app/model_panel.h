#pragma once
// Model panel: the demo model shipped with Laminar and its untrained twin, checkpoints found in the Hugging Face cache (and
// folders the user added), or any checkpoint folder; device, threads and dtype; shape,
// parameter count and memory shown before running (read from config.json only).
#include <QWidget>

#include <cstdint>
#include <filesystem>

#include "app/run_request.h"

class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace laminar {

class ModelPanel : public QWidget {
  Q_OBJECT
 public:
  explicit ModelPanel(QWidget* parent = nullptr);

  std::filesystem::path modelDirectory() const;  // the demo model's (or its twin's) folder when chosen
  bool demoSelected() const;           // the trained demo model shipped with Laminar
  bool untrainedTwinSelected() const;  // its untrained twin (generated on first use)
  bool syntheticWeights() const { return synthetic_; }  // the twin, or a checkpoint marked synthetic
  ModelChoice options() const;
  std::filesystem::path tokenizerDirectory() const;  // empty = the bundled tokenizer
  QString description() const;  // "gpt2-xl, 1.56 B parameters" for the status bar
  int64_t contextLength() const;  // the model's n_positions (1024 when its config cannot be read)
  // A checkpoint with trained weights was found in the cache or the user's folders.
  bool hasRealCheckpoint() const { return realCheckpoints_ > 0; }

 public slots:
  void rescan();                        // the hub cache and user folders again
  bool selectDirectory(const QString& dir);  // adds it to the list if needed
  void selectDemo();
  void selectUntrainedTwin();
  void chooseFolder();

 signals:
  void modelChanged();
  void manageModelsRequested();

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslate();
  void updateInfo();
  void selectKey(const QString& key);
  QString demoLabel() const;
  QString twinLabel() const;
  QLabel* sourceLabel_;
  QComboBox* source_;
  QPushButton* browse_;
  QPushButton* models_;
  QLabel* deviceLabel_;
  QComboBox* device_;
  QLabel* threadsLabel_;
  QSpinBox* threads_;
  QLabel* dtypeLabel_;
  QComboBox* dtype_;
  QLabel* info_;
  bool synthetic_ = true;
  int realCheckpoints_ = 0;
};

}  // namespace laminar
