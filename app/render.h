#pragma once
// `laminar --render RESULTS_DIR --out DIR [--lang vi|en] [--preset slide|publication-single|
// publication-double] [--cursor]`: every figure of a saved results directory, in every
// selection its view offers (FigureView::variantKeys), as PNG, PDF and SVG, plus the data
// behind each view as CSV, without a display. Figures carry their provenance (figure_export.h).
#include <QString>
#include <QStringList>

#include "widgets/figure_export.h"

namespace laminar {

struct RenderOptions {
  QString resultsDir;
  QString outDir;
  int width = 1400, height = 900;
  double dpi = 150;
  ExportPreset preset = ExportPreset::Custom;  // a preset's size replaces width, height and dpi
  bool layerCursor = false;                    // draw the cursor line (at the last layer)
};

// Returns the files written; throws laminar::Error (message in the interface language).
QStringList renderResults(const RenderOptions& options);

}  // namespace laminar
