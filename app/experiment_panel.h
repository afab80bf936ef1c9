#pragma once
// Experiment choice and its settings (the options of `laminar-cli analyze`), Run / Cancel,
// and a progress bar with the current layer and the time remaining.
#include <QWidget>

#include "analysis/run_results.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QStackedWidget;

namespace laminar {

class ExperimentPanel : public QWidget {
  Q_OBJECT
 public:
  explicit ExperimentPanel(QWidget* parent = nullptr);

  QString experiment() const;  // "similarity" | "mi-distance"
  void setExperiment(const QString& key);
  // Settings without the target (the sentence panel supplies it).
  RunSettings settings() const;
  quint64 seed() const;
  void setRunning(bool running);
  void setProgress(const RunProgress& progress);
  void setStatus(const QString& text);
  QPushButton* runButton() const { return run_; }
  QPushButton* cancelButton() const { return cancel_; }
  QProgressBar* progressBar() const { return progress_; }

 signals:
  void runRequested();
  void cancelRequested();
  void experimentChanged(const QString& key);
  void seedChanged(quint64 seed);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslate();
  void save() const;
  QLabel* experimentLabel_;
  QComboBox* experiment_;
  QLabel* description_;
  QStackedWidget* stack_;
  QFormLayout* simForm_;
  QFormLayout* miForm_;
  QSpinBox* bins_;
  QSpinBox* seed_;
  QComboBox* estimator_;
  QLineEdit* miBins_;
  QDoubleSpinBox* zTrim_;
  QSpinBox* ksgK_;
  QComboBox* ttest_;
  QDoubleSpinBox* fdrQ_;
  QDoubleSpinBox* alpha_;
  QCheckBox* bos_;
  QPushButton* run_;
  QPushButton* cancel_;
  QProgressBar* progress_;
  QLabel* status_;
};

}  // namespace laminar
