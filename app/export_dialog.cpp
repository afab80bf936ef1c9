#include "app/export_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QPushButton>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QSettings>
#include <QSpinBox>

namespace laminar {

ExportDialog::ExportDialog(QWidget* parent, bool withCsvOption) : QDialog(parent) {
  setWindowTitle(withCsvOption ? tr("Export all figures") : tr("Export figure"));
  auto* form = new QFormLayout(this);
  preset_ = new QComboBox(this);
  for (ExportPreset p : allPresets()) preset_->addItem(presetName(p), presetKey(p));
  format_ = new QComboBox(this);
  format_->addItem(tr("PNG image"), static_cast<int>(FigureFormat::Png));
  format_->addItem(tr("PDF document (vector)"), static_cast<int>(FigureFormat::Pdf));
  format_->addItem(tr("SVG drawing (vector)"), static_cast<int>(FigureFormat::Svg));
  width_ = new QSpinBox(this);
  width_->setRange(200, 10000);
  width_->setSuffix(tr(" px"));
  height_ = new QSpinBox(this);
  height_->setRange(150, 10000);
  height_->setSuffix(tr(" px"));
  dpi_ = new QDoubleSpinBox(this);
  dpi_->setRange(48, 1200);
  dpi_->setDecimals(0);
  dpi_->setSuffix(tr(" dpi"));
  caption_ = new QCheckBox(tr("Include the caption below the figure"), this);
  cursor_ = new QCheckBox(tr("Draw the layer cursor's line"), this);
  form->addRow(tr("Preset:"), preset_);
  form->addRow(tr("Format:"), format_);
  form->addRow(tr("Width:"), width_);
  form->addRow(tr("Height:"), height_);
  form->addRow(tr("Resolution (PNG):"), dpi_);
  form->addRow(caption_);
  form->addRow(cursor_);
  if (withCsvOption) {
    csv_ = new QCheckBox(tr("Also export the data behind each figure (CSV)"), this);
    form->addRow(csv_);
  }
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  buttons->button(QDialogButtonBox::Ok)->setText(tr("Export"));
  buttons->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
  form->addRow(buttons);
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

  const QSettings s;
  format_->setCurrentIndex(s.value(QStringLiteral("export/format"), 0).toInt());
  custom_.width = s.value(QStringLiteral("export/width"), 1600).toInt();
  custom_.height = s.value(QStringLiteral("export/height"), 1000).toInt();
  custom_.dpi = s.value(QStringLiteral("export/dpi"), 150).toDouble();
  custom_.caption = s.value(QStringLiteral("export/caption"), false).toBool();
  cursor_->setChecked(s.value(QStringLiteral("export/cursor"), false).toBool());
  const int presetIndex = preset_->findData(s.value(QStringLiteral("export/preset"), presetKey(ExportPreset::Custom)));
  preset_->setCurrentIndex(std::max(0, presetIndex));
  if (csv_) csv_->setChecked(s.value(QStringLiteral("export/csv"), true).toBool());
  showPreset();
  connect(preset_, &QComboBox::currentIndexChanged, this, [this] { showPreset(); });
  connect(format_, &QComboBox::currentIndexChanged, this, [this] { showPreset(); });
  auto keepCustom = [this] {
    if (preset() != ExportPreset::Custom) return;
    custom_.width = width_->value();
    custom_.height = height_->value();
    custom_.dpi = dpi_->value();
    custom_.caption = caption_->isChecked();
  };
  connect(width_, &QSpinBox::valueChanged, this, keepCustom);
  connect(height_, &QSpinBox::valueChanged, this, keepCustom);
  connect(dpi_, &QDoubleSpinBox::valueChanged, this, keepCustom);
  connect(caption_, &QCheckBox::toggled, this, keepCustom);
  connect(this, &QDialog::accepted, this, [this] {
    QSettings s;
    s.setValue(QStringLiteral("export/preset"), presetKey(preset()));
    s.setValue(QStringLiteral("export/format"), format_->currentIndex());
    s.setValue(QStringLiteral("export/width"), custom_.width);
    s.setValue(QStringLiteral("export/height"), custom_.height);
    s.setValue(QStringLiteral("export/dpi"), custom_.dpi);
    s.setValue(QStringLiteral("export/caption"), custom_.caption);
    s.setValue(QStringLiteral("export/cursor"), cursor_->isChecked());
    if (csv_) s.setValue(QStringLiteral("export/csv"), csv_->isChecked());
  });
}

ExportPreset ExportDialog::preset() const {
  ExportPreset p = ExportPreset::Custom;
  presetFromKey(preset_->currentData().toString(), &p);
  return p;
}

void ExportDialog::showPreset() {
  const bool custom = preset() == ExportPreset::Custom;
  const FigureExportOptions o = presetOptions(preset(), static_cast<FigureFormat>(format_->currentData().toInt()), custom_);
  for (QWidget* w : std::initializer_list<QWidget*>{width_, height_, dpi_, caption_}) {
    const QSignalBlocker block(w);
    w->setEnabled(custom);
  }
  {
    const QSignalBlocker b1(width_), b2(height_), b3(dpi_), b4(caption_);
    width_->setValue(o.width);
    height_->setValue(o.height);
    dpi_->setValue(o.dpi);
    caption_->setChecked(o.caption);
  }
  // Sizes are in 1/96 inch: pixels of a PNG at 96 dpi, the printed size of a PDF or SVG.
  const QString physical = tr("%1 x %2 cm").arg(locale().toString(o.width * 2.54 / 96, 'f', 1), locale().toString(o.height * 2.54 / 96, 'f', 1));
  width_->setToolTip(physical);
  height_->setToolTip(physical);
}

FigureExportOptions ExportDialog::options() const {
  FigureExportOptions o = presetOptions(preset(), static_cast<FigureFormat>(format_->currentData().toInt()), custom_);
  o.layerCursor = cursor_->isChecked();
  return o;
}

bool ExportDialog::withCsv() const { return csv_ && csv_->isChecked(); }

}  // namespace laminar
