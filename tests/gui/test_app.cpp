// The application: the worker runs and cancels on a tiny synthetic model without hanging
// or leaking, the main window draws real results (offscreen screenshot), the Vietnamese
// interface is installed and complete at run time, and --render writes every figure.
#include <QtTest>

#include <QApplication>
#include <QImage>
#include <QLabel>
#include <QMenuBar>
#include <QPointer>
#include <QPushButton>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTextBrowser>

#include <fstream>
#include <unistd.h>

#include "analysis/sentence_set.h"
#include "app/core_messages.h"
#include "app/demo_model.h"
#include "app/experiment_panel.h"
#include "app/figure_set.h"
#include "app/language.h"
#include "app/main_window.h"
#include "app/model_panel.h"
#include "app/render.h"
#include "app/run_worker.h"
#include "app/sentence_panel.h"
#include "util/data_paths.h"
#include "widgets/figure_export.h"
#include "widgets/figure_view.h"
#include "widgets/layer_cursor.h"

using namespace laminar;

namespace {

long residentKb() {
  std::ifstream status("/proc/self/status");
  std::string key;
  while (status >> key) {
    if (key == "VmRSS:") {
      long kb = 0;
      status >> kb;
      return kb;
    }
    status.ignore(1 << 20, '\n');
  }
  return 0;
}

int distinctColours(const QImage& image) {
  QSet<QRgb> colours;
  for (int y = 0; y < image.height(); y += 3)
    for (int x = 0; x < image.width(); x += 3) colours.insert(image.pixel(x, y));
  return static_cast<int>(colours.size());
}

void saveScreenshot(const QImage& image, const QString& name) {
  const QString dir = qEnvironmentVariable("LAMINAR_SCREENSHOT_DIR");
  if (dir.isEmpty()) return;
  QDir().mkpath(dir);
  image.save(QDir(dir).filePath(name));
}

}  // namespace

class AppTest : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  QString tinyModel_;   // 64 x 2 x 4
  QString deeperModel_; // 64 x 12 x 4, for cancelling mid-run
  QString her_, coffee_;

  RunRequest request(const QString& model, const QString& sentences, const char* experiment) {
    RunRequest r;
    r.modelDirectory = model.toStdString();
    r.modelOptions.threads = 1;
    r.sentencePath = sentences.toStdString();
    r.settings.experiment = experiment;
    return r;
  }

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    registerRunMetaTypes();
    tinyModel_ = dir_.filePath(QStringLiteral("tiny"));
    deeperModel_ = dir_.filePath(QStringLiteral("deeper"));
    createDemoModel(tinyModel_.toStdString(), nullptr, "64x2x4");
    createDemoModel(deeperModel_.toStdString(), nullptr, "64x12x4");
    her_ = QString::fromStdString(findDataPath("examples/her.txt").string());
    coffee_ = QString::fromStdString(findDataPath("examples/coffee.txt").string());
  }

  void workerDeliversEveryLayerThenTheResults() {
    RunController controller;
    QSignalSpy layers(&controller, &RunController::layerFinished);
    QSignalSpy finished(&controller, &RunController::finished);
    QSignalSpy failed(&controller, &RunController::failed);
    controller.start(request(tinyModel_, her_, "similarity"));
    QVERIFY(controller.running());
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty() || !failed.isEmpty(), 120000);
    QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.front().front().toString()));
    QCOMPARE(layers.size(), 2);
    // layer snapshots grow one layer at a time, arriving on the GUI thread
    for (int i = 0; i < 2; ++i) {
      const auto snap = layers[i][0].value<ResultsPtr>();
      QCOMPARE(layers[i][1].toInt(), i);
      QCOMPARE(static_cast<int>(snap->similarity->layers.size()), i + 1);
    }
    const auto results = finished.front().front().value<ResultsPtr>();
    QCOMPARE(results->similarity->nLayer, 2);
    QCOMPARE(results->similarity->width, 64);
    QVERIFY(!controller.running());
  }

  void cancelStopsWithinABlock() {
    RunController controller;
    QSignalSpy layers(&controller, &RunController::layerFinished);
    QSignalSpy cancelled(&controller, &RunController::cancelled);
    QSignalSpy finished(&controller, &RunController::finished);
    connect(&controller, &RunController::layerFinished, &controller, [&controller] { controller.cancel(); });
    controller.start(request(deeperModel_, coffee_, "mi-distance"));
    QTRY_VERIFY_WITH_TIMEOUT(!cancelled.isEmpty() || !finished.isEmpty(), 120000);
    QCOMPARE(cancelled.size(), 1);
    QVERIFY(finished.isEmpty());
    QVERIFY2(layers.size() < 12, qPrintable(QString::number(layers.size())));
    QVERIFY(!controller.running());
    // and it runs again afterwards
    QSignalSpy finished2(&controller, &RunController::finished);
    disconnect(&controller, &RunController::layerFinished, &controller, nullptr);
    controller.start(request(tinyModel_, coffee_, "mi-distance"));
    QTRY_VERIFY_WITH_TIMEOUT(!finished2.isEmpty(), 120000);
  }

  void destroyingARunningControllerDoesNotHang() {
    QElapsedTimer timer;
    timer.start();
    QPointer<RunController> controller = new RunController;
    QSignalSpy layers(controller.data(), &RunController::layerFinished);
    controller->start(request(deeperModel_, her_, "similarity"));
    QTRY_VERIFY_WITH_TIMEOUT(!layers.isEmpty(), 120000);
    delete controller.data();  // cancels and joins the thread
    QVERIFY(controller.isNull());
    QVERIFY(timer.elapsed() < 120000);
  }

  void repeatedRunsDoNotLeak() {
    RunController controller;
    auto once = [&] {
      QSignalSpy finished(&controller, &RunController::finished);
      controller.start(request(tinyModel_, her_, "similarity"));
      QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 120000);
    };
    for (int i = 0; i < 3; ++i) once();  // warm up: caches, thread pools, allocator arenas
    const long before = residentKb();
    for (int i = 0; i < 8; ++i) once();
    const long grown = residentKb() - before;
    QVERIFY2(grown < 30 * 1024, qPrintable(QStringLiteral("resident memory grew by %1 kB over 8 runs").arg(grown)));
  }

  void mainWindowAfterARunIsNonTrivial() {
    Language::instance().set(QStringLiteral("en"));
    MainWindow window;
    window.resize(1440, 920);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.modelPanel()->selectDirectory(tinyModel_));
    QVERIFY(window.sentencePanel()->openExample(QStringLiteral("her")));
    QCOMPARE(window.experimentPanel()->experiment(), QStringLiteral("similarity"));
    QSignalSpy finished(window.runner(), &RunController::finished);
    window.experimentPanel()->runButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 120000);
    QTRY_VERIFY(window.currentView()->hasData());
    QVERIFY(window.banner()->isVisible());  // random weights: the banner says so
    QCOMPARE(window.figures()->cursor()->count(), 2);
    QTest::qWait(300);
    const QImage shot = window.grab().toImage();
    saveScreenshot(shot, QStringLiteral("main-window-en.png"));
    QVERIFY2(distinctColours(shot) > 150, qPrintable(QString::number(distinctColours(shot))));
    // every view of the experiment has data and draws something
    for (FigureView* v : window.figures()->viewsFor(*window.figures()->results())) {
      window.viewTabs()->setCurrentWidget(v);
      QTest::qWait(100);
      const QImage image = v->grab().toImage();
      saveScreenshot(image, v->figureId() + QStringLiteral("-en.png"));
      QVERIFY2(distinctColours(image) > 40, qPrintable(v->figureId()));
    }
    // the token view highlights target and non-target tokens
    QTRY_VERIFY(window.sentencePanel()->tokenView()->toHtml().contains(QStringLiteral("#ffb74d")));
    QVERIFY(window.sentencePanel()->tokenView()->toHtml().contains(QStringLiteral("#81d4fa")));
  }

  void vietnameseInterfaceAtRunTime() {
    QVERIFY(!Language::qmPath(QStringLiteral("vi")).isEmpty());
    MainWindow window;
    window.resize(1440, 920);
    window.show();
    QVERIFY(window.sentencePanel()->openExample(QStringLiteral("coffee")));
    QVERIFY(window.modelPanel()->selectDirectory(tinyModel_));
    QSignalSpy finished(window.runner(), &RunController::finished);
    window.startRun();
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 120000);
    const QString englishFile = window.menuBar()->actions().front()->text();
    window.setLanguage(QStringLiteral("vi"));
    QCOMPARE(Language::instance().current(), QStringLiteral("vi"));
    QTRY_VERIFY(window.menuBar()->actions().front()->text() != englishFile);
    QTRY_VERIFY(window.experimentPanel()->runButton()->text() != QStringLiteral("Run"));  // LanguageChange is posted
    FigureView* view = window.currentView();
    QVERIFY(view->hasData());
    QVERIFY2(view->caption().contains(QStringLiteral("tầng")) || view->caption().contains(QStringLiteral("Tầng")), qPrintable(view->caption()));
    QTest::qWait(300);
    const QImage shot = window.grab().toImage();
    saveScreenshot(shot, QStringLiteral("main-window-vi.png"));
    for (FigureView* v : window.figures()->viewsFor(*window.figures()->results())) {
      window.viewTabs()->setCurrentWidget(v);
      QTest::qWait(100);
      saveScreenshot(v->grab().toImage(), v->figureId() + QStringLiteral("-vi.png"));
    }
    // diacritics survive in exported SVG (text) and PDF (embedded DejaVu font)
    QTemporaryDir out;
    FigureExportOptions options;
    options.format = FigureFormat::Svg;
    exportFigure(*view, out.filePath(QStringLiteral("f.svg")), options);
    QFile svg(out.filePath(QStringLiteral("f.svg")));
    QVERIFY(svg.open(QIODevice::ReadOnly));
    const QString svgText = QString::fromUtf8(svg.readAll());
    QVERIFY2(svgText.contains(QStringLiteral("Tầng")), "no 'Tầng' in the Vietnamese SVG");
    options.format = FigureFormat::Pdf;
    exportFigure(*view, out.filePath(QStringLiteral("f.pdf")), options);
    QFile pdf(out.filePath(QStringLiteral("f.pdf")));
    QVERIFY(pdf.open(QIODevice::ReadOnly));
    QVERIFY(pdf.readAll().contains("DejaVu"));
    // back to English at run time
    window.setLanguage(QStringLiteral("en"));
    QTRY_COMPARE(window.menuBar()->actions().front()->text(), englishFile);
    QTRY_COMPARE(window.experimentPanel()->runButton()->text(), QStringLiteral("Run"));
  }

  void coreMessagesAreTranslated() {
    Language::instance().set(QStringLiteral("vi"));
    const QString m = CoreMessages::translate(std::string("/tmp/x.txt: line 3: no text contains the target \"her\""));
    QVERIFY2(m.startsWith(QStringLiteral("/tmp/x.txt: ")), qPrintable(m));
    QVERIFY2(m.contains(QStringLiteral("\"her\"")), qPrintable(m));
    QVERIFY2(!m.contains(QStringLiteral("no text contains")), qPrintable(m));
    Language::instance().set(QStringLiteral("en"));
    QCOMPARE(CoreMessages::translate(std::string("line 3: text skipped")), QStringLiteral("line 3: text skipped"));
  }

  void renderWritesEveryFigure() {
    // results saved by a run on the tiny model, rendered headless
    RunController controller;
    QSignalSpy finished(&controller, &RunController::finished);
    controller.start(request(tinyModel_, coffee_, "mi-distance"));
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 120000);
    QTemporaryDir out;
    const QString results = out.filePath(QStringLiteral("results"));
    saveResults(*finished.front().front().value<ResultsPtr>(), results.toStdString());
    RenderOptions options;
    options.resultsDir = results;
    options.outDir = out.filePath(QStringLiteral("figures"));
    const QStringList files = renderResults(options);
    // MI experiment: profile, MI vs distance, MI matrices, t and Z; PNG+CSV, PDF, SVG
    QCOMPARE(files.size(), 4 * 4);
    for (const QString& f : files) QVERIFY2(QFileInfo(f).size() > 200, qPrintable(f));
    QImage png(out.filePath(QStringLiteral("figures/mi-vs-distance.png")));
    QVERIFY(!png.isNull());
    QVERIFY(distinctColours(png) > 20);
  }
};

QTEST_MAIN(AppTest)
#include "test_app.moc"
