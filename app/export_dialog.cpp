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
  form->addRow(tr("Format:"), format_);
  form->addRow(tr("Width:"), width_);
  form->addRow(tr("Height:"), height_);
  form->addRow(tr("Resolution (PNG):"), dpi_);
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
  width_->setValue(s.value(QStringLiteral("export/width"), 1600).toInt());
  height_->setValue(s.value(QStringLiteral("export/height"), 1000).toInt());
  dpi_->setValue(s.value(QStringLiteral("export/dpi"), 150).toDouble());
  if (csv_) csv_->setChecked(s.value(QStringLiteral("export/csv"), true).toBool());
  connect(this, &QDialog::accepted, this, [this] {
    QSettings s;
    s.setValue(QStringLiteral("export/format"), format_->currentIndex());
    s.setValue(QStringLiteral("export/width"), width_->value());
    s.setValue(QStringLiteral("export/height"), height_->value());
    s.setValue(QStringLiteral("export/dpi"), dpi_->value());
    if (csv_) s.setValue(QStringLiteral("export/csv"), csv_->isChecked());
  });
}

FigureExportOptions ExportDialog::options() const {
  FigureExportOptions o;
  o.format = static_cast<FigureFormat>(format_->currentData().toInt());
  o.width = width_->value();
  o.height = height_->value();
  o.dpi = dpi_->value();
  return o;
}

bool ExportDialog::withCsv() const { return csv_ && csv_->isChecked(); }

}  // namespace laminar
