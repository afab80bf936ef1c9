#include "app/experiment_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QSettings>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <cmath>

namespace laminar {

ExperimentPanel::ExperimentPanel(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  auto* top = new QHBoxLayout;
  experimentLabel_ = new QLabel(this);
  experiment_ = new QComboBox(this);
  experiment_->setObjectName(QStringLiteral("experiment"));
  experiment_->addItem(QString(), QStringLiteral("similarity"));
  experiment_->addItem(QString(), QStringLiteral("mi-distance"));
  top->addWidget(experimentLabel_);
  top->addWidget(experiment_, 1);
  layout->addLayout(top);
  description_ = new QLabel(this);
  description_->setWordWrap(true);
  description_->setStyleSheet(QStringLiteral("color:#555;"));
  layout->addWidget(description_);

  stack_ = new QStackedWidget(this);
  auto* simPage = new QWidget(stack_);
  simForm_ = new QFormLayout(simPage);
  bins_ = new QSpinBox(simPage);
  bins_->setRange(5, 1001);
  seed_ = new QSpinBox(simPage);
  seed_->setRange(0, 2147483647);
  simForm_->addRow(new QLabel(simPage), bins_);
  simForm_->addRow(new QLabel(simPage), seed_);
  auto* miPage = new QWidget(stack_);
  miForm_ = new QFormLayout(miPage);
  estimator_ = new QComboBox(miPage);
  estimator_->addItem(QString(), QStringLiteral("hist"));
  estimator_->addItem(QString(), QStringLiteral("ksg"));
  miBins_ = new QLineEdit(miPage);
  miBins_->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("fd|[1-9][0-9]{0,3}")), miBins_));
  zTrim_ = new QDoubleSpinBox(miPage);
  zTrim_->setRange(0, 100);
  zTrim_->setSingleStep(0.5);
  ksgK_ = new QSpinBox(miPage);
  ksgK_->setRange(1, 50);
  ttest_ = new QComboBox(miPage);
  ttest_->addItem(QString(), QStringLiteral("student"));
  ttest_->addItem(QString(), QStringLiteral("welch"));
  fdrQ_ = new QDoubleSpinBox(miPage);
  fdrQ_->setRange(0.001, 0.5);
  fdrQ_->setDecimals(3);
  fdrQ_->setSingleStep(0.01);
  alpha_ = new QDoubleSpinBox(miPage);
  alpha_->setRange(0.001, 0.5);
  alpha_->setDecimals(3);
  alpha_->setSingleStep(0.01);
  for (QWidget* w : {static_cast<QWidget*>(estimator_), static_cast<QWidget*>(miBins_), static_cast<QWidget*>(zTrim_),
                     static_cast<QWidget*>(ksgK_), static_cast<QWidget*>(ttest_), static_cast<QWidget*>(fdrQ_),
                     static_cast<QWidget*>(alpha_)})
    miForm_->addRow(new QLabel(miPage), w);  // a label object even before its text is set
  stack_->addWidget(simPage);
  stack_->addWidget(miPage);
  stack_->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
  layout->addWidget(stack_);
  bos_ = new QCheckBox(this);
  layout->addWidget(bos_);

  auto* buttons = new QHBoxLayout;
  run_ = new QPushButton(this);
  run_->setObjectName(QStringLiteral("run"));
  run_->setDefault(true);
  cancel_ = new QPushButton(this);
  cancel_->setObjectName(QStringLiteral("cancel"));
  cancel_->setEnabled(false);
  buttons->addWidget(run_, 1);
  buttons->addWidget(cancel_);
  layout->addLayout(buttons);
  progress_ = new QProgressBar(this);
  progress_->setRange(0, 1);
  progress_->setValue(0);
  progress_->setTextVisible(true);
  layout->addWidget(progress_);
  status_ = new QLabel(this);
  status_->setWordWrap(true);
  status_->setObjectName(QStringLiteral("runStatus"));
  layout->addWidget(status_);

  // defaults: those of laminar-cli analyze, then the user's last choices
  const QSettings s;
  const SimilaritySettings simDefaults;
  const MiDistanceSettings miDefaults;
  bins_->setValue(s.value(QStringLiteral("experiment/bins"), simDefaults.bins).toInt());
  seed_->setValue(s.value(QStringLiteral("experiment/seed"), static_cast<int>(simDefaults.seed)).toInt());
  estimator_->setCurrentIndex(std::max(0, estimator_->findData(s.value(QStringLiteral("experiment/estimator"), QString::fromStdString(miDefaults.estimator)))));
  miBins_->setText(s.value(QStringLiteral("experiment/miBins"), QString::fromStdString(miDefaults.bins)).toString());
  zTrim_->setValue(s.value(QStringLiteral("experiment/zTrim"), miDefaults.zTrim).toDouble());
  ksgK_->setValue(s.value(QStringLiteral("experiment/ksgK"), miDefaults.ksgK).toInt());
  ttest_->setCurrentIndex(std::max(0, ttest_->findData(s.value(QStringLiteral("experiment/ttest"), QString::fromStdString(miDefaults.ttest)))));
  fdrQ_->setValue(s.value(QStringLiteral("experiment/fdrQ"), miDefaults.fdrQ).toDouble());
  alpha_->setValue(s.value(QStringLiteral("experiment/alpha"), miDefaults.alpha).toDouble());
  setExperiment(s.value(QStringLiteral("experiment/name"), QStringLiteral("similarity")).toString());

  connect(experiment_, &QComboBox::currentIndexChanged, this, [this](int i) {
    stack_->setCurrentIndex(i);
    retranslate();
    save();
    emit experimentChanged(experiment());
  });
  connect(run_, &QPushButton::clicked, this, [this] {
    save();
    emit runRequested();
  });
  connect(cancel_, &QPushButton::clicked, this, &ExperimentPanel::cancelRequested);
  connect(seed_, &QSpinBox::valueChanged, this, [this](int v) { emit seedChanged(static_cast<quint64>(v)); });
  connect(estimator_, &QComboBox::currentIndexChanged, this, [this] {
    const bool ksg = estimator_->currentData().toString() == QLatin1String("ksg");
    ksgK_->setEnabled(ksg);
    miBins_->setEnabled(!ksg);
  });
  ksgK_->setEnabled(estimator_->currentData().toString() == QLatin1String("ksg"));
  miBins_->setEnabled(!ksgK_->isEnabled());
  retranslate();
}

QString ExperimentPanel::experiment() const { return experiment_->currentData().toString(); }

void ExperimentPanel::setExperiment(const QString& key) {
  const int i = experiment_->findData(key);
  if (i >= 0) {
    experiment_->setCurrentIndex(i);
    stack_->setCurrentIndex(i);
  }
}

quint64 ExperimentPanel::seed() const { return static_cast<quint64>(seed_->value()); }

RunSettings ExperimentPanel::settings() const {
  RunSettings r;
  r.experiment = experiment().toStdString();
  r.similarity.bins = bins_->value();
  r.similarity.seed = seed();
  r.similarity.prependBos = bos_->isChecked();
  r.miDistance.estimator = estimator_->currentData().toString().toStdString();
  r.miDistance.bins = miBins_->text().isEmpty() ? std::string("fd") : miBins_->text().toStdString();
  r.miDistance.zTrim = zTrim_->value();
  r.miDistance.ksgK = ksgK_->value();
  r.miDistance.ttest = ttest_->currentData().toString().toStdString();
  r.miDistance.fdrQ = fdrQ_->value();
  r.miDistance.alpha = alpha_->value();
  r.miDistance.prependBos = bos_->isChecked();
  return r;
}

void ExperimentPanel::save() const {
  QSettings s;
  s.setValue(QStringLiteral("experiment/name"), experiment());
  s.setValue(QStringLiteral("experiment/bins"), bins_->value());
  s.setValue(QStringLiteral("experiment/seed"), seed_->value());
  s.setValue(QStringLiteral("experiment/estimator"), estimator_->currentData());
  s.setValue(QStringLiteral("experiment/miBins"), miBins_->text());
  s.setValue(QStringLiteral("experiment/zTrim"), zTrim_->value());
  s.setValue(QStringLiteral("experiment/ksgK"), ksgK_->value());
  s.setValue(QStringLiteral("experiment/ttest"), ttest_->currentData());
  s.setValue(QStringLiteral("experiment/fdrQ"), fdrQ_->value());
  s.setValue(QStringLiteral("experiment/alpha"), alpha_->value());
}

void ExperimentPanel::setRunning(bool running) {
  run_->setEnabled(!running);
  cancel_->setEnabled(running);
  experiment_->setEnabled(!running);
  stack_->setEnabled(!running);
  if (running) {
    progress_->setRange(0, 0);  // busy until the first progress report
    progress_->setFormat(QString());
  }
}

void ExperimentPanel::setProgress(const RunProgress& p) {
  progress_->setRange(0, std::max(1, p.nLayer));
  progress_->setValue(p.layersDone);
  QString remaining;
  if (p.remainingSeconds >= 0) {
    const int s = static_cast<int>(std::lround(p.remainingSeconds));
    remaining = s >= 60 ? tr("%1 min %2 s left").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0')) : tr("%1 s left").arg(s);
  } else {
    remaining = tr("estimating time left…");
  }
  progress_->setFormat(tr("Layer %1 of %2 — %3").arg(p.layersDone).arg(p.nLayer).arg(remaining));
}

void ExperimentPanel::setStatus(const QString& text) { status_->setText(text); }

void ExperimentPanel::retranslate() {
  experimentLabel_->setText(tr("Experiment:"));
  experiment_->setItemText(0, tr("Token similarity across layers (Q, K, V)"));
  experiment_->setItemText(1, tr("Mutual information vs token distance"));
  description_->setText(experiment() == QLatin1String("similarity")
                            ? tr("Compares the target token with a non-target token of the same sentences, layer by "
                                 "layer: context variance of Q, K and V and the cosine spectrum of their dimensions.")
                            : tr("Measures the mutual information (MI) between the target's occurrences in the "
                                 "attention and MLP outputs of every layer, and how it falls with token distance."));
  simForm_->labelForField(bins_)->setProperty("text", tr("Histogram bins:"));
  simForm_->labelForField(seed_)->setProperty("text", tr("Seed (non-target choice):"));
  bins_->setToolTip(tr("Bins of the similarity histograms over [−1, 1]"));
  seed_->setToolTip(tr("Which earlier token of each sentence is the non-target token"));
  miForm_->labelForField(estimator_)->setProperty("text", tr("MI estimator:"));
  estimator_->setItemText(0, tr("Histogram"));
  estimator_->setItemText(1, tr("k nearest neighbours (KSG)"));
  miForm_->labelForField(miBins_)->setProperty("text", tr("Bins (fd or a number):"));
  miBins_->setToolTip(tr("fd: Freedman–Diaconis rule, clamped to 4–64; or a fixed number of bins"));
  miForm_->labelForField(zTrim_)->setProperty("text", tr("Outlier z threshold (0 = off):"));
  zTrim_->setToolTip(tr("Dimensions where either vector's z-score exceeds this are dropped as outliers"));
  miForm_->labelForField(ksgK_)->setProperty("text", tr("Neighbours k:"));
  miForm_->labelForField(ttest_)->setProperty("text", tr("t-test:"));
  ttest_->setItemText(0, tr("Student (pooled variance)"));
  ttest_->setItemText(1, tr("Welch"));
  miForm_->labelForField(fdrQ_)->setProperty("text", tr("FDR q:"));
  miForm_->labelForField(alpha_)->setProperty("text", tr("Significance level (Bonferroni):"));
  bos_->setText(tr("Add <|endoftext|> before each text"));
  run_->setText(tr("Run"));
  cancel_->setText(tr("Cancel"));
}

void ExperimentPanel::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

}  // namespace laminar
