#include "app/model_panel.h"

#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QThread>
#include <QVBoxLayout>

#include "app/core_messages.h"
#include "app/demo_model.h"
#include "app/engine_info.h"
#include "checkpoint/gpt2_config.h"
#include "hub/hub_environment.h"
#include "hub/local_checkpoints.h"
#include "widgets/eliding_combo_box.h"

namespace laminar {
namespace {
constexpr const char* kDemoKey = "demo";            // the trained demo model shipped with Laminar
constexpr const char* kTwinKey = "demo-untrained";  // its untrained twin, generated on first use

bool sameFolder(const std::filesystem::path& a, const std::filesystem::path& b) {
  std::error_code ec;
  return std::filesystem::equivalent(a, b, ec);
}

// The demo model's config.json; its twin has the same shape.
Gpt2Config demoConfig() { return Gpt2Config::fromFile(bundledDemoModelDirectory() / "config.json"); }
}

ModelPanel::ModelPanel(QWidget* parent) : QWidget(parent) {
  auto* grid = new QGridLayout(this);
  sourceLabel_ = new QLabel(this);
  source_ = new ElidingComboBox(this);
  source_->setObjectName(QStringLiteral("modelSource"));
  source_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  source_->setMinimumContentsLength(18);
  browse_ = new QPushButton(this);
  models_ = new QPushButton(this);
  models_->setObjectName(QStringLiteral("manageModels"));
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(browse_);
  buttons->addWidget(models_);
  buttons->addStretch(1);
  deviceLabel_ = new QLabel(this);
  device_ = new QComboBox(this);
  threadsLabel_ = new QLabel(this);
  threads_ = new QSpinBox(this);
  threads_->setRange(0, std::max(1, QThread::idealThreadCount()));
  dtypeLabel_ = new QLabel(this);
  dtype_ = new QComboBox(this);
  info_ = new QLabel(this);
  info_->setWordWrap(true);
  info_->setObjectName(QStringLiteral("modelInfo"));
  info_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  // Each label is its field's buddy: a screen reader names the field by it.
  sourceLabel_->setBuddy(source_);
  deviceLabel_->setBuddy(device_);
  threadsLabel_->setBuddy(threads_);
  dtypeLabel_->setBuddy(dtype_);
  grid->addWidget(sourceLabel_, 0, 0);
  grid->addWidget(source_, 0, 1, 1, 3);
  grid->addLayout(buttons, 1, 1, 1, 3);
  grid->addWidget(deviceLabel_, 2, 0);
  grid->addWidget(device_, 2, 1);
  grid->addWidget(threadsLabel_, 2, 2);
  grid->addWidget(threads_, 2, 3);
  grid->addWidget(dtypeLabel_, 3, 0);
  grid->addWidget(dtype_, 3, 1);
  grid->addWidget(info_, 4, 0, 1, 4);
  grid->setColumnStretch(1, 1);

  device_->addItem(QStringLiteral("CPU"), QStringLiteral("cpu"));
  if (engineCudaAvailable()) device_->addItem(QStringLiteral("CUDA"), QStringLiteral("cuda"));
  for (const char* d : {"float32", "float16", "bfloat16"}) dtype_->addItem(QString::fromLatin1(d), QString::fromLatin1(d));
  QSettings settings;
  // Leave one core to the interface: a busy GUI thread is what makes a window feel stuck.
  threads_->setValue(settings.value(QStringLiteral("model/threads"), 0).toInt());
  device_->setCurrentIndex(std::max(0, device_->findData(settings.value(QStringLiteral("model/device"), "cpu"))));
  dtype_->setCurrentIndex(std::max(0, dtype_->findData(settings.value(QStringLiteral("model/dtype"), "float32"))));

  connect(source_, &QComboBox::activated, this, [this] {
    QSettings().setValue(QStringLiteral("model/source"), source_->currentData());
    updateInfo();
    emit modelChanged();
  });
  connect(browse_, &QPushButton::clicked, this, &ModelPanel::chooseFolder);
  connect(models_, &QPushButton::clicked, this, &ModelPanel::manageModelsRequested);
  connect(device_, &QComboBox::activated, this, [this] {
    QSettings().setValue(QStringLiteral("model/device"), device_->currentData());
    updateInfo();
  });
  connect(dtype_, &QComboBox::activated, this, [this] {
    QSettings().setValue(QStringLiteral("model/dtype"), dtype_->currentData());
    updateInfo();
  });
  connect(threads_, &QSpinBox::valueChanged, this, [](int v) { QSettings().setValue(QStringLiteral("model/threads"), v); });
  retranslate();
  rescan();
}

void ModelPanel::rescan() {
  const QString current = source_->currentData().toString().isEmpty()
                              ? QSettings().value(QStringLiteral("model/source"), QString::fromLatin1(kDemoKey)).toString()
                              : source_->currentData().toString();
  source_->clear();
  source_->addItem(demoLabel(), QString::fromLatin1(kDemoKey));
  source_->addItem(twinLabel(), QString::fromLatin1(kTwinKey));
  std::filesystem::path demoDir;
  try {
    demoDir = bundledDemoModelDirectory();
  } catch (const std::exception&) {
  }
  realCheckpoints_ = 0;
  std::vector<std::filesystem::path> folders;
  for (const QString& f : QSettings().value(QStringLiteral("model/folders")).toStringList()) folders.emplace_back(f.toStdString());
  try {
    for (const auto& c : hub::scanLocalCheckpoints(hub::defaultCacheDirectory(), folders)) {
      if (!c.usable()) continue;
      if (!demoDir.empty() && sameFolder(c.directory, demoDir)) continue;  // listed first already
      if (!c.synthetic) ++realCheckpoints_;
      const QString label = QStringLiteral("%1 (%2%3)")
                                .arg(QString::fromStdString(c.name), QString::fromStdString(c.shape),
                                     c.source == hub::LocalCheckpoint::Source::HubCache ? tr(", cache") : QString());
      source_->addItem(label, QString::fromStdString(c.directory.string()));
    }
  } catch (const std::exception&) {
    // an unreadable cache lists nothing; the folder button still works
  }
  const int index = source_->findData(current);
  if (index >= 0) source_->setCurrentIndex(index);
  else if (current != QLatin1String(kDemoKey) && current != QLatin1String(kTwinKey) && QFileInfo::exists(current + QStringLiteral("/config.json"))) selectDirectory(current);
  updateInfo();
}

bool ModelPanel::selectDirectory(const QString& dir) {
  const QString clean = QDir::cleanPath(QFileInfo(dir).absoluteFilePath());
  if (bundledDemoModelAvailable() && sameFolder(clean.toStdString(), bundledDemoModelDirectory())) {
    selectDemo();
    return true;
  }
  int index = source_->findData(clean);
  if (index < 0) {
    try {
      checkpointTokenizerDirectory(clean.toStdString());  // throws when not a checkpoint
    } catch (const std::exception& e) {
      info_->setText(CoreMessages::translate(e));
      return false;
    }
    QStringList folders = QSettings().value(QStringLiteral("model/folders")).toStringList();
    if (!folders.contains(clean)) folders << clean;
    QSettings().setValue(QStringLiteral("model/folders"), folders);
    source_->addItem(QFileInfo(clean).fileName(), clean);
    index = source_->count() - 1;
  }
  source_->setCurrentIndex(index);
  QSettings().setValue(QStringLiteral("model/source"), clean);
  updateInfo();
  emit modelChanged();
  return true;
}

void ModelPanel::selectDemo() { selectKey(QString::fromLatin1(kDemoKey)); }

void ModelPanel::selectUntrainedTwin() { selectKey(QString::fromLatin1(kTwinKey)); }

void ModelPanel::selectKey(const QString& key) {
  source_->setCurrentIndex(std::max(0, source_->findData(key)));
  QSettings().setValue(QStringLiteral("model/source"), key);
  updateInfo();
  emit modelChanged();
}

QString ModelPanel::demoLabel() const { return tr("Demo model: 6-layer GPT-2 trained on the Brown corpus (not GPT-2 XL)"); }

QString ModelPanel::twinLabel() const { return tr("Untrained twin of the demo model (random weights, the control)"); }

void ModelPanel::chooseFolder() {
  const QString dir = QFileDialog::getExistingDirectory(this, tr("Choose a checkpoint folder (with config.json)"),
                                                        QSettings().value(QStringLiteral("files/lastModelFolder"), QDir::homePath()).toString());
  if (dir.isEmpty()) return;
  QSettings().setValue(QStringLiteral("files/lastModelFolder"), dir);
  selectDirectory(dir);
}

bool ModelPanel::demoSelected() const { return source_->currentData().toString() == QLatin1String(kDemoKey); }

bool ModelPanel::untrainedTwinSelected() const { return source_->currentData().toString() == QLatin1String(kTwinKey); }

std::filesystem::path ModelPanel::modelDirectory() const {
  if (untrainedTwinSelected()) return untrainedTwinDirectory();
  if (demoSelected()) {
    try {
      return bundledDemoModelDirectory();
    } catch (const std::exception&) {
      return "demo-model";  // not installed: loading it then names the missing folder
    }
  }
  return source_->currentData().toString().toStdString();
}

ModelChoice ModelPanel::options() const {
  ModelChoice o;
  o.device = device_->currentData().toString().toStdString();
  o.dtype = dtype_->currentData().toString().toStdString();
  o.threads = threads_->value();
  return o;
}

std::filesystem::path ModelPanel::tokenizerDirectory() const {
  if (untrainedTwinSelected()) return {};
  try {
    return checkpointTokenizerDirectory(modelDirectory());
  } catch (const std::exception&) {
    return {};
  }
}

QString ModelPanel::description() const {
  try {
    if (demoSelected()) return tr("demo model: 6-layer GPT-2 trained on the Brown corpus, not GPT-2 XL");
    if (untrainedTwinSelected()) return tr("untrained twin of the demo model (random weights)");
    const Gpt2Config config = Gpt2Config::fromFile(modelDirectory() / "config.json");
    return tr("%1, %2 M parameters").arg(QString::fromStdString(config.shapeName()))
        .arg(locale().toString(config.parameterCount() / 1e6, 'f', 1));
  } catch (const std::exception&) {
    return {};
  }
}

int64_t ModelPanel::contextLength() const {
  try {
    if (demoSelected() || untrainedTwinSelected()) return demoConfig().nPositions;
    return Gpt2Config::fromFile(modelDirectory() / "config.json").nPositions;
  } catch (const std::exception&) {
    return 1024;
  }
}

void ModelPanel::updateInfo() {
  const bool cuda = device_->currentData().toString() == QLatin1String("cuda");
  dtype_->setEnabled(cuda);
  if (!cuda) dtype_->setCurrentIndex(0);  // half precision only on CUDA
  try {
    Gpt2Config config;
    if (untrainedTwinSelected()) {
      config = demoConfig();
      config.syntheticWeights = true;
    } else {
      config = Gpt2Config::fromFile(modelDirectory() / "config.json");
    }
    synthetic_ = config.syntheticWeights;
    const double params = static_cast<double>(config.parameterCount());
    const int bytesPerValue = dtype_->currentData().toString() == QLatin1String("float32") ? 4 : 2;
    const QLocale l = locale();
    QString text = tr("Shape: %1 — %2 layers, width %3, %4 heads, up to %5 tokens\n"
                      "Parameters: %6 million — memory for the weights: %7 GB")
                       .arg(QString::fromStdString(config.shapeName()))
                       .arg(config.nLayer)
                       .arg(config.nEmbd)
                       .arg(config.nHead)
                       .arg(config.nPositions)
                       .arg(l.toString(params / 1e6, 'f', 1))
                       .arg(l.toString(params * bytesPerValue / 1e9, 'f', 2));
    if (demoSelected())
      text = tr("Demo model: 6-layer GPT-2 trained on the Brown corpus, not GPT-2 XL. Shipped with Laminar, "
                "trained by the project on one million words (docs/demo-model.md).") + QLatin1Char('\n') + text;
    if (untrainedTwinSelected()) {
      text = tr("Untrained twin of the demo model: the same shape with the random weights its training started "
                "from. Compare the two to see what training added.") + QLatin1Char('\n') + text;
      if (!untrainedTwinReady(modelDirectory()))
        text += QLatin1Char('\n') + tr("The untrained twin is generated on the first run (a few seconds).");
    }
    info_->setText(text);
  } catch (const std::exception& e) {
    synthetic_ = false;
    info_->setText(CoreMessages::translate(e));
  }
}

void ModelPanel::retranslate() {
  sourceLabel_->setText(tr("Model:"));
  browse_->setText(tr("Folder…"));
  browse_->setToolTip(tr("Use a GPT-2 checkpoint folder in Hugging Face layout"));
  models_->setText(tr("Models…"));
  models_->setToolTip(tr("Checkpoints on this computer and GPT-2 models to download"));
  deviceLabel_->setText(tr("Device:"));
  threadsLabel_->setText(tr("Threads:"));
  threads_->setSpecialValueText(tr("auto"));
  threads_->setToolTip(tr("CPU threads for the model (auto = every core)"));
  dtypeLabel_->setText(tr("Precision:"));
  if (source_->count() > 1) {
    source_->setItemText(0, demoLabel());
    source_->setItemText(1, twinLabel());
  }
  updateInfo();
}

void ModelPanel::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) {
    retranslate();
    rescan();
  }
  QWidget::changeEvent(event);
}

}  // namespace laminar
