#include "app/render.h"

#include <QCoreApplication>
#include <QDir>
#include <QWidget>

#include "app/core_messages.h"
#include "app/figure_set.h"
#include "util/error.h"
#include "widgets/figure_view.h"
#include "widgets/layer_cursor.h"

namespace laminar {

QStringList renderResults(const RenderOptions& options) {
  ResultsPtr results;
  try {
    results = std::make_shared<const RunResults>(loadResults(options.resultsDir.toStdString()));
  } catch (const std::exception& e) {
    throw Error(CoreMessages::translate(e).toStdString());
  }
  QWidget host;  // parent of the views; never shown
  FigureSet figures(&host);
  for (FigureView* v : figures.views()) v->resize(options.width, options.height);
  figures.setResults(results);
  QStringList written;
  // Per-layer views show the last layer: the deepest one, where a run ends.
  figures.cursor()->setLayer(figures.cursor()->count() - 1);
  makeExportFolder(options.outDir);
  const QDir out(options.outDir);
  for (FigureView* view : figures.viewsFor(*results)) {
    if (!view->hasData()) continue;
    // Every selection the view offers (each statistic, each spectrum block...), so a report
    // holds what a user could click to; the CSV already covers them all.
    const QStringList keys = view->variantKeys();
    for (int i = 0; i < keys.size(); ++i) {
      view->selectVariant(i);
      const QString stem = out.filePath(view->figureId() + (keys[i].isEmpty() ? QString() : QLatin1Char('-') + keys[i]));
      for (FigureFormat format : {FigureFormat::Png, FigureFormat::Pdf, FigureFormat::Svg}) {
        FigureExportOptions custom;
        custom.width = options.width;
        custom.height = options.height;
        custom.dpi = options.dpi;
        FigureExportOptions o = presetOptions(options.preset, format, custom);
        o.layerCursor = options.layerCursor;
        const QString file = stem + QLatin1Char('.') + formatSuffix(format);
        exportFigure(*view, file, o);
        written << file;
      }
    }
    view->selectVariant(0);  // the CSV of the run itself (a toggled control has its own folder's files)
    const QString csv = out.filePath(view->figureId() + QStringLiteral(".csv"));
    exportCsv(*view, csv);
    written << csv;
  }
  return written;
}

}  // namespace laminar
