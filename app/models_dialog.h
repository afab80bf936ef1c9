#pragma once
// "Getting GPT-2 XL onto a user's machine": checkpoints already on this computer (the
// Hugging Face cache, honouring HF_HOME, and added folders) and the four GPT-2 models to
// download, with sizes; downloads run on a worker thread with progress and Cancel, and land
// in the shared Hugging Face cache.
#include <QDialog>
#include <QFutureWatcher>

#include <memory>
#include <vector>

#include "hub/known_models.h"

class QLabel;
class QProgressBar;
class QPushButton;
class QTreeWidget;
class QVBoxLayout;

namespace laminar {

namespace hub {
class ModelDownloader;
}

class ModelsDialog : public QDialog {
  Q_OBJECT
 public:
  // `offered`: the downloadable models (the four GPT-2 sizes; tests pass repositories of a
  // local hub imitation).
  explicit ModelsDialog(QWidget* parent = nullptr, std::vector<hub::KnownModel> offered = hub::knownModels());
  ~ModelsDialog() override;
  QString chosenDirectory() const { return chosen_; }  // the checkpoint to use, or empty
  QTreeWidget* localList() const { return local_; }
  QTreeWidget* downloadList() const { return downloads_; }
  QPushButton* downloadButton() const { return download_; }
  QPushButton* cancelButton() const { return cancel_; }
  QPushButton* useButton() const { return use_; }
  QProgressBar* progressBar() const { return progress_; }
  QLabel* statusLabel() const { return status_; }
  bool downloading() const { return downloader_ != nullptr; }

 private:
  // The dialog's parts, top to bottom (the constructor connects them).
  void buildLocalList(QVBoxLayout* layout);
  void buildDownloadList(QVBoxLayout* layout, const std::vector<hub::KnownModel>& offered);
  void buildDownloadControls(QVBoxLayout* layout);
  void showDownloadResult();
  void rescan();
  void addDemoModelRow();
  void startDownload();
  void cancelDownload();
  void onProgress(double fraction, const QString& text);
  void reject() override;

  QLabel* cacheLabel_;
  QTreeWidget* local_;
  QTreeWidget* downloads_;
  QPushButton* use_;
  QPushButton* download_;
  QPushButton* cancel_;
  QPushButton* close_;
  QProgressBar* progress_;
  QLabel* status_;
  QString chosen_;
  std::shared_ptr<hub::ModelDownloader> downloader_;
  QFutureWatcher<QString>* watcher_;
};

}  // namespace laminar
