#pragma once
// Analysis choice and its settings, Run / Cancel, and a progress bar with the current layer
// and the time remaining. The list and each analysis's form are built from core's registry
// and the analyses' settingSpecs(), the same description `laminar-cli analyze` uses.
#include <QWidget>

#include <string>
#include <vector>

#include "analysis/analysis_settings.h"
#include "analysis/run_results.h"

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QScrollArea;
class QProgressBar;
class QSpinBox;
class QPushButton;
class QStackedWidget;
class QVBoxLayout;
class QMargins;

namespace laminar {

class ExperimentPanel : public QWidget {
  Q_OBJECT
 public:
  explicit ExperimentPanel(QWidget* parent = nullptr);

  QString experiment() const;  // registry key: "similarity", "mi-distance", ...
  void setExperiment(const QString& key);
  // Shows the analysis and settings a run used (metadata "options" and "target" of a results
  // folder), so a reopened run can be read and rerun as it ran. Settings a folder written
  // before they were saved does not name keep their current values.
  void showRunSettings(const RunResults& results);
  // The chosen analysis with its settings; the target (sentence panel) is not set here.
  RunSettings settings() const;
  void setRunning(bool running);
  void setProgress(const RunProgress& progress);
  void setStatus(const QString& text);
  QPushButton* runButton() const { return run_; }
  QPushButton* cancelButton() const { return cancel_; }
  QProgressBar* progressBar() const { return progress_; }
  QLabel* statusLabel() const { return status_; }  // under the progress bar
  // The editor of setting `key` of the current analysis (nullptr if it has none).
  QWidget* settingEditor(const QString& key) const;
  // Sets setting `key` of the current analysis in the form (false if it has none).
  bool setSetting(const std::string& key, const nlohmann::json& value);
  QCheckBox* controlBox() const { return control_; }
  QSpinBox* controlSeedBox() const { return controlSeed_; }

 signals:
  void runRequested();
  void cancelRequested();
  void experimentChanged(const QString& key);
  // The analysis or any of its settings changed (the sentence preview shows what they read).
  void settingsChanged();

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void fitStackToCurrentPage();
  struct Field {
    SettingSpec spec;
    QWidget* editor = nullptr;
  };
  struct Page {
    std::string name, title, description;
    QFormLayout* form = nullptr;
    std::vector<Field> fields;
  };
  // The panel's parts, top to bottom (the constructor connects them to each other).
  void buildExperimentChoice(QVBoxLayout* layout);
  void buildPages(QVBoxLayout* layout);
  void buildControlChoice(QVBoxLayout* layout);
  QVBoxLayout* buildRunBar(const QMargins& margins);
  void addPage(const std::string& name);
  QWidget* makeEditor(const SettingSpec& spec, QWidget* parent);
  nlohmann::json valueOf(const Field& field) const;
  void setValue(const Field& field, const nlohmann::json& value);
  void updateEnabled();
  const Page& currentPage() const;
  void retranslate();
  void restore();
  void save() const;
  QLabel* experimentLabel_;
  QComboBox* experiment_;
  QLabel* description_;
  QStackedWidget* stack_;
  std::vector<Page> pages_;
  QCheckBox* bos_;
  QCheckBox* control_;     // "Compare with untrained model" (RunSettings::control)
  QLabel* controlSeedLabel_;
  QSpinBox* controlSeed_;
  QPushButton* run_;
  QPushButton* cancel_;
  QProgressBar* progress_;
  QLabel* status_;
  QScrollArea* settingsArea_;  // everything above Run
};

}  // namespace laminar
