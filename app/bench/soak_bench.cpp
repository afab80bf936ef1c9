// A long classroom session in the real main window (a soak test): N runs in a row on the
// a synthetic 12-layer model, alternating the two experiments (similarity on her.txt, mi-distance on
// coffee.txt), a third of them cancelled at a seeded random layer, the language switched
// and every figure exported between runs, each completed run saved as a results folder.
// Prints the resident-memory curve (after each run) and checks at the end:
//  - no crash, every run ended (finished or cancelled, never failed), no run still going;
//  - no stale worker thread: the process has no more threads than after the third run;
//  - no temporary left: nothing but the saved results and exports in the session folder;
//  - every completed run's results folder loads and holds what the run produced;
//  - resident memory after the last run within 10 % of after the third.
// Exit code 0 when all hold. CTest runs a short session (--runs 6); the 30-run curve is
// the benchmark (laminar-soak-bench --runs 30).
//
// usage: laminar-soak-bench [--runs N] [--seed S] [--model DIR] [--keep]
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QTimer>

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "analysis/run_results.h"
#include "app/demo_model.h"
#include "app/experiment_panel.h"
#include "app/figure_set.h"
#include "app/language.h"
#include "app/main_window.h"
#include "app/model_panel.h"
#include "app/run_worker.h"
#include "app/sentence_panel.h"
#include "util/data_paths.h"
#include "widgets/figure_export.h"
#include "util/thread_wait_policy.h"

namespace fs = std::filesystem;
using namespace laminar;

namespace {

double residentMiB() {
  std::ifstream statm("/proc/self/statm");
  long pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * static_cast<double>(::sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0);
}

int threadCount() {
  int n = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator("/proc/self/task")) ++n;
  return n;
}

std::set<std::string> entriesOf(const fs::path& dir) {
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.insert(e.path().filename().string());
  return names;
}

struct Run {
  std::string experiment;
  int cancelAfterLayers = -1;  // -1: runs to the end
  std::string outcome;         // finished / cancelled / failed: message
  double rssMiB = 0;
  int threads = 0;
  double seconds = 0;
  fs::path saved;
  size_t vectors = 0;
};

}  // namespace

int main(int argc, char** argv) {
  (void)laminar::passiveThreadWaits();  // links in the step that sets the pools' wait policy
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
  qputenv("LAMINAR_NO_DIALOGS", "1");
  QApplication app(argc, argv);
  QApplication::setOrganizationName(QStringLiteral("Laminar"));
  QApplication::setApplicationName(QStringLiteral("laminar-soak"));
  QCommandLineParser parser;
  QCommandLineOption runsOpt(QStringLiteral("runs"), QStringLiteral("runs in the session"), QStringLiteral("N"), QStringLiteral("30"));
  QCommandLineOption seedOpt(QStringLiteral("seed"), QStringLiteral("seed of the cancel choices"), QStringLiteral("S"), QStringLiteral("13"));
  QCommandLineOption modelOpt(QStringLiteral("model"), QStringLiteral("checkpoint folder (default: a synthetic 256x12x8 model)"), QStringLiteral("DIR"));
  QCommandLineOption keepOpt(QStringLiteral("keep"), QStringLiteral("keep the session folder"));
  parser.addOptions({runsOpt, seedOpt, modelOpt, keepOpt});
  parser.addHelpOption();
  parser.process(app);
  const int runs = std::max(4, parser.value(runsOpt).toInt());

  const fs::path session = fs::temp_directory_path() / ("laminar-soak-" + std::to_string(::getpid()));
  fs::create_directories(session);
  // A synthetic 12-layer model in this session's folder (a user's data is untouched), deeper
  // than the shipped 6-layer demo model, so cancellation lands at more layer boundaries; the
  // soak alternates both experiments on the bundled examples.
  const fs::path model = parser.isSet(modelOpt) ? fs::path(parser.value(modelOpt).toStdString()) : session / "model";
  if (!parser.isSet(modelOpt)) createDemoModel(model, nullptr, "256x12x8");
  const std::set<std::string> before = entriesOf(session);

  // A third of the runs, chosen by the seed, are cancelled after a random number of layers.
  std::mt19937 rng(parser.value(seedOpt).toUInt());
  std::vector<Run> plan(static_cast<size_t>(runs));
  std::vector<size_t> order(plan.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::shuffle(order.begin(), order.end(), rng);
  for (size_t i = 0; i < plan.size(); ++i) plan[i].experiment = i % 2 ? "mi-distance" : "similarity";
  for (size_t k = 0; k < plan.size() / 3; ++k) plan[order[k]].cancelAfterLayers = static_cast<int>(rng() % 8);

  Language::instance().set(QStringLiteral("en"));
  auto window = std::make_unique<MainWindow>();
  window->resize(1280, 860);
  window->show();
  if (!window->modelPanel()->selectDirectory(QString::fromStdString(model.string()))) {
    std::printf("cannot select the model %s\n", model.c_str());
    return 1;
  }

  size_t current = 0;
  int layers = 0;
  QElapsedTimer clock;
  ResultsPtr lastResults;
  std::function<void()> next;
  auto endRun = [&](const std::string& outcome) {
    Run& r = plan[current];
    r.outcome = outcome;
    r.seconds = clock.elapsed() / 1000.0;
    // Between runs, as a user in a classroom would: switch the language, export the figures.
    window->setLanguage(current % 2 ? QStringLiteral("en") : QStringLiteral("vi"));
    if (lastResults && outcome == "finished") {
      r.saved = session / ("run-" + std::to_string(current));
      saveResults(*lastResults, r.saved);
      r.vectors = lastResults->vectors.size();
      FigureExportOptions options;
      options.width = 600;
      exportAll(window->figures()->viewsFor(*lastResults), QString::fromStdString((session / ("export-" + std::to_string(current))).string()),
                options, current % 4 == 0);
    }
    lastResults.reset();
    QApplication::processEvents();
    r.rssMiB = residentMiB();
    r.threads = threadCount();
    std::printf("run %2zu %-11s %-9s %5.1f s  RSS %7.1f MiB  threads %d\n", current + 1, r.experiment.c_str(),
                r.outcome.c_str(), r.seconds, r.rssMiB, r.threads);
    std::fflush(stdout);
    ++current;
    QTimer::singleShot(50, next);
  };
  next = [&] {
    if (current == plan.size()) {
      QApplication::exit(0);
      return;
    }
    const Run& r = plan[current];
    const bool mi = r.experiment == "mi-distance";
    const fs::path file = findDataPath(mi ? "examples/coffee.txt" : "examples/her.txt");
    if (!window->sentencePanel()->openFile(QString::fromStdString(file.string()))) {
      endRun("failed: cannot open " + file.string());
      return;
    }
    window->experimentPanel()->setExperiment(QString::fromStdString(r.experiment));
    layers = 0;
    clock.start();
    window->startRun();  // as if the user pressed Run
    if (r.cancelAfterLayers == 0) QTimer::singleShot(0, window.get(), &MainWindow::cancelRun);
  };
  QObject::connect(window->runner(), &RunController::layerFinished, [&](const ResultsPtr&, int) {
    if (++layers == plan[current].cancelAfterLayers) window->cancelRun();
  });
  QObject::connect(window->runner(), &RunController::finished, [&](const ResultsPtr& results) {
    lastResults = results;
    QTimer::singleShot(0, [&] { endRun("finished"); });
  });
  QObject::connect(window->runner(), &RunController::cancelled, [&] { QTimer::singleShot(0, [&] { endRun("cancelled"); }); });
  QObject::connect(window->runner(), &RunController::failed, [&](const QString& m) {
    const std::string message = m.toStdString();
    QTimer::singleShot(0, [&, message] { endRun("failed: " + message); });
  });
  QTimer::singleShot(300, next);
  app.exec();

  // The checks.
  std::vector<std::string> problems;
  const bool stillRunning = window->runner()->running();
  if (stillRunning) problems.push_back("a run is still going after the session");
  int completed = 0, cancelled = 0;
  for (size_t i = 0; i < plan.size(); ++i) {
    const Run& r = plan[i];
    if (r.outcome == "finished") {
      ++completed;
      try {
        const RunResults loaded = loadResults(r.saved);
        if (loaded.experiment != r.experiment || loaded.vectors.size() != r.vectors)
          problems.push_back("run " + std::to_string(i + 1) + ": results folder loads different results");
      } catch (const std::exception& e) {
        problems.push_back("run " + std::to_string(i + 1) + ": results folder does not load: " + e.what());
      }
    } else if (r.outcome == "cancelled") {
      ++cancelled;
    } else {
      problems.push_back("run " + std::to_string(i + 1) + ": " + r.outcome);
    }
  }
  const Run& third = plan[2];
  const Run& last = plan.back();
  if (last.threads > third.threads)
    problems.push_back("threads grew from " + std::to_string(third.threads) + " after run 3 to " +
                       std::to_string(last.threads) + " after the last run");
  const double growth = last.rssMiB / third.rssMiB - 1.0;
  if (growth > 0.10) problems.push_back("resident memory grew " + std::to_string(growth * 100) + " % after run 3");
  for (const std::string& name : entriesOf(session)) {
    if (before.count(name)) continue;
    if (name.rfind("run-", 0) == 0 && name.find('.') == std::string::npos) continue;
    if (name.rfind("export-", 0) == 0 && name.find('.') == std::string::npos) continue;
    problems.push_back("left in the session folder: " + name);
  }
  window.reset();  // closing the window joins the worker thread
  std::printf("memory curve (MiB after each run):");
  for (const Run& r : plan) std::printf(" %.1f", r.rssMiB);
  std::printf("\n%d runs: %d finished, %d cancelled; RSS after run 3 %.1f MiB, after run %d %.1f MiB (%+.1f %%); threads %d -> %d\n",
              runs, completed, cancelled, third.rssMiB, runs, last.rssMiB, growth * 100, third.threads, last.threads);
  if (!parser.isSet(keepOpt)) fs::remove_all(session);
  for (const auto& p : problems) std::printf("PROBLEM: %s\n", p.c_str());
  std::printf("RESULT %s\n", problems.empty() ? "PASS" : "FAIL");
  return problems.empty() ? 0 : 2;
}
