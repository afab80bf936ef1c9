// Presentation mode from the keyboard and a clicker only (key events sent to the window, menu
// bar hidden): F5/Esc, Space, PgUp/PgDn and Up/Down for views, Left/Right/Home/End for layers,
// +/- for the autoplay speed; every element scaled; "big text" kept across restarts; and a
// window whose minimum size fits a 1024x768 screen in English and Vietnamese without
// overlapping widgets (issue 14).
#include <QtTest>
#include <QScrollBar>
#include <QScrollArea>

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QStyleOptionComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTextEdit>
#include <QToolButton>

#include <qcustomplot.h>

#include "app_test_setup.h"
#include "plot_checks.h"
#include "app/experiment_panel.h"
#include "app/export_dialog.h"
#include "app/figure_set.h"
#include "app/language.h"
#include "app/main_window.h"
#include "app/model_panel.h"
#include "app/run_worker.h"
#include "app/sentence_panel.h"
#include "widgets/eliding_combo_box.h"
#include "widgets/figure_view.h"
#include "widgets/layer_cursor.h"

using namespace laminar;

namespace {

// The largest window a 1024x768 screen leaves: the full width, the height less a title bar
// and a panel of the desktop (about 68 px between them on common desktops).
constexpr int kScreenWidth = 1024;
constexpr int kUsableHeight = 700;

void saveScreenshot(QWidget& w, const QString& name) {
  const QString dir = qEnvironmentVariable("LAMINAR_SCREENSHOT_DIR");
  if (dir.isEmpty()) return;
  QDir().mkpath(dir);
  // What the user sees: the window's pending layout and resize events applied first (a dock
  // hidden or a font scaled a moment ago has not moved its neighbours yet).
  QTest::qWait(300);
  w.grab().save(QDir(dir).filePath(name));
}

// Visible widgets of one parent that overlap each other (labels, buttons, inputs...): what a
// squeezed layout shows as text drawn over text.
QStringList overlaps(QWidget* root) {
  QStringList found;
  QHash<QWidget*, QList<QWidget*>> byParent;
  for (QWidget* w : root->findChildren<QWidget*>()) {
    if (!w->isVisible() || w->isWindow() || !w->parentWidget()) continue;
    if (!(qobject_cast<QLabel*>(w) || qobject_cast<QAbstractButton*>(w) || qobject_cast<QComboBox*>(w) ||
          qobject_cast<QTextEdit*>(w) || qobject_cast<QAbstractSpinBox*>(w) || qobject_cast<QCustomPlot*>(w)))
      continue;
    byParent[w->parentWidget()] << w;
  }
  for (auto it = byParent.cbegin(); it != byParent.cend(); ++it) {
    const QList<QWidget*>& ws = it.value();
    for (int i = 0; i < ws.size(); ++i)
      for (int j = i + 1; j < ws.size(); ++j)
        if (ws[i]->geometry().intersects(ws[j]->geometry()))
          found << QStringLiteral("%1 %2 over %3 %4")
                       .arg(QString::fromLatin1(ws[i]->metaObject()->className()), ws[i]->objectName(),
                            QString::fromLatin1(ws[j]->metaObject()->className()), ws[j]->objectName());
  }
  return found;
}

}  // namespace

class PresentationTest : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  QString model_;  // 4 layers: room for Home, End and steps between

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    prepareApplicationTest(dir_);
    model_ = createTestModel(dir_, QStringLiteral("tiny"), "64x4x4");
    QSettings().clear();
  }

  void keysAloneDrivePresentationMode() {
    Language::instance().set(QStringLiteral("en"));
    MainWindow window;
    window.resize(1280, 800);
    window.show();
    QApplication::setActiveWindow(&window);
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QVERIFY(window.modelPanel()->selectDirectory(model_));
    QVERIFY(window.sentencePanel()->openExample(QStringLiteral("her")));
    QSignalSpy finished(window.runner(), &RunController::finished);
    window.startRun();
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 120000);
    LayerCursor* cursor = window.figures()->cursor();
    QCOMPARE(cursor->count(), 4);
    const double normalScale = window.currentView()->presentationScale();

    QTest::keyClick(&window, Qt::Key_F5);
    QVERIFY(window.presentationMode());
    QVERIFY(!window.menuBar()->isVisible());  // every key below works without the menu bar
    for (QDockWidget* d : window.findChildren<QDockWidget*>()) QVERIFY(!d->isVisible());
    // everything scaled: plot text, the view's controls and caption, the layer bar
    FigureView* view = window.currentView();
    QVERIFY(view->presentationScale() > 1.5 * normalScale);
    QVERIFY(view->captionLabel()->font().pointSizeF() > 1.5 * 9);
    QVERIFY(view->font().pointSizeF() > 1.5 * QApplication::font().pointSizeF());
    QVERIFY(window.playButton()->iconSize().width() > 1.5 * window.style()->pixelMetric(QStyle::PM_ToolBarIconSize));
    // the play button draws the style's icon, not a glyph the font may lack
    QVERIFY(window.playButton()->text().isEmpty() || window.playButton()->toolButtonStyle() == Qt::ToolButtonIconOnly);
    QVERIFY(!window.playButton()->icon().isNull());

    // layers: Home, Right, Right, End, Left
    QTest::keyClick(&window, Qt::Key_Home);
    QCOMPARE(cursor->layer(), 0);
    QTest::keyClick(&window, Qt::Key_Right);
    QCOMPARE(cursor->layer(), 1);
    QTest::keyClick(&window, Qt::Key_Right);
    QCOMPARE(cursor->layer(), 2);
    QTest::keyClick(&window, Qt::Key_End);
    QCOMPARE(cursor->layer(), 3);
    QTest::keyClick(&window, Qt::Key_Left);
    QCOMPARE(cursor->layer(), 2);
    saveScreenshot(window, QStringLiteral("presentation-keys-en.png"));

    // views: PgDn / PgUp (a clicker's buttons), Down / Up
    const int first = window.viewTabs()->currentIndex();
    QTest::keyClick(&window, Qt::Key_PageDown);
    const int second = window.viewTabs()->currentIndex();
    QVERIFY(second != first);
    QVERIFY(window.viewTabs()->isTabEnabled(second));
    QTest::keyClick(&window, Qt::Key_PageUp);
    QCOMPARE(window.viewTabs()->currentIndex(), first);
    QTest::keyClick(&window, Qt::Key_Down);
    QCOMPARE(window.viewTabs()->currentIndex(), second);
    QTest::keyClick(&window, Qt::Key_Up);
    QCOMPARE(window.viewTabs()->currentIndex(), first);
    // the views go round: back from the first is the analysis's last, and on from there the first
    QCOMPARE(window.currentViewIndex(), 0);
    QTest::keyClick(&window, Qt::Key_PageUp);
    QVERIFY(window.currentViewIndex() > 1);
    QVERIFY(window.viewTabs()->isTabEnabled(window.viewTabs()->currentIndex()));
    QTest::keyClick(&window, Qt::Key_PageDown);
    QCOMPARE(window.viewTabs()->currentIndex(), first);

    // Space plays and pauses; +/- change the autoplay speed
    const int interval = cursor->playIntervalMs();
    QTest::keyClick(&window, Qt::Key_Space);
    QVERIFY(cursor->playing());
    QVERIFY(window.playButton()->isChecked());
    QTest::keyClick(&window, Qt::Key_Plus);
    QVERIFY(cursor->playIntervalMs() < interval);
    QTest::keyClick(&window, Qt::Key_Minus);
    QTest::keyClick(&window, Qt::Key_Minus);
    QVERIFY(cursor->playIntervalMs() > interval);
    QCOMPARE(QSettings().value(QStringLiteral("plots/playIntervalMs")).toInt(), cursor->playIntervalMs());
    QTest::keyClick(&window, Qt::Key_Space);
    QVERIFY(!cursor->playing());

    // Esc leaves, F5 enters and leaves again; the panels come back as they were
    QTest::keyClick(&window, Qt::Key_Escape);
    QVERIFY(!window.presentationMode());
    QVERIFY(window.menuBar()->isVisible());
    QCOMPARE(window.currentView()->presentationScale(), normalScale);
    QTest::keyClick(&window, Qt::Key_F5);
    QVERIFY(window.presentationMode());
    QTest::keyClick(&window, Qt::Key_F5);
    QVERIFY(!window.presentationMode());
    QVERIFY(window.sidePanelsShown());
    // Up/Down are the lists' and combo boxes' again outside presentation mode
    const int now = window.viewTabs()->currentIndex();
    QTest::keyClick(&window, Qt::Key_Down);
    QCOMPARE(window.viewTabs()->currentIndex(), now);
  }

  void bigTextSurvivesARestart() {
    Language::instance().set(QStringLiteral("en"));
    double normal = 0;
    {
      MainWindow window;
      window.show();
      QApplication::setActiveWindow(&window);
      QVERIFY(QTest::qWaitForWindowActive(&window));
      QVERIFY(!window.bigText());
      normal = window.currentView()->presentationScale();
      QTest::keyClick(&window, Qt::Key_T, Qt::ControlModifier | Qt::ShiftModifier);
      QVERIFY(window.bigText());
      QVERIFY(window.currentView()->presentationScale() > normal);
      window.close();
    }
    {
      MainWindow window;  // a new start reads QSettings
      QVERIFY(window.bigText());
      QVERIFY(window.bigTextAction()->isChecked());
      QVERIFY(window.currentView()->presentationScale() > normal);
      window.setBigText(false);
    }
    MainWindow window;
    QVERIFY(!window.bigText());
  }

  void sidePanelsCollapseOutsidePresentationMode() {
    MainWindow window;
    window.show();
    QApplication::setActiveWindow(&window);
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QVERIFY(window.sidePanelsShown());
    QTest::keyClick(&window, Qt::Key_B, Qt::ControlModifier);
    QVERIFY(!window.sidePanelsShown());
    QVERIFY(!window.presentationMode());
    QVERIFY(window.menuBar()->isVisible());
    QTest::keyClick(&window, Qt::Key_B, Qt::ControlModifier);
    QVERIFY(window.sidePanelsShown());
  }

  // The export dialog offers the presets; a preset's size shows read-only, the user's own
  // custom size comes back when Custom is chosen again; looked at in both languages.
  void exportDialogShowsPresetsAndKeepsTheCustomSize_data() {
    QTest::addColumn<QString>("language");
    QTest::newRow("en") << QStringLiteral("en");
    QTest::newRow("vi") << QStringLiteral("vi");
  }
  void exportDialogShowsPresetsAndKeepsTheCustomSize() {
    QFETCH(QString, language);
    QVERIFY(Language::instance().set(language));
    ExportDialog dialog(nullptr, true);
    QComboBox* presets = dialog.presetBox();
    QCOMPARE(presets->count(), qsizetype(allPresets().size()));
    QList<QSpinBox*> spins = dialog.findChildren<QSpinBox*>();
    QCOMPARE(spins.size(), qsizetype(2));  // width, height
    presets->setCurrentIndex(presets->findData(presetKey(ExportPreset::Custom)));
    spins[0]->setValue(1234);
    spins[1]->setValue(567);
    for (ExportPreset p : allPresets()) {
      if (p == ExportPreset::Custom) continue;
      presets->setCurrentIndex(presets->findData(presetKey(p)));
      QCOMPARE(dialog.preset(), p);
      const FigureExportOptions want = presetOptions(p, dialog.options().format);
      QCOMPARE(dialog.options().width, want.width);
      QCOMPARE(dialog.options().height, want.height);
      QCOMPARE(spins[0]->value(), want.width);  // what the dialog shows is what it exports
      QVERIFY(!spins[0]->isEnabled());
      QVERIFY(want.width != 1234);
    }
    presets->setCurrentIndex(presets->findData(presetKey(ExportPreset::PublicationSingle)));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY2(overlaps(&dialog).isEmpty(), qPrintable(overlaps(&dialog).join(QLatin1Char('\n'))));
    saveScreenshot(dialog, QStringLiteral("export-dialog-%1.png").arg(language));
    presets->setCurrentIndex(presets->findData(presetKey(ExportPreset::Custom)));
    QVERIFY(spins[0]->isEnabled());
    QCOMPARE(dialog.options().width, 1234);
    QCOMPARE(dialog.options().height, 567);
    Language::instance().set(QStringLiteral("en"));
  }

  void theWindowFitsA1024x768Screen_data() {
    QTest::addColumn<QString>("language");
    QTest::newRow("en") << QStringLiteral("en");
    QTest::newRow("vi") << QStringLiteral("vi");
  }

  void theWindowFitsA1024x768Screen() {
    QFETCH(QString, language);
    QVERIFY(Language::instance().set(language));
    MainWindow window;
    QVERIFY(window.sentencePanel()->openExample(QStringLiteral("her")));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTest::qWait(50);
    const QSize minimum = window.minimumSizeHint().expandedTo(window.minimumSize());
    QVERIFY2(minimum.width() <= kScreenWidth && minimum.height() <= kUsableHeight,
             qPrintable(QStringLiteral("minimum %1x%2").arg(minimum.width()).arg(minimum.height())));
    window.resize(kScreenWidth, kUsableHeight);
    QTest::qWait(100);
    QCOMPARE(window.size(), QSize(kScreenWidth, kUsableHeight));
    checkFits(window);
    if (QTest::currentTestFailed()) return;
    saveScreenshot(window, QStringLiteral("window-1024x700-%1.png").arg(language));
    // After a run with its untrained control: the laminar profile shows its "Difference from
    // the untrained control" box, which once made the view so wide that the panels were
    // squeezed to a sliver. Both experiments: the MI profile's axis label is the longest.
    QVERIFY(window.modelPanel()->selectDirectory(model_));
    for (const QString example : {QStringLiteral("her"), QStringLiteral("coffee")}) {
      QVERIFY(window.sentencePanel()->openExample(example));
      window.experimentPanel()->controlBox()->setChecked(true);
      QSignalSpy finished(window.runner(), &RunController::finished);
      window.startRun();
      QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 120000);
      window.showView(0);
      QVERIFY(window.currentView()->findChild<QCheckBox*>(QStringLiteral("difference"))->isVisible());
      QTest::qWait(100);
      checkFits(window);
      if (QTest::currentTestFailed()) return;
      saveScreenshot(window, QStringLiteral("window-1024x700-control-%1-%2.png").arg(example, language));
      window.experimentPanel()->controlBox()->setChecked(false);
    }
    Language::instance().set(QStringLiteral("en"));
  }

  // A classroom projector's 1280x800: the "Try a sentence" row is in view without scrolling
  // the Sentences panel, in both languages, with an example's description shown. The token
  // list gives up its preferred height for it (it once pushed the row below the fold).
  void theTrySentenceRowIsInViewAt1280x800_data() { theWindowFitsA1024x768Screen_data(); }
  void theTrySentenceRowIsInViewAt1280x800() {
    QFETCH(QString, language);
    QVERIFY(Language::instance().set(language));
    MainWindow window;
    QVERIFY(window.sentencePanel()->openExample(QStringLiteral("her")));
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTest::qWait(100);
    auto* scroll = window.findChild<QScrollArea*>(QStringLiteral("sentenceDockScroll"));
    QVERIFY(scroll);
    auto* trial = window.sentencePanel()->findChild<QWidget*>(QStringLiteral("trySentence"));
    QVERIFY(trial && trial->isVisible());
    const QRect inViewport(trial->mapTo(scroll->viewport(), QPoint(0, 0)), trial->size());
    QVERIFY2(scroll->viewport()->rect().contains(inViewport),
             qPrintable(QStringLiteral("row at y %1-%2, viewport height %3")
                            .arg(inViewport.top())
                            .arg(inViewport.bottom())
                            .arg(scroll->viewport()->height())));
    QVERIFY(window.sentencePanel()->tokenView()->height() >= 120);
    Language::instance().set(QStringLiteral("en"));
  }

  // A window given its size before it is shown (a restored geometry on a projector, `laminar
  // --size 1024x700`) narrows its side panels too, not only one resized while shown.
  void aWindowSizedBeforeShowingNarrowsItsPanels() {
    MainWindow window;
    QVERIFY(window.sentencePanel()->openExample(QStringLiteral("her")));
    window.resize(kScreenWidth, kUsableHeight);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTest::qWait(500);
    int left = 0;
    for (QDockWidget* dock : window.findChildren<QDockWidget*>()) {
      if (!dock->isVisible() || dock->isFloating() || window.dockWidgetArea(dock) != Qt::LeftDockWidgetArea) continue;
      ++left;
      QVERIFY2(dock->width() <= kScreenWidth * 0.38 + 1,
               qPrintable(QStringLiteral("%1: %2 px of %3").arg(dock->objectName()).arg(dock->width()).arg(window.width())));
    }
    QVERIFY(left > 0);
  }

 private:
  // The window at its size shows every widget whole: none over another, and the side panels
  // fit their docks' width, no row cut at the right edge or hidden behind a horizontal scroll
  // bar (long labels wrap, combo boxes shrink).
  static void checkFits(MainWindow& window) {
    const QSize minimum = window.minimumSizeHint().expandedTo(window.minimumSize());
    QVERIFY2(minimum.width() <= kScreenWidth, qPrintable(QStringLiteral("minimum width %1").arg(minimum.width())));
    const QStringList overlapping = overlaps(&window);
    QVERIFY2(overlapping.isEmpty(), qPrintable(overlapping.join(QStringLiteral("; "))));
    // The figure keeps room for its data: its title, legend and labels once left the laminar
    // profile 25 px tall (a Vietnamese legend of eight entries, one a row).
    QCustomPlot* plot = window.currentView()->plot();
    for (QCPAxisRect* rect : plot->axisRects())
      QVERIFY2(!rect->visible() || rect->height() >= 60,
               qPrintable(QStringLiteral("%1: axes %2 px tall in a %3 px plot").arg(window.currentView()->figureId()).arg(rect->height()).arg(plot->height())));
    const QStringList longLabels = test::axisLabelsLongerThanTheirAxes(plot);
    QVERIFY2(longLabels.isEmpty(), qPrintable(longLabels.join(QStringLiteral("; "))));
    // A combo box narrower than its text ends it with "…", not cut mid-letter.
    for (QComboBox* box : window.findChildren<QComboBox*>()) {
      if (!box->isVisible() || box->visibleRegion().isEmpty()) continue;
      QStyleOptionComboBox option;
      option.initFrom(box);
      const int field =
          box->style()->subControlRect(QStyle::CC_ComboBox, &option, QStyle::SC_ComboBoxEditField, box).width() - 2;
      if (box->fontMetrics().horizontalAdvance(box->currentText()) <= field) continue;
      const auto* eliding = qobject_cast<ElidingComboBox*>(box);
      QVERIFY2(eliding && eliding->shownText().endsWith(QChar(0x2026)) &&
                   box->fontMetrics().horizontalAdvance(eliding->shownText()) <= field,
               qPrintable(QStringLiteral("%1: \"%2\" cut to %3 px").arg(box->objectName(), box->currentText()).arg(field)));
    }
    for (QScrollArea* scroll : window.findChildren<QScrollArea*>()) {
      if (!scroll->objectName().endsWith(QStringLiteral("DockScroll")) || !scroll->isVisible() || scroll->visibleRegion().isEmpty())
        continue;  // a tab behind another
      QVERIFY2(!scroll->horizontalScrollBar()->isVisible(),
               qPrintable(QStringLiteral("%1: content %2 px wide in a %3 px viewport")
                              .arg(scroll->objectName())
                              .arg(scroll->widget()->minimumSizeHint().width())
                              .arg(scroll->viewport()->width())));
    }
  }
};

QTEST_MAIN(PresentationTest)
#include "test_presentation.moc"
