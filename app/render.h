#pragma once
// `laminar --render RESULTS_DIR --out DIR [--lang vi|en]`: every figure of a saved results
// directory, in every selection its view offers (FigureView::variantKeys), as PNG, PDF and
// SVG, plus the data behind each view as CSV, without a display.
#include <QString>
#include <QStringList>

namespace laminar {

struct RenderOptions {
  QString resultsDir;
  QString outDir;
  int width = 1400, height = 900;
  double dpi = 150;
};

// Returns the files written; throws laminar::Error (message in the interface language).
QStringList renderResults(const RenderOptions& options);

}  // namespace laminar
