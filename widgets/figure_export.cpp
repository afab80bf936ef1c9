#include "widgets/figure_export.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QBuffer>
#include <QDateTime>
#include <QFontMetricsF>
#include <QPageSize>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSvgGenerator>
#include <QTextStream>

#include <cmath>
#include <memory>

#include "util/error.h"
#include "widgets/figure_view.h"
#include "widgets/result_labels.h"
#include "widgets/plot_style.h"

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
  static QString stamp() {
    return tr("UNTRAINED MODEL (random weights): nothing here was learned from language");
  }
  static QString preset(ExportPreset p) {
    switch (p) {
      case ExportPreset::Custom: return tr("Custom size");
      case ExportPreset::Slide: return tr("Slide (16:9, large type, caption)");
      case ExportPreset::PublicationSingle: return tr("Publication, single column (8.5 cm)");
      case ExportPreset::PublicationDouble: return tr("Publication, double column (17.5 cm)");
    }
    return {};
  }
};

constexpr double kUnitsPerMm = 96.0 / 25.4;  // drawing units are 1/96 inch
// Above this many cells a heatmap is exported as one sharp high-resolution image (each cell
// a block of identical pixels) instead of one rectangle per cell: a 1,000-text similarity
// matrix would otherwise make a PDF of a million rectangles.
constexpr int kMaxVectorCells = 40000;
constexpr int kCellImageSide = 2400;  // pixels along the longer side of such an image

// The view as an export draws it: not lazy, the preset's type scale, the cursor line only when
// asked. Numbers keep the view's locale: one number format per language, as the labels around
// them ("0,09" under Vietnamese labels; CSV files stay C-locale). Everything goes back afterwards.
class ExportScope {
 public:
  ExportScope(FigureView& view, const FigureExportOptions& o)
      : view_(view), lazy_(view.lazy()), scale_(view.presentationScale()),
        cursor_(view.layerCursorShown()) {
    view_.setLazy(false);
    view_.ensureUpToDate();
    view_.setLayerCursorShown(o.layerCursor);
    view_.setPresentationScale(o.typeScale);
  }
  ~ExportScope() {
    view_.setLazy(lazy_);  // first: a hidden lazy view only notes that it is stale
    view_.setLayerCursorShown(cursor_);
    view_.setPresentationScale(scale_);
    view_.fitTextTo(0);  // the export fitted the text to its own width
  }
  ExportScope(const ExportScope&) = delete;
  ExportScope& operator=(const ExportScope&) = delete;

 private:
  FigureView& view_;
  bool lazy_;
  double scale_;
  bool cursor_;
};

// A heatmap drawn as what it is, one filled rectangle per cell, for PDF and SVG: QCustomPlot
// embeds its colour maps as small bitmaps that viewers smooth into a blur.
class VectorCells : public QCPLayerable {
 public:
  explicit VectorCells(QCPColorMap* map) : QCPLayerable(map->parentPlot()), map_(map) {
    moveToLayer(map->layer(), true);  // where the map was: under anything drawn over it
  }

 protected:
  void applyDefaultAntialiasingHint(QCPPainter* painter) const override { painter->setAntialiasing(false); }
  QRect clipRect() const override { return map_->keyAxis()->axisRect()->rect(); }
  void draw(QCPPainter* painter) override {
    QCPColorMapData* data = map_->data();
    const int nk = data->keySize(), nv = data->valueSize();
    if (nk <= 0 || nv <= 0) return;
    const QCPRange kr = data->keyRange(), vr = data->valueRange();
    const double hk = nk > 1 ? 0.5 * (kr.upper - kr.lower) / (nk - 1) : 0.5;
    const double hv = nv > 1 ? 0.5 * (vr.upper - vr.lower) / (nv - 1) : 0.5;
    QCPColorGradient gradient = map_->gradient();
    const QCPRange range = map_->dataRange();
    const bool log = map_->dataScaleType() == QCPAxis::stLogarithmic;
    auto colour = [&](int i, int j) {
      const double v = data->cell(i, j);
      QRgb rgb = 0;
      gradient.colorize(&v, range, &rgb, 1, 1, log);
      return QColor::fromRgba(qUnpremultiply(rgb));
    };
    const bool horizontal = map_->keyAxis()->orientation() == Qt::Horizontal;
    if (static_cast<long>(nk) * nv > kMaxVectorCells && horizontal) {
      QImage cells(nk, nv, QImage::Format_ARGB32);
      for (int j = 0; j < nv; ++j)
        for (int i = 0; i < nk; ++i) cells.setPixelColor(i, j, colour(i, j));
      const int factor = std::max(1, kCellImageSide / std::max(nk, nv));
      const QImage sharp = cells.scaled(nk * factor, nv * factor, Qt::IgnoreAspectRatio, Qt::FastTransformation)
                               .mirrored(map_->keyAxis()->rangeReversed(), !map_->valueAxis()->rangeReversed());
      const QRectF target = QRectF(map_->coordsToPixels(kr.lower - hk, vr.lower - hv),
                                   map_->coordsToPixels(kr.upper + hk, vr.upper + hv)).normalized();
      painter->drawImage(target, sharp);
      return;
    }
    painter->setPen(Qt::NoPen);
    for (int i = 0; i < nk; ++i) {
      for (int j = 0; j < nv; ++j) {
        double key = 0, value = 0;
        data->cellToCoord(i, j, &key, &value);
        QRectF r = QRectF(map_->coordsToPixels(key - hk, value - hv), map_->coordsToPixels(key + hk, value + hv)).normalized();
        // A quarter unit of overlap with the next cell: viewers' anti-aliasing otherwise shows
        // hairline seams between touching rectangles.
        r.adjust(0, 0, 0.25, 0.25);
        painter->fillRect(r, colour(i, j));
      }
    }
  }

 private:
  QCPColorMap* map_;
};

// While a vector export draws, every visible colour map is replaced by its cells.
class VectorCellsScope {
 public:
  explicit VectorCellsScope(QCustomPlot* plot) {
    for (int i = 0; i < plot->plottableCount(); ++i) {
      auto* map = qobject_cast<QCPColorMap*>(plot->plottable(i));
      if (!map || !map->visible() || !map->keyAxis() || !map->valueAxis()) continue;
      cells_.push_back(std::make_unique<VectorCells>(map));
      map->setVisible(false);
      maps_.push_back(map);
    }
  }
  ~VectorCellsScope() {
    cells_.clear();
    for (QCPColorMap* m : maps_) m->setVisible(true);
  }

 private:
  std::vector<std::unique_ptr<VectorCells>> cells_;
  std::vector<QCPColorMap*> maps_;
};

void commit(QSaveFile& file, const QString& path) {
  if (!file.commit()) throw Error(FigureExport::cannotWrite(path, file.errorString()).toStdString());
}

QString jsonString(const nlohmann::json& object, const char* key) {
  if (!object.is_object()) return {};
  const auto it = object.find(key);
  if (it == object.end()) return {};
  return it->is_string() ? QString::fromStdString(it->get<std::string>()) : QString::fromStdString(it->dump());
}

// Everything drawn into one w x h rectangle at the origin: the untrained stamp on top, the
// plot, the caption below.
void paintFigure(QCPPainter& painter, FigureView& view, int w, int h, const FigureExportOptions& o,
                 const FigureProvenance& provenance) {
  const double margin = 6 * o.typeScale;
  const QRectF textArea(margin, 0, w - 2 * margin, 1e6);
  int top = 0;  // the stamp wraps on a narrow journal column rather than being cut
  const QFont stampFont = plotstyle::font(9 * o.typeScale, true);
  if (provenance.untrained) {
    const QFontMetricsF metrics(stampFont, painter.device());
    top = static_cast<int>(std::ceil(metrics.boundingRect(textArea, Qt::TextWordWrap | Qt::AlignHCenter, untrainedStamp()).height() +
                                     0.6 * metrics.height()));
  }
  const QString caption = o.caption ? view.caption() : QString();
  const QFont captionFont = plotstyle::font(9 * o.typeScale);
  int bottom = 0;
  if (!caption.isEmpty())
    bottom = static_cast<int>(std::ceil(QFontMetricsF(captionFont, painter.device())
                                            .boundingRect(textArea, Qt::TextWordWrap, caption)
                                            .height() + 2 * margin));
  const int plotHeight = std::max(64, h - top - bottom);
  painter.fillRect(QRectF(0, 0, w, h), Qt::white);
  painter.save();
  painter.translate(0, top);
  view.plot()->toPainter(&painter, w, plotHeight);
  painter.restore();
  if (top > 0) {
    painter.save();
    painter.fillRect(QRectF(0, 0, w, top), QColor(176, 42, 55));
    painter.setPen(Qt::white);
    painter.setFont(stampFont);
    painter.drawText(QRectF(margin, 0, w - 2 * margin, top), Qt::AlignCenter | Qt::TextWordWrap, untrainedStamp());
    painter.restore();
  }
  if (bottom > 0) {
    painter.save();
    painter.setPen(QColor(60, 60, 60));
    painter.setFont(captionFont);
    painter.drawText(QRectF(margin, top + plotHeight + margin, w - 2 * margin, bottom), Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop,
                     caption);
    painter.restore();
  }
}

QString xmlEscaped(const QString& s) { return s.toHtmlEscaped(); }

// XMP for the PDF: the title, the provenance as a description, and one laminar: property a field.
QByteArray xmpPacket(const QString& title, const FigureProvenance& provenance) {
  QString fields;
  for (const auto& [key, value] : provenance.fields) {
    QString name;  // "Model SHA-256" -> ModelSHA256, "Run created" -> RunCreated
    for (const QString& word : key.split(QRegularExpression(QStringLiteral("[ -]")), Qt::SkipEmptyParts))
      name += word.left(1).toUpper() + word.mid(1);
    fields += QStringLiteral("   <laminar:%1>%2</laminar:%1>\n").arg(name, xmlEscaped(value));
  }
  const QString xmp = QStringLiteral(
      "<?xpacket begin='\uFEFF' id='W5M0MpCehiHzreSzNTczkc9d'?>\n"
      "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
      " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
      "  <rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
      "xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" "
      "xmlns:laminar=\"urn:laminar:provenance:1\">\n"
      "   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">%1</rdf:li></rdf:Alt></dc:title>\n"
      "   <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">%2</rdf:li></rdf:Alt></dc:description>\n"
      "   <xmp:CreatorTool>%3</xmp:CreatorTool>\n"
      "%4"
      "  </rdf:Description>\n"
      " </rdf:RDF>\n"
      "</x:xmpmeta>\n"
      "<?xpacket end='w'?>")
                          .arg(xmlEscaped(title), xmlEscaped(provenance.text()), xmlEscaped(provenance.value(QStringLiteral("Software"))), fields);
  return xmp.toUtf8();
}

// QSvgGenerator writes <title> and <desc> only: the provenance goes into <metadata> too.
QByteArray withSvgMetadata(QByteArray svg, const FigureProvenance& provenance) {
  QString block = QStringLiteral("<metadata>\n<laminar:provenance xmlns:laminar=\"urn:laminar:provenance:1\">\n");
  for (const auto& [key, value] : provenance.fields)
    block += QStringLiteral("<laminar:field name=\"%1\">%2</laminar:field>\n").arg(xmlEscaped(key), xmlEscaped(value));
  block += QStringLiteral("</laminar:provenance>\n</metadata>\n");
  int at = svg.indexOf("</desc>");
  if (at >= 0) {
    at += 7;
  } else {
    at = svg.indexOf("<svg");
    at = at < 0 ? -1 : svg.indexOf('>', at) + 1;
  }
  if (at > 0) svg.insert(at, "\n" + block.toUtf8());
  return svg;
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

QList<ExportPreset> allPresets() {
  return {ExportPreset::Custom, ExportPreset::Slide, ExportPreset::PublicationSingle, ExportPreset::PublicationDouble};
}

QString presetKey(ExportPreset preset) {
  switch (preset) {
    case ExportPreset::Custom: return QStringLiteral("custom");
    case ExportPreset::Slide: return QStringLiteral("slide");
    case ExportPreset::PublicationSingle: return QStringLiteral("publication-single");
    case ExportPreset::PublicationDouble: return QStringLiteral("publication-double");
  }
  return {};
}

bool presetFromKey(const QString& key, ExportPreset* preset) {
  for (ExportPreset p : allPresets())
    if (presetKey(p) == key) {
      *preset = p;
      return true;
    }
  return false;
}

QString presetName(ExportPreset preset) { return FigureExport::preset(preset); }

FigureExportOptions presetOptions(ExportPreset preset, FigureFormat format, const FigureExportOptions& custom) {
  FigureExportOptions o = custom;
  o.format = format;
  switch (preset) {
    case ExportPreset::Custom: break;
    case ExportPreset::Slide:
      // 13.33 x 7.5 in, the 16:9 slide of presentation programs; 14-18 pt type reads from the
      // back of a lecture hall; the caption says what the audience is looking at.
      o.width = 1280;
      o.height = 720;
      o.dpi = 144;  // PNG: 1920 x 1080
      o.typeScale = 1.6;
      o.caption = true;
      break;
    case ExportPreset::PublicationSingle:
    case ExportPreset::PublicationDouble: {
      // Journal columns at their printed size: 8.5 cm and 17.5 cm wide, tick labels and
      // legends 8 pt, axis labels 9 pt; the caption is the journal's, not part of the figure.
      const bool single = preset == ExportPreset::PublicationSingle;
      o.width = static_cast<int>(std::lround((single ? 85.0 : 175.0) * kUnitsPerMm));
      o.height = static_cast<int>(std::lround((single ? 65.0 : 100.0) * kUnitsPerMm));
      o.dpi = 600;
      o.typeScale = 0.9;
      o.caption = false;
      break;
    }
  }
  return o;
}

QString FigureProvenance::value(const QString& key) const {
  for (const auto& [k, v] : fields)
    if (k == key) return v;
  return {};
}

QString FigureProvenance::text() const {
  QStringList lines;
  for (const auto& [k, v] : fields) lines << k + QStringLiteral(": ") + v;
  return lines.join(QLatin1Char('\n'));
}

QString untrainedStamp() { return FigureExport::stamp(); }

FigureProvenance figureProvenance(const RunResults& results) {
  FigureProvenance p;
  const nlohmann::json& meta = results.metadata;
  const nlohmann::json model = meta.is_object() && meta.contains("model") ? meta.at("model") : nlohmann::json::object();
  const nlohmann::json sentences = meta.is_object() && meta.contains("sentences") ? meta.at("sentences") : nlohmann::json::object();
  p.untrained = model.is_object() && model.contains("synthetic") && model.at("synthetic").is_boolean() && model.at("synthetic").get<bool>();
  const QString unknown = QStringLiteral("(not recorded)");
  QString name = Labels::modelName(jsonString(model, "directory"));
  if (name.isEmpty()) name = unknown;
  const QString shape = jsonString(model, "shape");
  if (!shape.isEmpty()) name += QStringLiteral(" (shape %1)").arg(shape);
  if (p.untrained) name += QStringLiteral(", untrained: random weights");
  p.fields << qMakePair(QStringLiteral("Model"), name);
  QStringList sums;
  if (model.is_object() && model.contains("weightFiles") && model.at("weightFiles").is_array())
    for (const auto& f : model.at("weightFiles")) {
      const QString sha = jsonString(f, "sha256");
      sums << jsonString(f, "file") + QLatin1Char(' ') + (sha.isEmpty() ? QStringLiteral("(checksum not computed yet)") : sha);
    }
  p.fields << qMakePair(QStringLiteral("Model SHA-256"), sums.isEmpty() ? unknown : sums.join(QStringLiteral("; ")));
  const QString file = QFileInfo(jsonString(sentences, "file")).fileName();
  p.fields << qMakePair(QStringLiteral("Sentences"), file.isEmpty() ? unknown : file);
  const QString sentencesSha = jsonString(sentences, "sha256");
  p.fields << qMakePair(QStringLiteral("Sentences SHA-256"), sentencesSha.isEmpty() ? unknown : sentencesSha);
  p.fields << qMakePair(QStringLiteral("Experiment"), QString::fromStdString(results.experiment));
  const QString settings = meta.is_object() && meta.contains("settings") ? QString::fromStdString(meta.at("settings").dump()) : QString();
  p.fields << qMakePair(QStringLiteral("Settings"), settings.isEmpty() ? unknown : settings);
  QString software = QStringLiteral("Laminar ") + (jsonString(meta, "appVersion").isEmpty() ? unknown : jsonString(meta, "appVersion"));
  if (!jsonString(meta, "torchVersion").isEmpty()) software += QStringLiteral(", libtorch ") + jsonString(meta, "torchVersion");
  p.fields << qMakePair(QStringLiteral("Software"), software);
  if (!QCoreApplication::applicationVersion().isEmpty())
    p.fields << qMakePair(QStringLiteral("Exported by"), QStringLiteral("Laminar ") + QCoreApplication::applicationVersion());
  const QString created = jsonString(meta, "created");
  p.fields << qMakePair(QStringLiteral("Run created"), created.isEmpty() ? unknown : created);
  p.fields << qMakePair(QStringLiteral("Exported"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
  if (results.layersDone < results.nLayer)
    p.fields << qMakePair(QStringLiteral("Layers"), QStringLiteral("%1 of %2 (run not finished)").arg(results.layersDone).arg(results.nLayer));
  return p;
}

namespace {

// Writes the whole export at once: QSaveFile leaves an earlier file at `path` as it was when
// anything fails, and never a half-written one.
void saveExport(const QString& path, const QByteArray& bytes) {
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly) || file.write(bytes) < 0)
    throw Error(FigureExport::cannotWrite(path, file.errorString()).toStdString());
  commit(file, path);
}

// A raster at options.dpi, with the title, caption and provenance as PNG text chunks.
QByteArray pngBytes(FigureView& view, int w, int h, const FigureExportOptions& options,
                    const FigureProvenance& provenance, const QString& path) {
  const double scale = std::max(0.25, options.dpi / 96.0);
  QImage image(static_cast<int>(std::lround(w * scale)), static_cast<int>(std::lround(h * scale)),
               QImage::Format_ARGB32_Premultiplied);
  image.fill(Qt::white);
  {
    QCPPainter painter(&image);
    painter.setMode(QCPPainter::pmNoCaching);
    if (scale > 1.0) painter.setMode(QCPPainter::pmNonCosmetic);
    painter.scale(scale, scale);
    paintFigure(painter, view, w, h, options, provenance);
  }
  const int dotsPerMeter = static_cast<int>(options.dpi / 0.0254 + 0.5);
  image.setDotsPerMeterX(dotsPerMeter);
  image.setDotsPerMeterY(dotsPerMeter);
  image.setText(QStringLiteral("Title"), view.title());
  image.setText(QStringLiteral("Description"), view.caption());
  image.setText(QStringLiteral("Creation Time"), provenance.value(QStringLiteral("Exported")));
  for (const auto& [key, value] : provenance.fields) image.setText(key, value);
  QBuffer buffer;
  buffer.open(QIODevice::WriteOnly);
  if (!image.save(&buffer, "PNG")) throw Error(FigureExport::cannotWrite(path, QStringLiteral("PNG")).toStdString());
  return buffer.data();
}

// Vector output: heat maps as cells (VectorCellsScope), not an embedded raster.
QByteArray svgBytes(FigureView& view, int w, int h, const FigureExportOptions& options,
                    const FigureProvenance& provenance, const QString& path) {
  QBuffer buffer;
  buffer.open(QIODevice::WriteOnly);
  QSvgGenerator generator;
  generator.setOutputDevice(&buffer);
  generator.setSize(QSize(w, h));
  generator.setViewBox(QRect(0, 0, w, h));
  generator.setResolution(96);
  generator.setTitle(view.title().toHtmlEscaped());  // QSvgGenerator writes them unescaped
  generator.setDescription((view.caption() + QLatin1Char('\n') + provenance.text()).toHtmlEscaped());
  {
    VectorCellsScope cells(view.plot());
    QCPPainter painter;
    if (!painter.begin(&generator)) throw Error(FigureExport::cannotWrite(path, QStringLiteral("SVG")).toStdString());
    painter.setMode(QCPPainter::pmVectorized);
    painter.setMode(QCPPainter::pmNoCaching);
    paintFigure(painter, view, w, h, options, provenance);
    painter.end();
  }
  return withSvgMetadata(buffer.data(), provenance);
}

// A page of exactly the figure's size, with the provenance in its XMP metadata.
QByteArray pdfBytes(FigureView& view, int w, int h, const FigureExportOptions& options,
                    const FigureProvenance& provenance, const QString& path) {
  QBuffer buffer;
  buffer.open(QIODevice::WriteOnly);
  {
    QPdfWriter writer(&buffer);
    writer.setResolution(96);
    writer.setPageSize(QPageSize(QSizeF(w / kUnitsPerMm, h / kUnitsPerMm), QPageSize::Millimeter, QString(),
                                 QPageSize::ExactMatch));
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
    const QString title = view.title();
    const QString model = provenance.value(QStringLiteral("Model"));
    const QString sentences = provenance.value(QStringLiteral("Sentences"));
    writer.setTitle(QStringLiteral("%1 — %2, %3").arg(title, model, sentences));
    writer.setCreator(provenance.value(QStringLiteral("Software")));
    writer.setDocumentXmpMetadata(xmpPacket(title, provenance));
    VectorCellsScope cells(view.plot());
    QCPPainter painter;
    if (!painter.begin(&writer)) throw Error(FigureExport::cannotWrite(path, QStringLiteral("PDF")).toStdString());
    painter.setMode(QCPPainter::pmVectorized);
    painter.setMode(QCPPainter::pmNoCaching);
    painter.setMode(QCPPainter::pmNonCosmetic);
    paintFigure(painter, view, w, h, options, provenance);
    painter.end();
  }
  return buffer.data();
}

}  // namespace

void exportFigure(FigureView& view, const QString& path, const FigureExportOptions& options) {
  if (!view.hasData()) throw Error(FigureExport::noData(path).toStdString());
  const FigureProvenance provenance = figureProvenance(*view.drawnResults());
  ExportScope scope(view, options);
  view.plot()->replot(QCustomPlot::rpImmediateRefresh);
  const int w = std::max(64, options.width);
  // A preset fixes the width (a journal's column, a slide); the height grows when the title,
  // legends and axis labels, fitted to that width, would leave the data less than 40% of it
  // (journals fix the column, not the height; squeezed below its minimum, QCustomPlot clips
  // text). The stamp and caption are added to the height in paintFigure's budget.
  view.fitTextTo(w);
  const int h = std::max({64, options.height, view.minimumLayoutHeight() + static_cast<int>(0.4 * options.height) +
                                                  (provenance.untrained ? 40 : 0)});
  switch (options.format) {
    case FigureFormat::Png: return saveExport(path, pngBytes(view, w, h, options, provenance, path));
    case FigureFormat::Svg: return saveExport(path, svgBytes(view, w, h, options, provenance, path));
    case FigureFormat::Pdf: return saveExport(path, pdfBytes(view, w, h, options, provenance, path));
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
