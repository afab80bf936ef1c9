// Exported figures say where they came from, fit the page and show only what was asked:
// the PNG's text chunks, the PDF's info dictionary and XMP, and the SVG's <metadata> are read
// back from the files and hold the model, its weight checksum, the sentence file and its
// checksum, the settings, the versions and the dates; untrained models get a visible stamp;
// publication presets have their physical size; heatmaps are vector cells in PDF and SVG; the
// layer cursor's line is drawn only when asked.
#include <QtTest>

#include <QImage>
#include <QRegularExpression>
#include <QTemporaryDir>

#include "synthetic_results.h"
#include "widgets/figure_export.h"
#include "widgets/laminar_profile_view.h"
#include "widgets/layer_cursor.h"
#include "widgets/text_similarity_view.h"

using namespace laminar;

namespace {

const char* kWeightsSha = "4f1e9c2b7a0d3e5f60718293a4b5c6d7e8f90123456789abcdef0123456789ab";
const char* kSentencesSha = "0a1b2c3d4e5f60718293a4b5c6d7e8f9fedcba9876543210fedcba9876543210";

std::shared_ptr<RunResults> withMetadata(std::shared_ptr<RunResults> r, bool synthetic) {
  r->metadata = {{"app", "Laminar"},
                 {"appVersion", "9.8.7"},
                 {"torchVersion", "2.1.0"},
                 {"created", "2026-12-02T10:11:12Z"},
                 {"model",
                  {{"directory", "/home/u/.cache/huggingface/hub/models--openai-community--gpt2-xl/snapshots/abc123"},
                   {"shape", "gpt2-xl"},
                   {"synthetic", synthetic},
                   {"weightFiles", {{{"file", "model.safetensors"}, {"bytes", 6}, {"sha256", kWeightsSha}}}}}},
                 {"sentences", {{"file", "/data/lecture/her.txt"}, {"sha256", kSentencesSha}, {"texts", 54}}},
                 {"settings", {{"bins", 21}, {"seed", 1234}}}};
  return r;
}

QByteArray readAll(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return {};
  return f.readAll();
}

// A PDF literal string "(...)" after `key` in the info dictionary, backslash escapes undone,
// UTF-16BE (with its byte order mark) decoded as Qt writes non-ASCII text.
QString pdfInfoString(const QByteArray& pdf, const QByteArray& key) {
  int at = pdf.indexOf(key + " (");
  if (at < 0) at = pdf.indexOf(key + "(");
  if (at < 0) return {};
  at = pdf.indexOf('(', at) + 1;
  QByteArray raw;
  int depth = 0;
  for (int i = at; i < pdf.size(); ++i) {
    char c = pdf[i];
    if (c == '\\' && i + 1 < pdf.size()) {
      const char n = pdf[++i];
      if (n >= '0' && n <= '7') {  // octal escape, up to three digits
        int value = n - '0';
        for (int k = 0; k < 2 && i + 1 < pdf.size() && pdf[i + 1] >= '0' && pdf[i + 1] <= '7'; ++k) value = value * 8 + (pdf[++i] - '0');
        raw += static_cast<char>(value);
      } else {
        raw += n == 'n' ? '\n' : n == 'r' ? '\r' : n == 't' ? '\t' : n;
      }
      continue;
    }
    if (c == '(') ++depth;
    if (c == ')' && depth-- == 0) break;
    raw += c;
  }
  if (raw.startsWith("\xfe\xff")) {
    QString s;
    for (int i = 2; i + 1 < raw.size(); i += 2)
      s += QChar(static_cast<char16_t>((static_cast<unsigned char>(raw[i]) << 8) | static_cast<unsigned char>(raw[i + 1])));
    return s;
  }
  return QString::fromLatin1(raw);
}

bool isStampRed(QRgb c) { return qRed(c) > 150 && qGreen(c) < 80 && qBlue(c) < 90; }

}  // namespace

class ExportProvenanceTest : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  LayerCursor cursor_;

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    if (qEnvironmentVariableIsSet("LAMINAR_KEEP_EXPORTS")) dir_.setAutoRemove(false), qInfo() << dir_.path();
    cursor_.setCount(6);
    cursor_.setLayer(2);
  }

  void pngTextChunksCarryTheProvenance() {
    LaminarProfileView view(&cursor_);
    view.resize(900, 600);
    view.setResults(withMetadata(test::syntheticSimilarity(6, 6), false));
    const QString path = dir_.filePath(QStringLiteral("profile.png"));
    exportFigure(view, path, presetOptions(ExportPreset::Slide, FigureFormat::Png));
    const QImage png(path);
    QVERIFY(!png.isNull());
    QCOMPARE(png.size(), QSize(1920, 1080));  // 16:9 slide at 144 dpi
    QVERIFY2(png.text(QStringLiteral("Model")).contains(QStringLiteral("openai-community/gpt2-xl")), qPrintable(png.text(QStringLiteral("Model"))));
    QVERIFY(png.text(QStringLiteral("Model SHA-256")).contains(QLatin1String(kWeightsSha)));
    QCOMPARE(png.text(QStringLiteral("Sentences")), QStringLiteral("her.txt"));
    QCOMPARE(png.text(QStringLiteral("Sentences SHA-256")), QLatin1String(kSentencesSha));
    QVERIFY(png.text(QStringLiteral("Settings")).contains(QStringLiteral("\"seed\":1234")));
    QVERIFY(png.text(QStringLiteral("Software")).contains(QStringLiteral("Laminar 9.8.7")));
    QCOMPARE(png.text(QStringLiteral("Run created")), QStringLiteral("2026-12-02T10:11:12Z"));
    const QDateTime exported = QDateTime::fromString(png.text(QStringLiteral("Exported")), Qt::ISODate);
    QVERIFY(exported.isValid());
    QVERIFY(qAbs(exported.secsTo(QDateTime::currentDateTimeUtc())) < 600);
    QVERIFY(png.text(QStringLiteral("Title")).contains(view.title()));
    // a trained model: no stamp across the top
    QVERIFY(!isStampRed(png.pixel(png.width() / 2, 3)));
  }

  void pdfInfoAndXmpCarryTheProvenance() {
    TextSimilarityView view(&cursor_);
    view.resize(900, 600);
    view.setResults(withMetadata(test::syntheticSimilarity(6, 6), false));
    const QString path = dir_.filePath(QStringLiteral("similarity.pdf"));
    exportFigure(view, path, presetOptions(ExportPreset::PublicationSingle, FigureFormat::Pdf));
    const QByteArray pdf = readAll(path);
    QVERIFY(pdf.startsWith("%PDF-"));
    const QString title = pdfInfoString(pdf, "/Title");
    QVERIFY2(title.contains(view.title()) && title.contains(QStringLiteral("openai-community/gpt2-xl")) && title.contains(QStringLiteral("her.txt")),
             qPrintable(title));
    QVERIFY2(pdfInfoString(pdf, "/Creator").contains(QStringLiteral("Laminar 9.8.7")), qPrintable(pdfInfoString(pdf, "/Creator")));
    // the XMP packet (uncompressed, as PDF requires) holds every field
    QVERIFY(pdf.contains("<laminar:ModelSHA256>model.safetensors " + QByteArray(kWeightsSha)));
    QVERIFY(pdf.contains("<laminar:SentencesSHA256>" + QByteArray(kSentencesSha)));
    QVERIFY(pdf.contains("<laminar:RunCreated>2026-12-02T10:11:12Z"));
    QVERIFY(pdf.contains("&quot;seed&quot;:1234"));
    // single column: 8.5 cm wide (241 pt), at physical size
    const QRegularExpressionMatch box =
        QRegularExpression(QStringLiteral("/MediaBox \\[0 0 ([0-9.]+) ([0-9.]+)\\]")).match(QString::fromLatin1(pdf));
    QVERIFY(box.hasMatch());
    QVERIFY2(qAbs(box.captured(1).toDouble() - 85 / 25.4 * 72) < 1.0, qPrintable(box.captured(0)));
    // the heatmap is vector cells: the one embedded image is the colour scale's gradient bar
    QCOMPARE(pdf.count("/Subtype /Image"), 1);
  }

  void svgMetadataAndVectorCells() {
    TextSimilarityView view(&cursor_);
    view.resize(900, 600);
    view.setResults(withMetadata(test::syntheticSimilarity(6, 6), false));
    const QString path = dir_.filePath(QStringLiteral("similarity.svg"));
    exportFigure(view, path, presetOptions(ExportPreset::PublicationDouble, FigureFormat::Svg));
    const QByteArray svg = readAll(path);
    QVERIFY(svg.contains("<metadata>"));
    QVERIFY(svg.contains(QByteArray(kWeightsSha)));
    QVERIFY(svg.contains(QByteArray(kSentencesSha)));
    // the colour scale's gradient bar is the one image; the 6 x 6 cells are rectangles
    QCOMPARE(svg.count("<image"), 1);
    QVERIFY2(svg.count("<path") + svg.count("<rect") >= 36, qPrintable(QString::number(svg.count("<path") + svg.count("<rect"))));
    QVERIFY2(svg.contains("width=\"175mm\"") || svg.contains("width=\"174."), svg.left(600).constData());
    QXmlStreamReader xml(svg);
    while (!xml.atEnd()) xml.readNext();
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
  }

  void untrainedModelsAreStamped() {
    LaminarProfileView view(&cursor_);
    view.resize(900, 600);
    view.setResults(withMetadata(test::syntheticSimilarity(6, 6), true));
    const QString path = dir_.filePath(QStringLiteral("untrained.png"));
    FigureExportOptions o;
    o.width = 800;
    o.height = 500;
    o.dpi = 96;
    exportFigure(view, path, o);
    const QImage png(path);
    QVERIFY(isStampRed(png.pixel(5, 3)));
    QVERIFY(png.text(QStringLiteral("Model")).contains(QStringLiteral("random weights")));
  }

  void theCursorLineOnlyWhenAsked() {
    LaminarProfileView view(&cursor_);
    view.resize(900, 600);
    view.setResults(withMetadata(test::syntheticSimilarity(6, 6), false));
    FigureExportOptions o;
    o.width = 800;
    o.height = 500;
    o.dpi = 96;
    const QString without = dir_.filePath(QStringLiteral("without.png"));
    exportFigure(view, without, o);
    o.layerCursor = true;
    const QString with = dir_.filePath(QStringLiteral("with.png"));
    exportFigure(view, with, o);
    const QImage a(without), b(with);
    QCOMPARE(a.size(), b.size());
    // the cursor line is translucent black: pixels darker in `with` than in `without`
    int darker = 0;
    for (int y = 0; y < a.height(); ++y)
      for (int x = 0; x < a.width(); ++x)
        if (qGray(b.pixel(x, y)) + 20 < qGray(a.pixel(x, y))) ++darker;
    QVERIFY2(darker > 100, qPrintable(QString::number(darker)));
    QVERIFY(view.layerCursorShown());  // the screen keeps its line
  }
};

QTEST_MAIN(ExportProvenanceTest)
#include "test_export_provenance.moc"
