#include "widgets/figure_export.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QSaveFile>
#include <QSvgGenerator>
#include <QTextStream>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "util/error.h"
#include "widgets/figure_view.h"

namespace laminar {
namespace {

class FigureExport {
  Q_DECLARE_TR_FUNCTIONS(laminar::FigureExport)
 public:
  static QString cannotWrite(const QString& path, const QString& why) {
    return tr("%1: cannot write the file (%2)").arg(QDir::toNativeSeparators(path), why);
  }
  static QString noData(const QString& path) {
    return tr("%1: the view has no results to export yet").arg(QDir::toNativeSeparators(path));
  }
};

// Tick labels in the C locale while exporting; the screen keeps the user's locale.
class CLocaleScope {
 public:
  explicit CLocaleScope(FigureView& view) : view_(view), saved_(view.plot()->locale()) {
    view_.setNumberLocale(QLocale::c());
    view_.plot()->replot(QCustomPlot::rpImmediateRefresh);
  }
  ~CLocaleScope() { view_.setNumberLocale(saved_); }

 private:
  FigureView& view_;
  QLocale saved_;
};

void commit(QSaveFile& file, const QString& path) {
  if (!file.commit()) throw Error(FigureExport::cannotWrite(path, file.errorString()).toStdString());
}

}  // namespace

QString formatSuffix(FigureFormat format) {
  switch (format) {
    case FigureFormat::Png: return QStringLiteral("png");
    case FigureFormat::Pdf: return QStringLiteral("pdf");
    case FigureFormat::Svg: return QStringLiteral("svg");
  }
  return {};
}

bool formatFromSuffix(const QString& suffix, FigureFormat* format) {
  const QString s = suffix.toLower();
  if (s == QLatin1String("png")) *format = FigureFormat::Png;
  else if (s == QLatin1String("pdf")) *format = FigureFormat::Pdf;
  else if (s == QLatin1String("svg")) *format = FigureFormat::Svg;
  else return false;
  return true;
}

void exportFigure(FigureView& view, const QString& path, const FigureExportOptions& options) {
  // Exporting draws a view that may never have been shown: not lazy while we do.
  struct LazyScope {
    FigureView& v;
    bool was;
    ~LazyScope() { v.setLazy(was); }
  } lazyScope{view, view.lazy()};
  view.setLazy(false);
  view.ensureUpToDate();
  if (!view.hasData()) throw Error(FigureExport::noData(path).toStdString());
  CLocaleScope cLocale(view);
  QCustomPlot* plot = view.plot();
  const int w = std::max(64, options.width);
  const int h = std::max(64, options.height);
  switch (options.format) {
    case FigureFormat::Png: {
      const double scale = std::max(0.25, options.dpi / 96.0);
      QImage image = plot->toPixmap(w, h, scale).toImage();
      const int dotsPerMeter = static_cast<int>(options.dpi / 0.0254 + 0.5);
      image.setDotsPerMeterX(dotsPerMeter);
      image.setDotsPerMeterY(dotsPerMeter);
      QSaveFile file(path);
      if (!file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG"))
        throw Error(FigureExport::cannotWrite(path, file.errorString()).toStdString());
      commit(file, path);
      break;
    }
    case FigureFormat::Svg: {
      QSaveFile file(path);
      if (!file.open(QIODevice::WriteOnly)) throw Error(FigureExport::cannotWrite(path, file.errorString()).toStdString());
      QSvgGenerator generator;
      generator.setOutputDevice(&file);
      generator.setSize(QSize(w, h));
      generator.setViewBox(QRect(0, 0, w, h));
      generator.setResolution(96);
      generator.setTitle(view.title().toHtmlEscaped());  // QSvgGenerator writes them unescaped
      generator.setDescription(view.caption().toHtmlEscaped());
      QCPPainter painter;
      if (!painter.begin(&generator)) throw Error(FigureExport::cannotWrite(path, QStringLiteral("SVG")).toStdString());
      plot->toPainter(&painter, w, h);
      painter.end();
      commit(file, path);
      break;
    }
    case FigureFormat::Pdf: {
      // QCustomPlot writes the PDF by name: write beside the target, then rename over it.
      const QFileInfo info(path);
      const QString temp = info.dir().filePath(QStringLiteral(".%1.tmp-%2.pdf")
                                                   .arg(info.fileName())
                                                   .arg(QCoreApplication::applicationPid()));
      if (!plot->savePdf(temp, w, h, QCP::epNoCosmetic, QStringLiteral("Laminar"), view.title())) {
        QFile::remove(temp);
        throw Error(FigureExport::cannotWrite(path, QStringLiteral("PDF")).toStdString());
      }
      if (std::rename(QFile::encodeName(temp).constData(), QFile::encodeName(path).constData()) != 0) {
        QFile::remove(temp);
        throw Error(FigureExport::cannotWrite(path, QString::fromLocal8Bit(std::strerror(errno))).toStdString());
      }
      break;
    }
  }
}

void exportCsv(const FigureView& view, const QString& path) {
  auto& v = const_cast<FigureView&>(view);  // CSV reads the results, but a stale view rebuilds first
  const bool wasLazy = v.lazy();
  v.setLazy(false);
  v.ensureUpToDate();
  v.setLazy(wasLazy);
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
    throw Error(FigureExport::cannotWrite(path, file.errorString()).toStdString());
  {
    QTextStream out(&file);
    out.setEncoding(QStringConverter::Utf8);
    out.setLocale(QLocale::c());
    view.writeCsv(out);
    out.flush();
  }
  commit(file, path);
}

void makeExportFolder(const QString& dir) {
  if (!QDir().mkpath(dir)) throw Error(FigureExport::cannotWrite(dir, QStringLiteral("mkdir")).toStdString());
}

QStringList exportAll(const std::vector<FigureView*>& views, const QString& dir, const FigureExportOptions& options,
                      bool withCsv) {
  QStringList written;
  makeExportFolder(dir);
  for (FigureView* view : views) {
    if (!view->hasData()) continue;
    const QString stem = QDir(dir).filePath(view->figureId());
    const QString figure = stem + QLatin1Char('.') + formatSuffix(options.format);
    exportFigure(*view, figure, options);
    written << figure;
    if (withCsv) {
      exportCsv(*view, stem + QStringLiteral(".csv"));
      written << stem + QStringLiteral(".csv");
    }
  }
  return written;
}

}  // namespace laminar
