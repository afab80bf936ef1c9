// Responsiveness benchmark (not a test): while a GPT-2 XL-shaped synthetic model runs on the
// CPU in the real main window, a 5 ms timer on the GUI thread measures how late each of its
// ticks fires. The worst lateness is the longest the event loop stalled.
//
// usage: laminar-responsiveness-bench [--model DIR] [--shape gpt2-xl] [--sentences FILE]
//                                     [--experiment similarity|mi-distance]
// A missing --model folder is created with the synthetic weights of --shape (GPT-2 XL: 6.2 GB).
#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QTimer>

#include <time.h>

#include <algorithm>
#include <cstdio>
#include <vector>

#include "app/demo_model.h"
#include "app/experiment_panel.h"
#include "app/figure_set.h"
#include "app/language.h"
#include "analysis/mi_distance_results.h"
#include "analysis/similarity_results.h"
#include "app/main_window.h"
#include "app/model_panel.h"
#include "app/run_worker.h"
#include "app/sentence_panel.h"
#include "util/data_paths.h"
#include "util/thread_wait_policy.h"

int main(int argc, char** argv) {
  (void)laminar::passiveThreadWaits();  // links in the step that sets the pools' wait policy
  using namespace laminar;
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
  qputenv("LAMINAR_NO_DIALOGS", "1");
  QApplication app(argc, argv);
  QApplication::setOrganizationName(QStringLiteral("Laminar"));
  QApplication::setApplicationName(QStringLiteral("laminar-bench"));
  QCommandLineParser parser;
  QCommandLineOption model(QStringLiteral("model"), QStringLiteral("checkpoint folder"), QStringLiteral("DIR"), QStringLiteral("/tmp/laminar-bench-gpt2-xl"));
  QCommandLineOption shape(QStringLiteral("shape"), QStringLiteral("shape of a generated model"), QStringLiteral("SHAPE"), QStringLiteral("gpt2-xl"));
  QCommandLineOption sentences(QStringLiteral("sentences"), QStringLiteral("sentence file"), QStringLiteral("FILE"));
  QCommandLineOption experiment(QStringLiteral("experiment"), QStringLiteral("experiment"), QStringLiteral("NAME"), QStringLiteral("similarity"));
  parser.addOptions({model, shape, sentences, experiment});
  parser.addHelpOption();
  parser.process(app);

  const std::filesystem::path dir = parser.value(model).toStdString();
  if (!demoModelReady(dir)) {
    std::printf("writing synthetic %s to %s ...\n", qPrintable(parser.value(shape)), dir.c_str());
    std::fflush(stdout);
    createDemoModel(dir, nullptr, parser.value(shape).toStdString());
  }
  Language::instance().set(QStringLiteral("en"));
  MainWindow window;
  window.resize(1440, 920);
  window.show();
  if (!window.modelPanel()->selectDirectory(QString::fromStdString(dir.string()))) return 1;
  const QString file = parser.isSet(sentences)
                           ? parser.value(sentences)
                           : QString::fromStdString(findDataPath(parser.value(experiment) == QLatin1String("mi-distance")
                                                                     ? "examples/coffee.txt"
                                                                     : "examples/her.txt")
                                                        .string());
  if (!window.sentencePanel()->openFile(file)) return 1;
  window.experimentPanel()->setExperiment(parser.value(experiment));

  // The probe: a 5 ms timer; lateness = gap between ticks minus the interval.
  // For each gap also the GUI thread's own CPU time: a long gap with little CPU time is the
  // operating system giving the core to someone else, a long gap with much CPU time is our
  // own work on the GUI thread.
  auto threadCpuMs = [] {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
  };
  std::vector<double> lateness, busy, at;
  double lastCpu = 0;
  QElapsedTimer clock, total;
  QTimer probe;
  probe.setTimerType(Qt::PreciseTimer);
  probe.setInterval(5);
  QObject::connect(&probe, &QTimer::timeout, [&] {
    const double gap = clock.nsecsElapsed() / 1e6;
    clock.restart();
    const double cpu = threadCpuMs();
    lateness.push_back(std::max(0.0, gap - 5.0));
    busy.push_back(cpu - lastCpu);
    at.push_back(total.elapsed() / 1000.0);
    lastCpu = cpu;
  });
  int layers = 0;
  double worstAt = 0;
  // First layer on screen: from "Run" to the GUI thread holding layer 0 (the plot repaints
  // in the same event-loop turn), against that layer's own forward + analysis time.
  QElapsedTimer sinceRun;
  QObject::connect(window.runner(), &RunController::layerFinished, [&](const ResultsPtr& results, int) {
    if (++layers != 1 || !results) return;
    const double onScreen = sinceRun.elapsed() / 1000.0;
    double forward = 0, analysis = 0;
    if (results->get<SimilarityResults>() && !results->get<SimilarityResults>()->layers.empty()) {
      forward = results->get<SimilarityResults>()->layers.front().forwardSeconds;
      analysis = results->get<SimilarityResults>()->layers.front().analysisSeconds;
    } else if (results->get<MiDistanceResults>() && !results->get<MiDistanceResults>()->layers.empty()) {
      forward = results->get<MiDistanceResults>()->layers.front().forwardSeconds;
      analysis = results->get<MiDistanceResults>()->layers.front().analysisSeconds;
    }
    const double budget = forward + analysis + 0.5;
    std::printf("first layer on screen %.2f s after Run (layer 0: forward %.2f s + analysis %.2f s; budget %.2f s) %s\n",
                onScreen, forward, analysis, budget, onScreen <= budget ? "PASS" : "OVER");
  });
  auto finish = [&](const char* how) {
    probe.stop();
    std::vector<double> sorted = lateness;
    std::sort(sorted.begin(), sorted.end());
    auto pct = [&](double q) { return sorted.empty() ? 0.0 : sorted[static_cast<size_t>(q * (sorted.size() - 1))]; };
    const double worst = sorted.empty() ? 0.0 : sorted.back();
    size_t worstIndex = 0;
    for (size_t i = 0; i < lateness.size(); ++i)
      if (lateness[i] > lateness[worstIndex]) worstIndex = i;
    const double busiest = busy.empty() ? 0.0 : *std::max_element(busy.begin(), busy.end());
    std::printf("run %s: %d layers in %.1f s (model %s, %s)\n", how, layers, total.elapsed() / 1000.0, dir.c_str(),
                qPrintable(parser.value(experiment)));
    std::printf("event-loop probe: %zu ticks, lateness p50 %.2f ms, p99 %.2f ms, worst %.2f ms (at %.1f s)\n",
                lateness.size(), pct(0.5), pct(0.99), worst, worstAt);
    std::printf("GUI thread CPU time inside the worst gap: %.2f ms; longest GUI-thread work between two ticks: %.2f ms\n",
                busy.empty() ? 0.0 : busy[worstIndex], busiest);
    std::vector<size_t> order(lateness.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return lateness[a] > lateness[b]; });
    for (size_t k = 0; k < std::min<size_t>(5, order.size()); ++k)
      std::printf("  stall %.2f ms at %.2f s (GUI thread CPU %.2f ms)\n", lateness[order[k]], at[order[k]], busy[order[k]]);
    std::printf("RESULT worst_stall_ms=%.2f %s\n", worst, worst < 50 ? "PASS (< 50 ms)" : "FAIL (>= 50 ms)");
    QApplication::exit(worst < 50 ? 0 : 2);
  };
  QObject::connect(&probe, &QTimer::timeout, [&] {
    if (!lateness.empty() && lateness.back() >= *std::max_element(lateness.begin(), lateness.end()))
      worstAt = total.elapsed() / 1000.0;
  });
  QObject::connect(window.runner(), &RunController::finished, [&](const ResultsPtr&) { finish("finished"); });
  QObject::connect(window.runner(), &RunController::failed, [&](const QString& m) {
    std::printf("run failed: %s\n", qPrintable(m));
    finish("failed");
  });
  QTimer::singleShot(200, [&] {
    clock.start();
    total.start();
    lastCpu = threadCpuMs();
    probe.start();
  });
  // The window loads the selected model in the background from the start; the user presses
  // Run once it is ready (the first-layer budget is about computing, not loading 6 GB).
  QObject::connect(window.runner(), &RunController::preloaded, &window, [&](bool) {
    QTimer::singleShot(500, [&] {
      sinceRun.start();
      window.startRun();  // as if the user pressed Run
    });
  }, Qt::SingleShotConnection);
  return app.exec();
}
