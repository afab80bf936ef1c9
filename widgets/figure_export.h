#pragma once
// Writing a view to disk: PNG (chosen pixel size and dpi), PDF and SVG (vector, fonts
// embedded/named so diacritics survive, heatmaps as vector cells), and the data behind it as
// CSV. Numbers in exported figures and files use the C locale. Every file appears complete or
// not at all, and every figure carries its provenance (model and weight checksum, sentence
// file and checksum, settings, versions, dates) in its metadata; figures of untrained or
// synthetic models also carry a visible stamp.
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <vector>

#include "analysis/run_results.h"

namespace laminar {

class FigureView;

enum class FigureFormat { Png, Pdf, Svg };

// Ready-made page sizes: a 16:9 slide with large type and the caption, and journal columns at
// their physical width with 8-9 pt type. Custom keeps the user's width, height and dpi.
enum class ExportPreset { Custom, Slide, PublicationSingle, PublicationDouble };

struct FigureExportOptions {
  FigureFormat format = FigureFormat::Png;
  int width = 1200;   // drawing units: 1/96 inch (PNG pixels at 96 dpi; PDF/SVG physical size)
  int height = 800;
  double dpi = 150;   // PNG resolution written into the file; PNG scale = dpi / 96
  double typeScale = 1.0;     // every font and pen of the figure, x the on-screen 9-11 pt
  bool caption = false;       // the view's caption below the figure
  bool layerCursor = false;   // the layer cursor's line (the screen's "you are here")
};

QString formatSuffix(FigureFormat format);  // "png", "pdf", "svg"
bool formatFromSuffix(const QString& suffix, FigureFormat* format);

QList<ExportPreset> allPresets();
QString presetKey(ExportPreset preset);   // "custom", "slide", "publication-single", "publication-double"
bool presetFromKey(const QString& key, ExportPreset* preset);
QString presetName(ExportPreset preset);  // translated, for the export dialog
// The options of a preset for a format; Custom returns `custom` unchanged. The cursor line
// choice is the caller's in every preset.
FigureExportOptions presetOptions(ExportPreset preset, FigureFormat format, const FigureExportOptions& custom = {});

// Where a figure came from, as (key, value) pairs with stable English keys ("Model",
// "Model SHA-256", "Sentences", "Sentences SHA-256", "Settings", "Software", "Run created",
// "Exported"); `untrained`: random weights (a synthetic model or an untrained twin).
struct FigureProvenance {
  QList<QPair<QString, QString>> fields;
  bool untrained = false;
  QString value(const QString& key) const;
  QString text() const;  // "Key: value" lines
};
FigureProvenance figureProvenance(const RunResults& results);
QString untrainedStamp();  // the visible mark, translated

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
