// A long session in the main window, as a class uses it for an afternoon: every analysis run
// again and again (one with its untrained control), every layer and view stepped through (and
// the views that can, switched to the control and back),
// the language switched, a run saved, reopened and compared. After a warm-up round nothing
// may accumulate: no widgets or objects left behind by earlier runs, no threads, no open
// files, and resident memory within a small allowance.
#include <QtTest>

#include <QApplication>
#include <QCheckBox>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QPushButton>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QThreadPool>

#include "analysis/run_results.h"
#include "app_test_setup.h"
#include "app/experiment_panel.h"
#include "app/figure_set.h"
#include "app/language.h"
#include "app/main_window.h"
#include "app/model_panel.h"
#include "app/run_worker.h"
#include "widgets/figure_view.h"
#include "app/sentence_panel.h"
#include "widgets/layer_cursor.h"

using namespace laminar;

namespace {

int openFiles() { return static_cast<int>(QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::NoDotAndDotDot | QDir::System).size()); }

// The names of the process's threads (/proc/self/task/*/comm), sorted: which ones came.
QStringList threadNames() {
  QStringList names;
  for (const QString& task : QDir(QStringLiteral("/proc/self/task")).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
    QFile comm(QStringLiteral("/proc/self/task/%1/comm").arg(task));
    if (comm.open(QIODevice::ReadOnly)) names << QString::fromUtf8(comm.readAll()).trimmed();
  }
  names.sort();
  return names;
}

struct Footprint {
  int objects = 0;  // QObjects under the window, dialogs and watchers included
  int widgets = 0;  // every widget of the application, top-level ones too
  long threads = 0;
  QStringList threadNames;
  int files = 0;
  long residentKb = 0;
};

struct Step {
  const char* analysis;
  const char* example;
  bool control;
};
const Step kSession[] = {{"similarity", "her", true},
                         {"mi-distance", "coffee", false},
                         {"logit-lens", "her", false},
                         {"attention-pattern", "her", false}};

}  // namespace

class LongSessionTest : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  QString model_;
  MainWindow* window_ = nullptr;

  Footprint footprint() const {
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);  // deleteLater()'d objects go first
    // QtConcurrent's tasks end and its pool's idle threads go here (they would linger 30 s).
    QThreadPool::globalInstance()->waitForDone();
    Footprint f;
    f.objects = static_cast<int>(window_->findChildren<QObject*>().size());
    f.widgets = static_cast<int>(QApplication::allWidgets().size());
    f.threads = processStatusField("Threads:");
    f.threadNames = threadNames();
    f.files = openFiles();
    f.residentKb = processStatusField("VmRSS:");
    return f;
  }

  void run(const Step& step) {
    QVERIFY(window_->sentencePanel()->openExample(QString::fromLatin1(step.example)));
    window_->experimentPanel()->setExperiment(QString::fromLatin1(step.analysis));
    QCOMPARE(window_->experimentPanel()->experiment(), QString::fromLatin1(step.analysis));
    window_->experimentPanel()->controlBox()->setChecked(step.control);
    QSignalSpy finished(window_->runner(), &RunController::finished);
    window_->experimentPanel()->runButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 120000);
    QTRY_VERIFY(window_->figures()->results() != nullptr);
  }

  void lookThrough() {  // every layer of every view, as arrow keys and PgDn do
    LayerCursor* cursor = window_->figures()->cursor();
    for (int view = 0; view < 8; ++view) {
      window_->showView(view);
      for (int layer = 0; layer < cursor->count(); ++layer) cursor->setLayer(layer);
      // A view that shows the control instead of the run: its layers too, then the run again.
      FigureView* shown = window_->currentView();
      auto* toggle = shown ? shown->findChild<QCheckBox*>(QStringLiteral("showControl")) : nullptr;
      if (toggle && toggle->isVisible() && toggle->isEnabled()) {
        toggle->setChecked(true);
        for (int layer = 0; layer < cursor->count(); ++layer) cursor->setLayer(layer);
        toggle->setChecked(false);
      }
      QCoreApplication::processEvents();
    }
  }

  void saveReopenCompare(int round) {
    const QString saved = dir_.filePath(QStringLiteral("round-%1").arg(round));
    saveResults(*window_->figures()->results(), saved.toStdString());
    QSignalSpy shown(window_, &MainWindow::resultsShown);
    window_->openResults(saved);
    QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty(), 60000);
    shown.clear();
    window_->openResults(saved, true);
    QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty(), 60000);
    lookThrough();
    window_->stopComparing();
  }

  void round(int index) {
    for (const Step& step : kSession) {
      run(step);
      if (QTest::currentTestFailed()) return;
      lookThrough();
      if (step.control) saveReopenCompare(index);
      if (QTest::currentTestFailed()) return;
    }
    window_->setLanguage(QStringLiteral("vi"));
    lookThrough();
    window_->setLanguage(QStringLiteral("en"));
  }

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    prepareApplicationTest(dir_);
    model_ = createTestModel(dir_, QStringLiteral("tiny"), "64x2x4");
    Language::instance().set(QStringLiteral("en"));
  }

  void nothingAccumulatesOverASession() {
    MainWindow window;
    window_ = &window;
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.modelPanel()->selectDirectory(model_));
    // Two warm-up rounds: caches, thread pools, allocator arenas, lazily built views.
    for (int i = 0; i < 2; ++i) {
      round(i);
      if (QTest::currentTestFailed()) return;
    }
    const Footprint before = footprint();
    constexpr int kRounds = 4;
    for (int i = 2; i < 2 + kRounds; ++i) {
      round(i);
      if (QTest::currentTestFailed()) return;
    }
    const Footprint after = footprint();
    qInfo("objects %d -> %d, widgets %d -> %d, threads %ld -> %ld, files %d -> %d, resident %ld -> %ld kB; threads: %s",
          before.objects, after.objects, before.widgets, after.widgets, before.threads, after.threads, before.files,
          after.files, before.residentKb, after.residentKb, qPrintable(after.threadNames.join(QStringLiteral(", "))));
    QCOMPARE(after.objects, before.objects);
    QCOMPARE(after.widgets, before.widgets);
    // Threads come and go with the work: Qt's pools keep an idle thread for 30 s, a run's
    // thread ends a moment after its results arrive, so on a loaded machine either count may
    // hold one or two of them. What must not happen is threads piling up round after round:
    // the count comes back to the warm-up's once the pools' idle threads have expired.
    Footprint settled = after;
    for (QDeadlineTimer expiry(40000); settled.threads > before.threads && !expiry.hasExpired(); settled = footprint())
      QTest::qWait(200);
    QVERIFY2(settled.threads <= before.threads, qPrintable(QStringLiteral("threads %1 -> %2: [%3] -> [%4]")
                                                               .arg(before.threads)
                                                               .arg(settled.threads)
                                                               .arg(before.threadNames.join(QStringLiteral(", ")),
                                                                    settled.threadNames.join(QStringLiteral(", ")))));
    QCOMPARE(after.files, before.files);
    const long grownKb = after.residentKb - before.residentKb;
    QVERIFY2(grownKb < 40 * 1024,
             qPrintable(QStringLiteral("resident memory grew by %1 kB over %2 rounds").arg(grownKb).arg(kRounds)));
    window_ = nullptr;
  }
};

QTEST_MAIN(LongSessionTest)
#include "test_long_session.moc"
