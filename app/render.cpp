#include "app/render.h"

#include <QCoreApplication>
#include <QDir>
#include <QWidget>

#include "app/core_messages.h"
#include "app/figure_set.h"
#include "util/error.h"
#include "widgets/figure_export.h"
#include "widgets/figure_view.h"
#include "widgets/layer_cursor.h"

namespace laminar {

QStringList renderResults(const RenderOptions& options) {
  ResultsPtr results;
  try {
    results = std::make_shared<const RunResults>(loadResults(options.resultsDir.toStdString()));
  } catch (const std::exception& e) {
    throw Error(CoreMessages::translate(std::string(e.what())).toStdString());
  }
  QWidget host;  // parent of the views; never shown
  FigureSet figures(&host);
  for (FigureView* v : figures.views()) v->resize(options.width, options.height);
  figures.setResults(results);
  QStringList written;
  // Per-layer views show the last layer: the deepest one, where a run ends.
  figures.cursor()->setLayer(figures.cursor()->count() - 1);
  const auto views = figures.viewsFor(*results);
  for (FigureFormat format : {FigureFormat::Png, FigureFormat::Pdf, FigureFormat::Svg}) {
    FigureExportOptions o;
    o.format = format;
    o.width = options.width;
    o.height = options.height;
    o.dpi = options.dpi;
    written += exportAll(views, options.outDir, o, format == FigureFormat::Png);
  }
  return written;
}

}  // namespace laminar
