// laminar: the desktop application. `laminar --render RESULTS --out DIR` draws every figure
// without a display; `laminar --version` prints the versions of Laminar and libtorch.
#include <QApplication>
#include <QCheckBox>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QSpinBox>
#include <QTimer>

#include <cstdio>
#include <cstring>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

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
#include "util/thread_wait_policy.h"

namespace {

using namespace laminar;

bool hasArgument(int argc, char** argv, const char* name) {
  for (int i = 1; i < argc; ++i)
    if (std::strcmp(argv[i], name) == 0) return true;
  return false;
}

// The app's options (English: a terminal's help, not the window's).
struct CommandLine {
  QCommandLineParser parser;
  QCommandLineOption version{{QStringLiteral("v"), QStringLiteral("version")}, QStringLiteral("Print versions and exit.")};
  QCommandLineOption render{QStringLiteral("render"), QStringLiteral("Render every figure of a results folder, headless."), QStringLiteral("RESULTS_DIR")};
  QCommandLineOption out{QStringLiteral("out"), QStringLiteral("Folder for --render output."), QStringLiteral("DIR")};
  QCommandLineOption lang{QStringLiteral("lang"), QStringLiteral("Interface language: en or vi."), QStringLiteral("CODE")};
  QCommandLineOption example{QStringLiteral("example"), QStringLiteral("Preload a bundled example (her, coffee)."), QStringLiteral("NAME")};
  QCommandLineOption results{QStringLiteral("results"), QStringLiteral("Open a results folder."), QStringLiteral("DIR")};
  QCommandLineOption model{QStringLiteral("model"), QStringLiteral("Checkpoint folder to select (default: the last one; on first start the demo model)."), QStringLiteral("DIR")};
  QCommandLineOption demo{QStringLiteral("demo"), QStringLiteral("Select the demo model (a 6-layer GPT-2 trained on the Brown corpus, shipped with Laminar).")};
  QCommandLineOption run{QStringLiteral("run"), QStringLiteral("Start the run right away.")};
  QCommandLineOption screenshot{QStringLiteral("screenshot"), QStringLiteral("After the run (or opening --results), save the window as PNG and quit."), QStringLiteral("PNG")};
  QCommandLineOption during{QStringLiteral("screenshot-during"), QStringLiteral("With --run and --screenshot: save the window when N layers are done, mid-run, and quit."), QStringLiteral("N")};
  QCommandLineOption analysis{QStringLiteral("analysis"), QStringLiteral("Analysis to select (similarity, mi-distance, logit-lens, attention-pattern)."), QStringLiteral("NAME")};
  QCommandLineOption view{QStringLiteral("view"), QStringLiteral("Index of the view to show first (0-based)."), QStringLiteral("N")};
  QCommandLineOption layer{QStringLiteral("layer"), QStringLiteral("Layer to show (1-based) for --screenshot."), QStringLiteral("N")};
  QCommandLineOption width{QStringLiteral("width"), QStringLiteral("Figure width for --render, in 1/96 inch (CSS pixels); a PNG at 150 dpi has 150/96 as many pixels."), QStringLiteral("PX"), QStringLiteral("1400")};
  QCommandLineOption height{QStringLiteral("height"), QStringLiteral("Figure height for --render, in 1/96 inch (CSS pixels)."), QStringLiteral("PX"), QStringLiteral("900")};
  QCommandLineOption control{QStringLiteral("control"), QStringLiteral("Compare with an untrained model of the same shape: untrained or untrained:SEED (ticks \"Compare with untrained model\" and sets its seed)."), QStringLiteral("untrained[:SEED]")};
  QCommandLineOption preset{QStringLiteral("preset"), QStringLiteral("Figure preset for --render: slide, publication-single, publication-double or custom (--width/--height)."), QStringLiteral("NAME"), QStringLiteral("custom")};
  QCommandLineOption cursorLine{QStringLiteral("cursor"), QStringLiteral("Draw the layer cursor's line into --render figures.")};
  QCommandLineOption size{QStringLiteral("size"), QStringLiteral("Window size for --screenshot, e.g. 1024x768."), QStringLiteral("WxH")};
  QCommandLineOption presentation{QStringLiteral("presentation"), QStringLiteral("Start in presentation mode (full screen, F5/Esc leave it).")};

  CommandLine() {
    parser.setApplicationDescription(QStringLiteral("Laminar — a desktop instrument for looking inside GPT-2"));
    parser.addHelpOption();
    parser.addOptions({version, render, out, lang, example, results, model, demo, run, screenshot, during, analysis, view, layer,
                       width, height, preset, cursorLine, size, presentation, control});
    parser.addPositionalArgument(QStringLiteral("sentences"), QStringLiteral("A sentence file to load (.txt, .csv, .tsv, .json)."), QStringLiteral("[sentences]"));
  }
  bool isSet(const QCommandLineOption& option) const { return parser.isSet(option); }
  QString value(const QCommandLineOption& option) const { return parser.value(option); }
};

// An exit status for main, or nothing to go on.
using Outcome = std::optional<int>;

Outcome refuse(const std::string& message) {
  std::cerr << "laminar: " << message << "\n";
  return 1;
}

// --render: every figure of a results folder into --out, no window.
int renderFigures(const CommandLine& cl) {
  if (!cl.isSet(cl.out)) return *refuse("--render needs --out DIR");
  try {
    RenderOptions options;
    options.resultsDir = cl.value(cl.render);
    options.outDir = cl.value(cl.out);
    bool wOk = false, hOk = false;
    options.width = cl.value(cl.width).toInt(&wOk);
    options.height = cl.value(cl.height).toInt(&hOk);
    if (!wOk || !hOk || options.width < 100 || options.height < 100 || options.width > 20000 || options.height > 20000)
      return *refuse("--width and --height must be whole numbers from 100 to 20000 (1/96 inch each)");
    if (!presetFromKey(cl.value(cl.preset), &options.preset))
      return *refuse("--preset must be slide, publication-single, publication-double or custom");
    options.layerCursor = cl.isSet(cl.cursorLine);
    const QStringList files = renderResults(options);
    std::cout << "laminar: wrote " << files.size() << " files to " << QDir::toNativeSeparators(options.outDir).toStdString() << "\n";
    return 0;
  } catch (const std::exception& e) {
    return *refuse(e.what());
  }
}

// The sentences the window opens with: an example, a file, or "her" on first start.
Outcome chooseSentences(MainWindow& window, const CommandLine& cl) {
  if (cl.isSet(cl.example)) {
    if (!window.sentencePanel()->openExample(cl.value(cl.example)))
      return refuse("no example named '" + cl.value(cl.example).toStdString() + "'");
  } else if (!cl.parser.positionalArguments().isEmpty()) {
    const QString file = cl.parser.positionalArguments().front();
    // A scripted run cannot go on without its texts; the window shows why and waits for another file.
    if (!window.sentencePanel()->openFile(file) && cl.isSet(cl.run) && cl.isSet(cl.screenshot))
      return refuse(window.sentencePanel()->loadError().toStdString());
  } else if (window.sentencePanel()->path().isEmpty()) {
    window.sentencePanel()->openExample(QStringLiteral("her"));  // ready to run on first start
  }
  return {};
}

// --control untrained[:SEED]: ticks the experiment panel's control box with that seed.
Outcome chooseControl(MainWindow& window, const QString& text) {
  const QString kind = text.section(QLatin1Char(':'), 0, 0);
  bool seedOk = true;
  const int seed = text.contains(QLatin1Char(':')) ? text.section(QLatin1Char(':'), 1).toInt(&seedOk) : 0;
  if (kind != QLatin1String("untrained") || !seedOk || seed < 0)
    return refuse("--control must be untrained or untrained:SEED (SEED a whole number >= 0), not '" + text.toStdString() + "'");
  window.experimentPanel()->controlBox()->setChecked(true);
  window.experimentPanel()->controlSeedBox()->setValue(seed);
  return {};
}

// --size WxH: the window as a screen of that size shows it, no smaller than the window allows.
Outcome chooseSize(MainWindow& window, const QString& text) {
  const QStringList wh = text.split(QLatin1Char('x'));
  bool wOk = false, hOk = false;
  const int w = wh.size() == 2 ? wh[0].toInt(&wOk) : 0, h = wh.size() == 2 ? wh[1].toInt(&hOk) : 0;
  if (!wOk || !hOk || w < 100 || h < 100) return refuse("--size must be WIDTHxHEIGHT in pixels, e.g. 1024x768");
  window.resize(std::max(w, window.minimumSizeHint().width()), std::max(h, window.minimumSizeHint().height()));
  return {};
}

// Model, sentences, analysis, control, view and size, as the command line asks.
Outcome applyChoices(MainWindow& window, const CommandLine& cl) {
  if (cl.isSet(cl.model)) window.modelPanel()->selectDirectory(cl.value(cl.model));
  if (cl.isSet(cl.demo)) window.modelPanel()->selectDemo();
  if (Outcome o = chooseSentences(window, cl)) return o;
  if (cl.isSet(cl.analysis)) {
    window.experimentPanel()->setExperiment(cl.value(cl.analysis));
    if (window.experimentPanel()->experiment() != cl.value(cl.analysis))
      return refuse("no analysis named '" + cl.value(cl.analysis).toStdString() + "'");
  }
  if (cl.isSet(cl.control))
    if (Outcome o = chooseControl(window, cl.value(cl.control))) return o;
  if (cl.isSet(cl.view)) {
    bool ok = false;
    const int view = cl.value(cl.view).toInt(&ok);
    if (!ok || view < 0 || view >= window.viewCount())
      return refuse("--view must be 0 to " + std::to_string(window.viewCount() - 1) + " for this analysis, not '" +
                    cl.value(cl.view).toStdString() + "'");
    window.showView(view);
  }
  if (cl.isSet(cl.size))
    if (Outcome o = chooseSize(window, cl.value(cl.size))) return o;
  return {};
}

// --screenshot PNG: saves the window once the run finishes (or N layers are done, or the
// results folder is shown, or at once without either) and quits; a failure quits with 1.
void arrangeScreenshot(MainWindow& window, const CommandLine& cl) {
  const QString path = cl.value(cl.screenshot);
  const int wantedLayer = cl.isSet(cl.layer) ? cl.value(cl.layer).toInt() - 1 : -1;
  const int wantedView = cl.isSet(cl.view) ? cl.value(cl.view).toInt() : -1;
  auto shoot = [&window, path, wantedLayer, wantedView] {
    if (wantedLayer >= 0) window.figures()->cursor()->setLayer(wantedLayer);
    if (wantedView >= 0) window.showView(wantedView);
    QTimer::singleShot(400, &window, [&window, path] {
      const bool ok = window.grab().save(path, "PNG");
      // The model line lets scripts (and the start-up test) see which model the window used.
      std::cout << (ok ? "laminar: saved " : "laminar: could not save ") << path.toStdString() << "\n"
                << "laminar: model: " << window.modelPanel()->description().toStdString() << "\n";
      QApplication::exit(ok ? 0 : 1);
    });
  };
  if (cl.isSet(cl.during)) {
    // Mid-run: the views as they fill in, with the progress bar and the remaining layers empty.
    const int layersWanted = cl.value(cl.during).toInt();
    // Once: a run with an untrained control passes layer N again in the control's pass.
    auto taken = std::make_shared<bool>(false);
    QObject::connect(window.runner(), &RunController::layerFinished, &window,
                     [shoot, layersWanted, taken](const ResultsPtr&, int layer) {
                       if (*taken || layer + 1 != layersWanted) return;
                       *taken = true;
                       shoot();
                     });
  } else {
    QObject::connect(window.runner(), &RunController::finished, &window, shoot);
  }
  auto giveUp = [](const QString& reason) {  // a scripted screenshot that cannot be taken
    std::cerr << "laminar: " << reason.toStdString() << "\n";
    QApplication::exit(1);
  };
  QObject::connect(window.runner(), &RunController::failed, &window,
                   [giveUp](const QString& m) { giveUp(CoreMessages::translate(m)); });
  if (cl.isSet(cl.results)) {
    QObject::connect(&window, &MainWindow::resultsShown, &window, shoot, Qt::SingleShotConnection);
    // A folder that cannot be opened ends it with its reason (already translated), not a wait.
    QObject::connect(&window, &MainWindow::resultsFailed, &window, giveUp);
  }
  if (!cl.isSet(cl.run) && !cl.isSet(cl.results)) QTimer::singleShot(500, &window, shoot);
}

}  // namespace

int main(int argc, char** argv) {
  (void)laminar::passiveThreadWaits();  // links in the step that sets the pools' wait policy
  if (hasArgument(argc, argv, "--version") || hasArgument(argc, argv, "-v")) {
    std::printf("laminar %s\nlibtorch %s\nCPU GEMMs %s\nCUDA %s\n", versionString().c_str(),
                engineTorchVersion().toStdString().c_str(), engineCpuGemm().toStdString().c_str(),
                engineCudaAvailable() ? "available" : "not available");
    return 0;
  }
  // Rendering and printing the options need no display: use the offscreen platform unless
  // the caller chose one (without it, `laminar --help` over ssh aborts in Qt's xcb plugin).
  const bool needsNoDisplay = hasArgument(argc, argv, "--render") || hasArgument(argc, argv, "--help") ||
                              hasArgument(argc, argv, "-h") || hasArgument(argc, argv, "--help-all");
  if (needsNoDisplay && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");

  QApplication app(argc, argv);
  QApplication::setOrganizationName(QStringLiteral("Laminar"));
  QApplication::setApplicationName(QStringLiteral("laminar"));
  QApplication::setApplicationVersion(QString::fromStdString(versionString()));
  QApplication::setDesktopFileName(QStringLiteral("io.laminar.Laminar"));
  registerRunMetaTypes();

  CommandLine cl;
  cl.parser.process(app);
  const QString code = cl.isSet(cl.lang) ? cl.value(cl.lang) : Language::initial();
  if (!Language::available().contains(code)) return *refuse("--lang must be en or vi, not '" + code.toStdString() + "'");
  if (!Language::instance().set(code)) std::cerr << "laminar: the " << code.toStdString() << " translation is missing; using English\n";
  if (cl.isSet(cl.render)) return renderFigures(cl);

  // A scripted screenshot must not wait on a modal error dialog nobody can see: errors go
  // to stderr and the exit status.
  if (cl.isSet(cl.screenshot)) qputenv("LAMINAR_NO_DIALOGS", "1");
  MainWindow window;
  if (Outcome o = applyChoices(window, cl)) return *o;
  window.show();
  if (cl.isSet(cl.presentation)) window.setPresentationMode(true);
  if (cl.isSet(cl.screenshot)) arrangeScreenshot(window, cl);
  if (cl.isSet(cl.results)) window.openResults(cl.value(cl.results));
  if (cl.isSet(cl.run)) QTimer::singleShot(0, &window, &MainWindow::startRun);
  return app.exec();
}
