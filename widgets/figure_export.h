#pragma once
// Writing a view to disk: PNG (chosen pixel size and dpi), PDF and SVG (vector, fonts
// embedded/named so diacritics survive), and the data behind it as CSV. Numbers in exported
// figures and files use the C locale. Every file appears complete or not at all.
#include <QString>
#include <QStringList>

#include <vector>

namespace laminar {

class FigureView;

enum class FigureFormat { Png, Pdf, Svg };

struct FigureExportOptions {
  FigureFormat format = FigureFormat::Png;
  int width = 1200;   // pixels (PNG) or drawing units (PDF/SVG: 1/96 inch)
  int height = 800;
  double dpi = 150;   // PNG resolution written into the file; PNG scale = dpi / 96
};

QString formatSuffix(FigureFormat format);  // "png", "pdf", "svg"
bool formatFromSuffix(const QString& suffix, FigureFormat* format);

// Throws std::runtime_error with a translated, complete message on failure.
void exportFigure(FigureView& view, const QString& path, const FigureExportOptions& options);
void exportCsv(const FigureView& view, const QString& path);
// Creates dir (and parents) or throws laminar::Error naming it.
void makeExportFolder(const QString& dir);
// Every view with data, as <dir>/<figureId>.<suffix> (+ .csv when withCsv). Returns the
// files written.
QStringList exportAll(const std::vector<FigureView*>& views, const QString& dir, const FigureExportOptions& options,
                      bool withCsv);

}  // namespace laminar
