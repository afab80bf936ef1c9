// laminar: the desktop application. `laminar --render RESULTS --out DIR` draws every figure
// without a display; `laminar --version` prints the versions of Laminar and libtorch.
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QTimer>

#include <cstdio>
#include <cstring>
#include <iostream>

#include "app/core_messages.h"
#include "app/experiment_panel.h"
#include "app/figure_set.h"
#include "app/language.h"
#include "app/main_window.h"
#include "app/model_panel.h"
#include "app/render.h"
#include "app/run_worker.h"
#include "app/sentence_panel.h"
#include "app/engine_info.h"
#include "util/version.h"
#include "widgets/layer_cursor.h"

namespace {

bool hasArgument(int argc, char** argv, const char* name) {
  for (int i = 1; i < argc; ++i)
    if (std::strcmp(argv[i], name) == 0) return true;
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace laminar;
  if (hasArgument(argc, argv, "--version") || hasArgument(argc, argv, "-v")) {
    std::printf("laminar %s\nlibtorch %s\nCUDA %s\n", versionString().c_str(), engineTorchVersion().toStdString().c_str(),
                engineCudaAvailable() ? "available" : "not available");
    return 0;
  }
  // Rendering needs no display: use the offscreen platform unless the caller chose one.
  if (hasArgument(argc, argv, "--render") && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
    qputenv("QT_QPA_PLATFORM", "offscreen");

  QApplication app(argc, argv);
  QApplication::setOrganizationName(QStringLiteral("Laminar"));
  QApplication::setApplicationName(QStringLiteral("laminar"));
  QApplication::setApplicationVersion(QString::fromStdString(versionString()));
  QApplication::setDesktopFileName(QStringLiteral("io.laminar.Laminar"));
  registerRunMetaTypes();

  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral("Laminar — a desktop instrument for looking inside GPT-2"));
  parser.addHelpOption();
  QCommandLineOption versionOption({QStringLiteral("v"), QStringLiteral("version")}, QStringLiteral("Print versions and exit."));
  QCommandLineOption render(QStringLiteral("render"), QStringLiteral("Render every figure of a results folder, headless."), QStringLiteral("RESULTS_DIR"));
  QCommandLineOption out(QStringLiteral("out"), QStringLiteral("Folder for --render output."), QStringLiteral("DIR"));
  QCommandLineOption lang(QStringLiteral("lang"), QStringLiteral("Interface language: en or vi."), QStringLiteral("CODE"));
  QCommandLineOption example(QStringLiteral("example"), QStringLiteral("Preload a bundled example (her, coffee)."), QStringLiteral("NAME"));
  QCommandLineOption results(QStringLiteral("results"), QStringLiteral("Open a results folder."), QStringLiteral("DIR"));
  QCommandLineOption model(QStringLiteral("model"), QStringLiteral("Checkpoint folder to select (default: the last one; on first start the demo model)."), QStringLiteral("DIR"));
  QCommandLineOption demo(QStringLiteral("demo"), QStringLiteral("Select the demo model (a 6-layer GPT-2 trained on the Brown corpus, shipped with Laminar)."));
  QCommandLineOption run(QStringLiteral("run"), QStringLiteral("Start the run right away."));
  QCommandLineOption screenshot(QStringLiteral("screenshot"), QStringLiteral("After the run (or opening --results), save the window as PNG and quit."), QStringLiteral("PNG"));
  QCommandLineOption view(QStringLiteral("view"), QStringLiteral("Index of the view to show first (0-based)."), QStringLiteral("N"));
  QCommandLineOption layer(QStringLiteral("layer"), QStringLiteral("Layer to show (1-based) for --screenshot."), QStringLiteral("N"));
  QCommandLineOption width(QStringLiteral("width"), QStringLiteral("Figure width for --render (pixels)."), QStringLiteral("PX"), QStringLiteral("1400"));
  QCommandLineOption height(QStringLiteral("height"), QStringLiteral("Figure height for --render (pixels)."), QStringLiteral("PX"), QStringLiteral("900"));
  parser.addOptions({versionOption, render, out, lang, example, results, model, demo, run, screenshot, view, layer, width, height});
  parser.addPositionalArgument(QStringLiteral("sentences"), QStringLiteral("A sentence file to load (.txt, .csv, .tsv, .json)."), QStringLiteral("[sentences]"));
  parser.process(app);

  QString code = parser.isSet(lang) ? parser.value(lang) : Language::initial();
  if (!Language::available().contains(code)) {
    std::cerr << "laminar: --lang must be en or vi, not '" << code.toStdString() << "'\n";
    return 1;
  }
  if (!Language::instance().set(code)) std::cerr << "laminar: the " << code.toStdString() << " translation is missing; using English\n";

  if (parser.isSet(render)) {
    if (!parser.isSet(out)) {
      std::cerr << "laminar: --render needs --out DIR\n";
      return 1;
    }
    try {
      RenderOptions options;
      options.resultsDir = parser.value(render);
      options.outDir = parser.value(out);
      bool wOk = false, hOk = false;
      options.width = parser.value(width).toInt(&wOk);
      options.height = parser.value(height).toInt(&hOk);
      if (!wOk || !hOk || options.width < 100 || options.height < 100 || options.width > 20000 || options.height > 20000) {
        std::cerr << "laminar: --width and --height must be whole numbers of pixels from 100 to 20000\n";
        return 1;
      }
      const QStringList files = renderResults(options);
      std::cout << "laminar: wrote " << files.size() << " files to " << QDir::toNativeSeparators(options.outDir).toStdString() << "\n";
      return 0;
    } catch (const std::exception& e) {
      std::cerr << "laminar: " << e.what() << "\n";
      return 1;
    }
  }

  MainWindow window;
  if (parser.isSet(model)) window.modelPanel()->selectDirectory(parser.value(model));
  if (parser.isSet(demo)) window.modelPanel()->selectDemo();
  if (parser.isSet(example)) {
    if (!window.sentencePanel()->openExample(parser.value(example))) {
      std::cerr << "laminar: no example named '" << parser.value(example).toStdString() << "'\n";
      return 1;
    }
  } else if (!parser.positionalArguments().isEmpty()) {
    window.sentencePanel()->openFile(parser.positionalArguments().front());
  } else if (window.sentencePanel()->path().isEmpty()) {
    window.sentencePanel()->openExample(QStringLiteral("her"));  // ready to run on first start
  }
  if (parser.isSet(view)) window.showView(parser.value(view).toInt());
  window.show();

  if (parser.isSet(screenshot)) {
    const QString path = parser.value(screenshot);
    const int wantedLayer = parser.isSet(layer) ? parser.value(layer).toInt() - 1 : -1;
    auto shoot = [&window, path, wantedLayer, &parser, &view] {
      if (wantedLayer >= 0) window.figures()->cursor()->setLayer(wantedLayer);
      if (parser.isSet(view)) window.showView(parser.value(view).toInt());
      QTimer::singleShot(400, &window, [&window, path] {
        const bool ok = window.grab().save(path, "PNG");
        // The model line lets scripts (and the start-up test) see which model the window used.
        std::cout << (ok ? "laminar: saved " : "laminar: could not save ") << path.toStdString() << "\n"
                  << "laminar: model: " << window.modelPanel()->description().toStdString() << "\n";
        QApplication::exit(ok ? 0 : 1);
      });
    };
    QObject::connect(window.runner(), &RunController::finished, &window, shoot);
    QObject::connect(window.runner(), &RunController::failed, &window, [](const QString& m) {
      std::cerr << "laminar: " << CoreMessages::translate(m).toStdString() << "\n";
      QApplication::exit(1);
    });
    if (parser.isSet(results)) QObject::connect(&window, &MainWindow::resultsShown, &window, shoot, Qt::SingleShotConnection);
    if (!parser.isSet(run) && !parser.isSet(results)) QTimer::singleShot(500, &window, shoot);
  }
  if (parser.isSet(results)) window.openResults(parser.value(results));
  if (parser.isSet(run)) QTimer::singleShot(0, &window, &MainWindow::startRun);
  return app.exec();
}
