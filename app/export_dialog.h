#pragma once
// Asks for the format, size and resolution of a figure export (remembered in QSettings).
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
  bool withCsv() const;

 private:
  QComboBox* format_;
  QSpinBox* width_;
  QSpinBox* height_;
  QDoubleSpinBox* dpi_;
  QCheckBox* csv_ = nullptr;
};

}  // namespace laminar
