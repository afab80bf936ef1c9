#pragma once
// Asks for the preset (slide, publication column, or a custom size), format, size and
// resolution of a figure export, and whether the caption and the layer cursor's line go into
// it (all remembered in QSettings).
#include <QDialog>

#include "widgets/figure_export.h"

class QComboBox;
class QDoubleSpinBox;
class QSpinBox;
class QCheckBox;

namespace laminar {

class ExportDialog : public QDialog {
  Q_OBJECT
 public:
  // withCsvOption: show "also export the data as CSV" (export all figures)
  ExportDialog(QWidget* parent, bool withCsvOption);
  FigureExportOptions options() const;
  ExportPreset preset() const;
  bool withCsv() const;
  QComboBox* presetBox() const { return preset_; }

 private:
  void showPreset();  // a preset's size in the (then read-only) size fields

  QComboBox* preset_;
  QComboBox* format_;
  QSpinBox* width_;
  QSpinBox* height_;
  QDoubleSpinBox* dpi_;
  QCheckBox* caption_;
  QCheckBox* cursor_;
  QCheckBox* csv_ = nullptr;
  FigureExportOptions custom_;  // the user's own size, kept while a preset is shown
};

}  // namespace laminar
