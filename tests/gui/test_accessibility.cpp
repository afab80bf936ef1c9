// Keyboard and screen-reader use of the window: every control a user can Tab to has a name
// a screen reader can say, in English and in Vietnamese (its own text, its label as buddy,
// or an accessible name); every figure is a chart named by its title and described by its
// caption, the layer shown and its values there (or its legend), following the layer; Tab
// alone reaches every control and the figure, without a trap.
#include <QtTest>

#include <QAbstractButton>
#include <QAccessible>
#include <QApplication>
#include <QSet>
#include <QTabBar>
#include <QTemporaryDir>

#include "app/experiment_panel.h"
#include "app/export_dialog.h"
#include "app/figure_set.h"
#include "app/language.h"
#include "app/main_window.h"
#include "app/model_panel.h"
#include "app/models_dialog.h"
#include "app/run_worker.h"
#include "app/sentence_panel.h"
#include "app_test_setup.h"
#include "widgets/figure_view.h"
#include "widgets/layer_cursor.h"

using namespace laminar;

namespace {

// Widgets the keyboard can reach: shown, enabled, taking Tab focus, not a part that passes
// its focus on (a spin box's inner line edit).
QList<QWidget*> tabStops(QWidget* top) {
  QList<QWidget*> out;
  for (QWidget* w : top->findChildren<QWidget*>()) {
    if (!w->isVisibleTo(top) || !w->isEnabled() || !(w->focusPolicy() & Qt::TabFocus)) continue;
    if (w->focusProxy()) continue;
    out << w;
  }
  return out;
}

QString describe(const QWidget* w) {
  return QStringLiteral("%1 \"%2\"").arg(QString::fromLatin1(w->metaObject()->className()), w->objectName());
}

// What a screen reader says as the widget's name. Its own accessible name first; then the
// label that names it (a QLabel whose buddy it is: AT-SPI's labelled-by relation); then,
// for buttons, check boxes and tab bars only, their own text. A combo box's or an edit
// field's Name on Linux is its value, which names nothing, so those need a label.
QString spokenName(QWidget* w) {
  if (!w->accessibleName().isEmpty()) return w->accessibleName();
  QAccessibleInterface* iface = QAccessible::queryAccessibleInterface(w);
  if (!iface) return {};
  for (const auto& [label, relation] : iface->relations(QAccessible::Label)) {
    const QString text = label->text(QAccessible::Name).trimmed();
    if (!text.isEmpty()) return text;
  }
  if (qobject_cast<QAbstractButton*>(w) || qobject_cast<QTabBar*>(w)) return iface->text(QAccessible::Name).trimmed();
  return {};
}

QStringList unnamed(QWidget* top) {
  QStringList bad;
  for (QWidget* w : tabStops(top))
    if (spokenName(w).isEmpty()) bad << describe(w);
  return bad;
}

QAccessibleInterface* chartOf(FigureView* view) { return QAccessible::queryAccessibleInterface(view->plot()); }

}  // namespace

class AccessibilityTest : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  QString tinyModel_;

  void run(MainWindow& window, const QString& analysis = QStringLiteral("mi-distance"),
           const QString& example = QStringLiteral("coffee")) {
    QVERIFY(window.sentencePanel()->openExample(example));
    QVERIFY(window.modelPanel()->selectDirectory(tinyModel_));
    window.experimentPanel()->setExperiment(analysis);
    QCOMPARE(window.experimentPanel()->experiment(), analysis);
    QSignalSpy finished(window.runner(), &RunController::finished);
    window.startRun();
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 120000);
  }

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    prepareApplicationTest(dir_);
    tinyModel_ = createTestModel(dir_, QStringLiteral("tiny"), "64x2x4");
  }
  void cleanup() { Language::instance().set(QStringLiteral("en")); }

  void everyControlHasANameInBothLanguages() {
    MainWindow window;
    window.show();
    run(window);
    for (const QString language : {QStringLiteral("en"), QStringLiteral("vi")}) {
      window.setLanguage(language);
      QTest::qWait(200);  // LanguageChange events are posted
      // Every view of the analysis in turn: each has its own control row.
      QStringList bad;
      int stops = 0;
      for (int i = 0; i < window.figures()->views().size(); ++i) {
        window.showView(i);
        stops += tabStops(&window).size();
        bad << unnamed(&window);
      }
      ExportDialog exportDialog(&window, true);
      ModelsDialog modelsDialog(&window, {});
      for (QDialog* d : {static_cast<QDialog*>(&exportDialog), static_cast<QDialog*>(&modelsDialog)}) {
        d->show();
        stops += tabStops(d).size();
        bad << unnamed(d);
      }
      bad.removeDuplicates();
      QVERIFY2(stops > 40, qPrintable(QString::number(stops)));
      QVERIFY2(bad.isEmpty(), qPrintable(language + QStringLiteral(": no name for ") + bad.join(QStringLiteral(", "))));
    }
  }

  // The slider, the icon-only layer buttons and the figures are named in the language shown.
  void namesFollowTheLanguage() {
    MainWindow window;
    window.show();
    auto* slider = window.findChild<QWidget*>(QStringLiteral("layerSlider"));
    auto* play = window.findChild<QWidget*>(QStringLiteral("play"));
    QVERIFY(slider && play);
    const QString sliderEn = spokenName(slider), playEn = spokenName(play);
    FigureView* view = window.figures()->views().front();
    const QString chartEn = chartOf(view)->text(QAccessible::Name);
    window.setLanguage(QStringLiteral("vi"));
    QTest::qWait(200);
    QCOMPARE(spokenName(slider), QStringLiteral("Tầng"));
    QVERIFY(!spokenName(play).isEmpty() && spokenName(play) != playEn);
    QVERIFY(sliderEn == QStringLiteral("Layer"));
    QCOMPARE(chartOf(view)->text(QAccessible::Name), view->title());
    QVERIFY(chartOf(view)->text(QAccessible::Name) != chartEn);
  }

  void figuresAreChartsThatSayTheirLayer() {
    MainWindow window;
    window.show();
    for (FigureView* v : window.figures()->views()) {
      QAccessibleInterface* chart = chartOf(v);
      QVERIFY(chart);
      QCOMPARE(chart->role(), QAccessible::Chart);
      QVERIFY2(chart->text(QAccessible::Description).contains(QStringLiteral("No results yet.")), qPrintable(v->figureId()));
    }
    LayerCursor* cursor = window.figures()->cursor();
    QSet<QString> checked, summarised;
    const std::pair<const char*, const char*> runs[] = {
        {"similarity", "her"}, {"mi-distance", "coffee"}, {"logit-lens", "her"}, {"attention-pattern", "her"}};
    for (const auto& [analysis, example] : runs) {
      run(window, QString::fromLatin1(analysis), QString::fromLatin1(example));
      cursor->setLayer(0);
      for (int i = 0; i < window.figures()->views().size(); ++i) {
        window.showView(i);  // hidden views bring their words up to date when shown
        FigureView* v = window.currentView();
        if (!v->hasData()) continue;
        QAccessibleInterface* chart = chartOf(v);
        QCOMPARE(chart->text(QAccessible::Name), v->title());
        const QString description = chart->text(QAccessible::Description);
        QVERIFY2(description.startsWith(v->caption()), qPrintable(v->figureId() + QStringLiteral(": ") + description));
        QVERIFY2(description.contains(QStringLiteral("Layer 1 of 2.")), qPrintable(description));
        QVERIFY(description.contains(QStringLiteral("Export figure data (CSV)")));
        // A view says what it shows there too (a map its digest), and something else at another layer;
        // a layer's figure says its legend (MI vs distance: Kendall's tau and its p-values).
        if (const QString values = v->layerSummary(0); !values.isEmpty()) {
          QVERIFY2(description.contains(values), qPrintable(description));
          QVERIFY(v->layerSummary(1) != values);
          if (qEnvironmentVariableIsSet("LAMINAR_PRINT_DESCRIPTIONS")) qInfo().noquote() << v->figureId() << description;
          summarised << v->figureId();
        }
        if (v->figureId() == QLatin1String("mi-vs-distance"))
          QVERIFY2(description.contains(QStringLiteral("Legend: attention: τ = ")) && description.contains(QStringLiteral("; MLP: τ = ")),
                   qPrintable(description));
        checked << v->figureId();
      }
    }
    QSet<QString> every;
    for (FigureView* v : window.figures()->views()) every << v->figureId();
    QCOMPARE(checked, every);  // every view, over the four analyses
    // Every view says what it shows at the layer but the two whose legends hold their numbers.
    const QSet<QString> legendOnly{QStringLiteral("mi-vs-distance"), QStringLiteral("mi-estimators")};
    QCOMPARE(summarised, every - legendOnly);

    // Stepping the layer changes the shown figure's description (QWidget sends assistive
    // technology DescriptionChanged; the offscreen platform has no bridge to observe it).
    window.showView(0);
    FigureView* shown = window.currentView();
    QVERIFY(shown->isVisible());
    cursor->step(+1);
    QVERIFY2(chartOf(shown)->text(QAccessible::Description).contains(QStringLiteral("Layer 2 of 2.")),
             qPrintable(shown->figureId() + QStringLiteral(" layer ") + QString::number(cursor->layer()) + QStringLiteral(": ") + chartOf(shown)->text(QAccessible::Description)));
  }

  // Tab alone visits every control and every figure of the shown view, and comes back round:
  // nothing keeps the focus (a text browser's links are visited one by one, then left).
  void tabReachesEveryControlAndTheFigure() {
    MainWindow window;
    window.show();
    QApplication::setActiveWindow(&window);
    run(window);
    const QList<QWidget*> stops = tabStops(&window);
    QVERIFY(!stops.isEmpty());
    stops.front()->setFocus(Qt::TabFocusReason);
    QTRY_COMPARE(QApplication::focusWidget(), stops.front());
    QSet<QWidget*> visited;
    int presses = 0;
    for (; presses < 5000; ++presses) {
      QWidget* focus = QApplication::focusWidget();
      QVERIFY(focus);
      visited << focus;
      QTest::keyClick(focus, Qt::Key_Tab);
      if (visited.size() == stops.size()) break;
    }
    QStringList missed;
    for (QWidget* w : stops)
      if (!visited.contains(w)) missed << describe(w);
    QVERIFY2(missed.isEmpty(), qPrintable(QStringLiteral("after %1 Tabs, never focused: ").arg(presses) + missed.join(QStringLiteral(", "))));
    QVERIFY(window.currentView() && visited.contains(window.currentView()->plot()));
    // What a keyboard user sees on the figure: the ring (LAMINAR_SCREENSHOT_DIR keeps it).
    window.currentView()->plot()->setFocus(Qt::TabFocusReason);
    auto* ring = window.currentView()->plot()->findChild<QWidget*>(QStringLiteral("focusRing"));
    QTRY_VERIFY(ring && ring->isVisible());
    QCOMPARE(ring->geometry(), window.currentView()->plot()->rect());
    if (const QString dir = qEnvironmentVariable("LAMINAR_SCREENSHOT_DIR"); !dir.isEmpty() && QDir().mkpath(dir))
      QVERIFY(window.grab().save(QDir(dir).filePath(QStringLiteral("figure-focus-ring.png"))));
    window.sentencePanel()->setFocus(Qt::TabFocusReason);
    QTRY_VERIFY(!ring->isVisible());
  }
};

QTEST_MAIN(AccessibilityTest)
#include "test_accessibility.moc"
