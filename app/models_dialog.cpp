#include "app/models_dialog.h"

#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

#include "app/core_messages.h"
#include "app/demo_model.h"
#include "app/number_format.h"
#include "checkpoint/gpt2_config.h"
#include "hub/hub_environment.h"
#include "hub/known_models.h"
#include "hub/local_checkpoints.h"
#include "hub/model_downloader.h"
#include "util/error.h"

namespace laminar {

ModelsDialog::ModelsDialog(QWidget* parent, std::vector<hub::KnownModel> offered)
    : QDialog(parent), watcher_(new QFutureWatcher<QString>(this)) {
  setWindowTitle(tr("Models"));
  resize(820, 560);
  auto* layout = new QVBoxLayout(this);
  buildLocalList(layout);
  buildDownloadList(layout, offered);
  buildDownloadControls(layout);
  connect(use_, &QPushButton::clicked, this, [this] {
    auto* item = local_->currentItem();
    if (!item || !item->data(0, Qt::UserRole + 1).toBool()) return;
    chosen_ = item->data(0, Qt::UserRole).toString();
    accept();
  });
  connect(local_, &QTreeWidget::itemDoubleClicked, use_, &QPushButton::click);
  connect(download_, &QPushButton::clicked, this, &ModelsDialog::startDownload);
  connect(cancel_, &QPushButton::clicked, this, &ModelsDialog::cancelDownload);
  connect(close_, &QPushButton::clicked, this, &ModelsDialog::reject);
  connect(watcher_, &QFutureWatcher<QString>::finished, this, &ModelsDialog::showDownloadResult);
  rescan();
}

// The checkpoints already on this computer (the Hugging Face cache, folders chosen before).
void ModelsDialog::buildLocalList(QVBoxLayout* layout) {
  cacheLabel_ = new QLabel(this);
  cacheLabel_->setWordWrap(true);
  cacheLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  layout->addWidget(new QLabel(tr("<b>On this computer</b>"), this));
  layout->addWidget(cacheLabel_);
  local_ = new QTreeWidget(this);
  local_->setHeaderLabels({tr("Checkpoint"), tr("Shape"), tr("Size"), tr("Where"), tr("Status")});
  local_->setRootIsDecorated(false);
  local_->setAccessibleName(tr("Checkpoints on this computer"));  // item views take no name from a label
  local_->header()->setSectionResizeMode(0, QHeaderView::Stretch);
  layout->addWidget(local_, 1);
  use_ = new QPushButton(tr("Use this checkpoint"), this);
  layout->addWidget(use_, 0, Qt::AlignRight);
}

// The GPT-2 checkpoints on offer, with their size and shape before anything is downloaded.
void ModelsDialog::buildDownloadList(QVBoxLayout* layout, const std::vector<hub::KnownModel>& offered) {
  layout->addWidget(new QLabel(tr("<b>Download from the Hugging Face hub</b>"), this));
  downloads_ = new QTreeWidget(this);
  downloads_->setHeaderLabels({tr("Model"), tr("Parameters"), tr("Shape"), tr("Download size")});
  downloads_->setRootIsDecorated(false);
  downloads_->setAccessibleName(tr("GPT-2 models to download"));
  downloads_->header()->setSectionResizeMode(0, QHeaderView::Stretch);
  for (const auto& m : offered) {
    auto* item = new QTreeWidgetItem(downloads_);
    item->setText(0, QStringLiteral("%1 (%2)").arg(QString::fromStdString(m.displayName), QString::fromStdString(m.repo)));
    item->setText(1, tr("%1 million").arg(locale().toString(m.parameters / 1e6, 'f', 0)));
    item->setText(2, QStringLiteral("%1 × %2 × %3").arg(m.nEmbd).arg(m.nLayer).arg(m.nHead));
    item->setText(3, NumberFormat::dataSize(m.approxDownloadBytes, locale()));
    item->setData(0, Qt::UserRole, QString::fromStdString(m.repo));
  }
  layout->addWidget(downloads_);
}

void ModelsDialog::buildDownloadControls(QVBoxLayout* layout) {
  progress_ = new QProgressBar(this);
  progress_->setRange(0, 1000);
  progress_->setValue(0);
  status_ = new QLabel(this);
  status_->setWordWrap(true);
  layout->addWidget(progress_);
  layout->addWidget(status_);
  auto* buttons = new QHBoxLayout;
  download_ = new QPushButton(tr("Download"), this);
  cancel_ = new QPushButton(tr("Cancel download"), this);
  cancel_->setEnabled(false);
  close_ = new QPushButton(tr("Close"), this);
  buttons->addWidget(download_);
  buttons->addWidget(cancel_);
  buttons->addStretch(1);
  buttons->addWidget(close_);
  layout->addLayout(buttons);
}

// The download thread's last word: "ok:DIR" (the new checkpoint is selected in the list),
// "cancelled", or a core message.
void ModelsDialog::showDownloadResult() {
  const QString result = watcher_->result();
  downloader_.reset();
  download_->setEnabled(true);
  cancel_->setEnabled(false);
  if (result.startsWith(QLatin1String("ok:"))) {
    progress_->setValue(progress_->maximum());
    status_->setText(tr("Downloaded. The checkpoint is in the list above."));
    rescan();
    const QString dir = result.mid(3);
    for (int i = 0; i < local_->topLevelItemCount(); ++i)
      if (local_->topLevelItem(i)->data(0, Qt::UserRole).toString() == dir) local_->setCurrentItem(local_->topLevelItem(i));
  } else if (result == QLatin1String("cancelled")) {
    status_->setText(tr("Download cancelled. Starting it again resumes where it stopped."));
  } else {
    status_->setText(CoreMessages::translate(result));
  }
}

ModelsDialog::~ModelsDialog() {
  if (downloader_) downloader_->cancel();
  watcher_->waitForFinished();
}

void ModelsDialog::rescan() {
  local_->clear();
  const auto cache = hub::defaultCacheDirectory();
  cacheLabel_->setText(tr("Hugging Face cache: %1 (set HF_HOME or HF_HUB_CACHE to move it)")
                           .arg(QDir::toNativeSeparators(QString::fromStdString(cache.string()))));
  addDemoModelRow();
  int found = 0;
  try {
    for (const auto& c : hub::scanLocalCheckpoints(cache, {})) {
      ++found;
      auto* item = new QTreeWidgetItem(local_);
      item->setText(0, QString::fromStdString(c.name));
      item->setText(1, QString::fromStdString(c.shape));
      item->setText(2, NumberFormat::dataSize(c.sizeBytes, locale()));
      item->setText(3, c.source == hub::LocalCheckpoint::Source::HubCache ? tr("cache") : tr("folder"));
      item->setText(4, c.usable() ? (c.synthetic ? tr("usable — random weights") : tr("usable"))
                                  : CoreMessages::translate(c.problem));
      item->setData(0, Qt::UserRole, QString::fromStdString(c.directory.string()));
      item->setData(0, Qt::UserRole + 1, c.usable());
      item->setToolTip(0, QString::fromStdString(c.directory.string()));
    }
  } catch (const std::exception& e) {
    status_->setText(CoreMessages::translate(e));
  }
  if (found == 0) {
    auto* item = new QTreeWidgetItem(local_);
    item->setText(0, tr("No GPT-2 checkpoint found. Download one below, or use the demo model."));
    item->setFlags(Qt::NoItemFlags);
  }
}

// The demo model ships with Laminar: always on this computer, listed first and labelled.
void ModelsDialog::addDemoModelRow() {
  if (!bundledDemoModelAvailable()) return;
  try {
    const auto dir = bundledDemoModelDirectory();
    const Gpt2Config config = Gpt2Config::fromFile(dir / "config.json");
    std::error_code ec;
    const auto bytes = std::filesystem::file_size(dir / "model.safetensors", ec);
    auto* item = new QTreeWidgetItem(local_);
    item->setText(0, tr("Demo model: 6-layer GPT-2 trained on the Brown corpus (not GPT-2 XL)"));
    item->setText(1, QString::fromStdString(config.shapeName()));
    item->setText(2, NumberFormat::dataSize(ec ? 0 : bytes, locale()));
    item->setText(3, tr("bundled with Laminar"));
    item->setText(4, tr("usable — small trained demo model"));
    item->setData(0, Qt::UserRole, QString::fromStdString(dir.string()));
    item->setData(0, Qt::UserRole + 1, true);
    item->setToolTip(0, QString::fromStdString(dir.string()));
  } catch (const std::exception& e) {
    status_->setText(CoreMessages::translate(e));
  }
}

void ModelsDialog::startDownload() {
  auto* item = downloads_->currentItem();
  if (!item || downloader_) return;
  hub::DownloadOptions options;
  options.repo = item->data(0, Qt::UserRole).toString().toStdString();
  downloader_ = std::make_shared<hub::ModelDownloader>(options);
  download_->setEnabled(false);
  cancel_->setEnabled(true);
  progress_->setValue(0);
  status_->setText(tr("Asking the hub what to download…"));
  QPointer<ModelsDialog> self(this);
  auto downloader = downloader_;
  watcher_->setFuture(QtConcurrent::run([downloader, self]() -> QString {
    try {
      const auto result = downloader->run([self](const hub::DownloadProgress& p) {
        const double fraction = p.bytesTotal ? static_cast<double>(p.bytesDone) / static_cast<double>(p.bytesTotal) : 0.0;
        const QString text = QStringLiteral("%1 — %2 / %3 — %4 — %5")
                                 .arg(QString::fromStdString(p.file), NumberFormat::dataSize(p.bytesDone),
                                      NumberFormat::dataSize(p.bytesTotal),
                                      NumberFormat::speed(p.bytesPerSecond),
                                      NumberFormat::duration(p.secondsRemaining));
        QMetaObject::invokeMethod(self, [self, fraction, text] {
          if (self) self->onProgress(fraction, text);
        }, Qt::QueuedConnection);
        return true;
      });
      return QStringLiteral("ok:") + QString::fromStdString(result.snapshotDirectory.string());
    } catch (const Cancelled&) {
      return QStringLiteral("cancelled");
    } catch (const std::exception& e) {
      return CoreMessages::translate(e);  // by its code, in the language of the moment
    }
  }));
}

void ModelsDialog::cancelDownload() {
  if (downloader_) downloader_->cancel();
}

void ModelsDialog::onProgress(double fraction, const QString& text) {
  progress_->setValue(static_cast<int>(fraction * progress_->maximum()));
  status_->setText(text);
}

void ModelsDialog::reject() {
  if (downloader_) {
    downloader_->cancel();
    watcher_->waitForFinished();
  }
  QDialog::reject();
}

}  // namespace laminar
