#include "analysis/analysis.h"

#include "app/experiment_panel.h"
#include "widgets/eliding_combo_box.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QScrollArea>
#include <QSettings>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <climits>
#include <cmath>


namespace laminar {

namespace {

// Core marks its labels with QT_TRANSLATE_NOOP("AnalysisSettings", ...).
QString translated(const std::string& english) {
  return QCoreApplication::translate("AnalysisSettings", english.c_str());
}

QString settingsKey(const std::string& analysis, const std::string& key) {
  return QStringLiteral("experiment/%1/%2").arg(QString::fromStdString(analysis), QString::fromStdString(key));
}

}  // namespace

ExperimentPanel::ExperimentPanel(QWidget* parent) : QWidget(parent) {
  // The settings scroll; Run, Cancel and the progress below them do not: an analysis with
  // many settings (or a short screen) must never scroll the Run button out of sight.
  auto* outer = new QVBoxLayout(this);
  outer->setContentsMargins(0, 0, 0, 0);
  settingsArea_ = new QScrollArea(this);
  settingsArea_->setObjectName(QStringLiteral("experimentSettingsDockScroll"));
  settingsArea_->setWidgetResizable(true);
  settingsArea_->setFrameShape(QFrame::NoFrame);
  auto* settingsPage = new QWidget(settingsArea_);
  auto* settings = new QVBoxLayout(settingsPage);
  buildExperimentChoice(settings);
  buildPages(settings);
  buildControlChoice(settings);
  settings->addStretch(1);
  settingsArea_->setWidget(settingsPage);
  outer->addWidget(settingsArea_, 1);
  outer->addLayout(buildRunBar(settings->contentsMargins()));

  restore();
  connect(experiment_, &QComboBox::currentIndexChanged, this, [this](int i) {
    stack_->setCurrentIndex(i);
    retranslate();
    save();
    emit experimentChanged(experiment());
    emit settingsChanged();
  });
  connect(run_, &QPushButton::clicked, this, [this] {
    save();
    emit runRequested();
  });
  connect(cancel_, &QPushButton::clicked, this, &ExperimentPanel::cancelRequested);
  updateEnabled();
  retranslate();
}

// The experiment box and the chosen experiment's description.
void ExperimentPanel::buildExperimentChoice(QVBoxLayout* layout) {
  auto* top = new QHBoxLayout;
  experimentLabel_ = new QLabel(this);
  experiment_ = new ElidingComboBox(this);
  experiment_->setObjectName(QStringLiteral("experiment"));
  experiment_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);  // fits a narrow panel
  experiment_->setMinimumContentsLength(10);
  experimentLabel_->setBuddy(experiment_);
  top->addWidget(experimentLabel_);
  top->addWidget(experiment_, 1);
  layout->addLayout(top);
  description_ = new QLabel(this);
  description_->setWordWrap(true);
  description_->setStyleSheet(QStringLiteral("color:#555;"));
  layout->addWidget(description_);
}

// One page of settings per registered analysis, then the settings every analysis shares.
void ExperimentPanel::buildPages(QVBoxLayout* layout) {
  stack_ = new QStackedWidget(this);
  for (const std::string& name : experimentNames()) addPage(name);
  stack_->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
  connect(stack_, &QStackedWidget::currentChanged, this, &ExperimentPanel::fitStackToCurrentPage);
  fitStackToCurrentPage();
  layout->addWidget(stack_);
  bos_ = new QCheckBox(this);
  layout->addWidget(bos_);
  connect(bos_, &QCheckBox::toggled, this, &ExperimentPanel::settingsChanged);  // positions count it
}

// The untrained control (docs/controls.md): the same run on a seeded untrained model.
void ExperimentPanel::buildControlChoice(QVBoxLayout* layout) {
  auto* controlRow = new QHBoxLayout;
  control_ = new QCheckBox(this);
  control_->setObjectName(QStringLiteral("untrainedControl"));
  controlSeedLabel_ = new QLabel(this);
  controlSeed_ = new QSpinBox(this);
  controlSeed_->setObjectName(QStringLiteral("untrainedControlSeed"));
  controlSeed_->setRange(0, INT_MAX);
  layout->addWidget(control_);
  controlSeedLabel_->setBuddy(controlSeed_);
  controlRow->addSpacing(20);  // the seed belongs to the checkbox above: below it, indented,
  controlRow->addWidget(controlSeedLabel_);  // so a narrow panel need not hold both on one line
  controlRow->addWidget(controlSeed_);
  controlRow->addStretch(1);
  layout->addLayout(controlRow);
  connect(control_, &QCheckBox::toggled, controlSeed_, &QWidget::setEnabled);
}

// Run and Cancel, the progress bar and the status line, with the settings' margins.
QVBoxLayout* ExperimentPanel::buildRunBar(const QMargins& margins) {
  auto* runBar = new QVBoxLayout;
  runBar->setContentsMargins(margins);
  auto* buttons = new QHBoxLayout;
  run_ = new QPushButton(this);
  run_->setObjectName(QStringLiteral("run"));
  run_->setDefault(true);
  cancel_ = new QPushButton(this);
  cancel_->setObjectName(QStringLiteral("cancel"));
  cancel_->setEnabled(false);
  buttons->addWidget(run_, 1);
  buttons->addWidget(cancel_);
  runBar->addLayout(buttons);
  progress_ = new QProgressBar(this);
  progress_->setRange(0, 1);
  progress_->setValue(0);
  progress_->setTextVisible(true);
  runBar->addWidget(progress_);
  status_ = new QLabel(this);
  status_->setWordWrap(true);
  status_->setObjectName(QStringLiteral("runStatus"));
  runBar->addWidget(status_);
  return runBar;
}

void ExperimentPanel::addPage(const std::string& name) {
  const auto analysis = makeAnalysis(name);
  Page page;
  page.name = name;
  page.title = analysis->title();
  page.description = analysis->description();
  auto* widget = new QWidget(stack_);
  page.form = new QFormLayout(widget);
  page.form->setRowWrapPolicy(QFormLayout::WrapAllRows);  // labels above their fields: fits a narrow panel
  page.form->setFormAlignment(Qt::AlignLeft | Qt::AlignTop);  // pages of fewer rows keep them at the top
  for (const SettingSpec& spec : analysis->settingSpecs()) {
    QWidget* editor = makeEditor(spec, widget);
    editor->setObjectName(QString::fromStdString(name + "/" + spec.key));
    auto* label = new QLabel(widget);  // a label object even before its text is set
    label->setBuddy(editor);  // screen readers name the field by it (addRow(QWidget*, ...) does not)
    page.form->addRow(label, editor);
    page.fields.push_back({spec, editor});
  }
  experiment_->addItem(QString(), QString::fromStdString(name));
  stack_->addWidget(widget);
  pages_.push_back(std::move(page));
}

QWidget* ExperimentPanel::makeEditor(const SettingSpec& spec, QWidget* parent) {
  const auto changed = [this] {
    updateEnabled();
    emit settingsChanged();
  };
  switch (spec.kind) {
    case SettingSpec::Kind::Integer: {
      auto* box = new QSpinBox(parent);
      box->setRange(static_cast<int>(std::max<double>(spec.minimum, INT_MIN)),
                    static_cast<int>(std::min<double>(spec.maximum, INT_MAX)));
      connect(box, &QSpinBox::valueChanged, this, changed);
      return box;
    }
    case SettingSpec::Kind::Number: {
      auto* box = new QDoubleSpinBox(parent);
      box->setDecimals(spec.decimals);
      box->setRange(std::max(spec.minimum, -1e9), std::min(spec.maximum, 1e9));
      box->setSingleStep(spec.decimals >= 3 ? 0.01 : 0.5);
      connect(box, &QDoubleSpinBox::valueChanged, this, changed);
      return box;
    }
    case SettingSpec::Kind::Choice: {
      auto* box = new ElidingComboBox(parent);
      box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
      box->setMinimumContentsLength(8);
      for (const SettingChoice& c : spec.choices) box->addItem(QString(), QString::fromStdString(c.value));
      connect(box, &QComboBox::currentIndexChanged, this, changed);
      return box;
    }
    case SettingSpec::Kind::Flag: {
      auto* box = new QCheckBox(parent);
      connect(box, &QCheckBox::toggled, this, changed);
      return box;
    }
    case SettingSpec::Kind::Text: {
      auto* edit = new QLineEdit(parent);
      if (!spec.pattern.empty())
        edit->setValidator(new QRegularExpressionValidator(QRegularExpression(QString::fromStdString(spec.pattern)), edit));
      connect(edit, &QLineEdit::textChanged, this, changed);
      return edit;
    }
  }
  return new QWidget(parent);
}

nlohmann::json ExperimentPanel::valueOf(const Field& f) const {
  if (auto* b = qobject_cast<QSpinBox*>(f.editor)) return b->value();
  if (auto* b = qobject_cast<QDoubleSpinBox*>(f.editor)) return b->value();
  if (auto* b = qobject_cast<QComboBox*>(f.editor)) return b->currentData().toString().toStdString();
  if (auto* b = qobject_cast<QCheckBox*>(f.editor)) return b->isChecked();
  if (auto* e = qobject_cast<QLineEdit*>(f.editor))
    return e->text().isEmpty() ? f.spec.defaultValue : nlohmann::json(e->text().toStdString());
  return f.spec.defaultValue;
}

void ExperimentPanel::setValue(const Field& f, const nlohmann::json& v) {
  if (auto* b = qobject_cast<QSpinBox*>(f.editor)) b->setValue(v.is_number() ? v.get<int>() : f.spec.defaultValue.get<int>());
  if (auto* b = qobject_cast<QDoubleSpinBox*>(f.editor)) b->setValue(v.is_number() ? v.get<double>() : f.spec.defaultValue.get<double>());
  if (auto* b = qobject_cast<QComboBox*>(f.editor))
    b->setCurrentIndex(std::max(0, b->findData(QString::fromStdString(v.is_string() ? v.get<std::string>() : ""))));
  if (auto* b = qobject_cast<QCheckBox*>(f.editor))
    b->setChecked(v.is_boolean() ? v.get<bool>() : f.spec.defaultValue.get<bool>());
  if (auto* e = qobject_cast<QLineEdit*>(f.editor)) e->setText(QString::fromStdString(v.is_string() ? v.get<std::string>() : ""));
}

// Settings that apply only with another setting's value (KSG's k, the histogram's bins).
void ExperimentPanel::updateEnabled() {
  for (const Page& page : pages_)
    for (const Field& f : page.fields) {
      if (f.spec.enabledWhenKey.empty()) continue;
      for (const Field& other : page.fields)
        if (other.spec.key == f.spec.enabledWhenKey) {
          const nlohmann::json v = valueOf(other);
          f.editor->setEnabled(v.is_string() && v.get<std::string>() == f.spec.enabledWhenValue);
        }
    }
}

const ExperimentPanel::Page& ExperimentPanel::currentPage() const {
  return pages_.at(static_cast<size_t>(std::max(0, experiment_->currentIndex())));
}

// The stack takes the size of the page shown, not of the tallest one (a short settings page
// would otherwise sit under a gap as high as the longest page): hidden pages are ignored.
void ExperimentPanel::fitStackToCurrentPage() {
  const int current = stack_->currentIndex();
  for (int i = 0; i < stack_->count(); ++i) {
    const QSizePolicy::Policy p = i == current ? QSizePolicy::Preferred : QSizePolicy::Ignored;
    stack_->widget(i)->setSizePolicy(p, p);
  }
  stack_->updateGeometry();
}

QString ExperimentPanel::experiment() const { return experiment_->currentData().toString(); }

void ExperimentPanel::setExperiment(const QString& key) {
  const int i = experiment_->findData(key);
  if (i >= 0) {
    experiment_->setCurrentIndex(i);
    stack_->setCurrentIndex(i);
  }
}

void ExperimentPanel::showRunSettings(const RunResults& results) {
  setExperiment(QString::fromStdString(results.experiment));
  const auto options = results.metadata.find("options");
  if (options != results.metadata.end() && options->is_object())
    for (const Field& f : currentPage().fields) {
      const auto v = options->find(f.spec.key);
      if (v == options->end()) continue;
      try {
        setValue(f, resolveSettings({f.spec}, {{f.spec.key, *v}}).at(f.spec.key));
      } catch (const std::exception&) {
        // a value this version no longer accepts: keep the form's
      }
    }
  const auto target = results.metadata.find("target");
  if (target != results.metadata.end() && target->is_object())
    bos_->setChecked(target->value("prependBos", bos_->isChecked()));
  updateEnabled();
}

QWidget* ExperimentPanel::settingEditor(const QString& key) const {
  for (const Field& f : currentPage().fields)
    if (QString::fromStdString(f.spec.key) == key) return f.editor;
  return nullptr;
}

bool ExperimentPanel::setSetting(const std::string& key, const nlohmann::json& value) {
  for (const Field& f : currentPage().fields)
    if (f.spec.key == key) {
      setValue(f, value);  // the editor's signal reports the change (settingsChanged)
      return true;
    }
  return false;
}

RunSettings ExperimentPanel::settings() const {
  RunSettings r;
  r.experiment = experiment().toStdString();
  for (const Field& f : currentPage().fields) r.options[f.spec.key] = valueOf(f);
  r.target.prependBos = bos_->isChecked();
  r.control.untrained = control_->isChecked();
  r.control.seed = static_cast<uint64_t>(controlSeed_->value());
  return r;
}

// Defaults: those of laminar-cli analyze (the specs), then the user's last choices.
void ExperimentPanel::restore() {
  const QSettings s;
  for (const Page& page : pages_)
    for (const Field& f : page.fields) {
      const QVariant saved = s.value(settingsKey(page.name, f.spec.key));
      nlohmann::json v = f.spec.defaultValue;
      if (saved.isValid()) {
        try {
          v = resolveSettings({f.spec}, {{f.spec.key, nlohmann::json::parse(saved.toString().toStdString())}}).at(f.spec.key);
        } catch (const std::exception&) {
          // a value from an older version that no longer fits: keep the default
        }
      }
      setValue(f, v);
    }
  bos_->setChecked(s.value(QStringLiteral("experiment/bos"), false).toBool());
  control_->setChecked(s.value(QStringLiteral("experiment/untrainedControl"), false).toBool());
  controlSeed_->setValue(s.value(QStringLiteral("experiment/untrainedControlSeed"), 0).toInt());
  controlSeed_->setEnabled(control_->isChecked());
  setExperiment(s.value(QStringLiteral("experiment/name"), QStringLiteral("similarity")).toString());
}

void ExperimentPanel::save() const {
  QSettings s;
  s.setValue(QStringLiteral("experiment/name"), experiment());
  s.setValue(QStringLiteral("experiment/bos"), bos_->isChecked());
  s.setValue(QStringLiteral("experiment/untrainedControl"), control_->isChecked());
  s.setValue(QStringLiteral("experiment/untrainedControlSeed"), controlSeed_->value());
  for (const Page& page : pages_)
    for (const Field& f : page.fields)
      s.setValue(settingsKey(page.name, f.spec.key), QString::fromStdString(valueOf(f).dump()));
}

void ExperimentPanel::setRunning(bool running) {
  run_->setEnabled(!running);
  cancel_->setEnabled(running);
  experiment_->setEnabled(!running);
  stack_->setEnabled(!running);
  control_->setEnabled(!running);
  controlSeed_->setEnabled(!running && control_->isChecked());
  if (running) {
    progress_->setRange(0, 0);  // busy until the first progress report
    progress_->setFormat(QString());
  }
}

void ExperimentPanel::setProgress(const RunProgress& p) {
  // With a control the bar spans both passes: the run's layers, then the control's.
  progress_->setRange(0, std::max(1, p.withControl ? 2 * p.nLayer : p.nLayer));
  progress_->setValue(p.layersDone + (p.control ? p.nLayer : 0));
  QString remaining;
  if (p.remainingSeconds >= 0) {
    const int s = static_cast<int>(std::lround(p.remainingSeconds));
    remaining = s >= 60 ? tr("%1 min %2 s left").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0')) : tr("%1 s left").arg(s);
  } else {
    remaining = tr("estimating time left…");
  }
  progress_->setFormat(p.control ? tr("Untrained control: layer %1 of %2 — %3").arg(p.layersDone).arg(p.nLayer).arg(remaining)
                                 : tr("Layer %1 of %2 — %3").arg(p.layersDone).arg(p.nLayer).arg(remaining));
}

void ExperimentPanel::setStatus(const QString& text) { status_->setText(text); }

void ExperimentPanel::retranslate() {
  experimentLabel_->setText(tr("Experiment:"));
  settingsArea_->setAccessibleName(tr("Experiment settings"));
  for (size_t i = 0; i < pages_.size(); ++i) {
    const Page& page = pages_[i];
    experiment_->setItemText(static_cast<int>(i), translated(page.title));
    for (const Field& f : page.fields) {
      page.form->labelForField(f.editor)->setProperty("text", translated(f.spec.label));
      f.editor->setToolTip(translated(f.spec.help));
      if (auto* box = qobject_cast<QComboBox*>(f.editor))
        for (size_t c = 0; c < f.spec.choices.size(); ++c)
          box->setItemText(static_cast<int>(c), translated(f.spec.choices[c].label));
    }
  }
  description_->setText(translated(currentPage().description));
  bos_->setText(tr("Add <|endoftext|> before each text"));
  control_->setText(tr("Compare with untrained model"));
  control_->setToolTip(tr("After the run, run the same analysis with the same settings and sentences on a GPT-2 of "
                          "the same shape with random (untrained) weights, initialised as Hugging Face does from "
                          "the seed. Its results are drawn beside the run's as grey dash-dotted series (maps of one text: "
                          "\"Show the untrained control\" above the figure): what both show comes from the "
                          "architecture and the method, not from training."));
  controlSeedLabel_->setText(tr("Seed:"));
  controlSeed_->setToolTip(tr("Seed of the untrained model's weights"));
  run_->setText(tr("Run"));
  cancel_->setText(tr("Cancel"));
}

void ExperimentPanel::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

}  // namespace laminar
