// Widgets fed with synthetic results: series, ranges, cursor sync, tooltips, CSV and
// figure export (valid PNG/PDF/SVG).
#include <QtTest>

#include <QAccessible>

#include <QCheckBox>

#include <QComboBox>
#include <QStyleOptionComboBox>
#include <QImage>
#include <QTemporaryDir>
#include <QXmlStreamReader>

#include <cmath>
#include <functional>

#include "plot_checks.h"
#include "synthetic_results.h"
#include "view_csv.h"
#include "analysis/attention_pattern_results.h"
#include "analysis/logit_lens_results.h"
#include "analysis/mi_distance_results.h"
#include "analysis/similarity_results.h"
#include "stats/theil_sen.h"
#include "widgets/attention_pattern_views.h"
#include "widgets/cosine_spectrum_view.h"
#include "widgets/eliding_combo_box.h"
#include "widgets/figure_export.h"
#include "widgets/laminar_profile_view.h"
#include "widgets/logit_lens_views.h"
#include "widgets/layer_cursor.h"
#include "widgets/mi_distance_view.h"
#include "widgets/mi_matrix_view.h"
#include "widgets/mi_significance_view.h"
#include "widgets/result_labels.h"
#include "widgets/spectrum_mass_view.h"
#include "widgets/text_similarity_view.h"
#include "widgets/view_registry.h"

using namespace laminar;

namespace {

// Experiment 1 on 10 layers with an untrained control (seed 17) that has reached 4 of them;
// the control's variances are the run's mapped through `variance` (other numbers than the run's).
std::shared_ptr<RunResults> similarityWithControl(const std::function<double(double)>& variance) {
  auto run = test::syntheticSimilarity(10, 10);
  auto control = test::syntheticSimilarity(10, 4);
  for (auto& l : control->get<SimilarityResults>()->layers)
    for (auto& group : l.profiles)
      for (auto& p : group) p.variance = variance(p.variance);
  run->control = control;
  run->metadata["control"] = {{"kind", "untrained"}, {"seed", 17}, {"directory", "control"}};
  return run;
}

// Experiment 2 on 6 layers with a complete untrained control of 4 occurrences (5 in the run).
std::shared_ptr<RunResults> miWithControl() {
  auto mi = test::syntheticMiDistance(6, 6);
  mi->control = test::syntheticMiDistance(6, 6, 4);
  return mi;
}

QVector<double> keysOf(const QCPGraph* g) {
  QVector<double> k;
  for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it) k << it->key;
  return k;
}
QVector<double> valuesOf(const QCPGraph* g) {
  QVector<double> v;
  for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it) v << it->value;
  return v;
}

// Pixel of data coordinate (x, y) in the axis rect of `rect`.
QPoint pixelOf(QCPAxisRect* rect, double x, double y) {
  return QPoint(static_cast<int>(rect->axis(QCPAxis::atBottom)->coordToPixel(x)),
                static_cast<int>(rect->axis(QCPAxis::atLeft)->coordToPixel(y)));
}

std::vector<FigureView*> allViews(LayerCursor* cursor, std::vector<std::unique_ptr<FigureView>>& owner) {
  owner.emplace_back(new LaminarProfileView(cursor));
  owner.emplace_back(new CosineSpectrumView(cursor));
  owner.emplace_back(new TextSimilarityView(cursor));
  owner.emplace_back(new MiMatrixView(cursor));
  owner.emplace_back(new MiDistanceView(cursor));
  owner.emplace_back(new MiSignificanceView(cursor));
  std::vector<FigureView*> out;
  for (auto& v : owner) out.push_back(v.get());
  return out;
}

}  // namespace

class WidgetsTest : public QObject {
  Q_OBJECT
 private slots:
  // Models are named as people name them, in the source line, captions and figure metadata.
  void modelNamesComeFromTheHubCacheFolder() {
    QCOMPARE(Labels::modelName(QStringLiteral("/home/u/.cache/huggingface/hub/models--openai-community--gpt2-xl/snapshots/15ea56d")),
             QStringLiteral("openai-community/gpt2-xl"));
    QCOMPARE(Labels::modelName(QStringLiteral("/x/models--gpt2")), QStringLiteral("gpt2"));
    QCOMPARE(Labels::modelName(QStringLiteral("/opt/laminar/demo-model")), QStringLiteral("demo-model"));
  }

  // 35 GPT-2 tokens hold control characters: each of the bytes 0x00-0x1F and 0x7F alone (ids
  // 188-219 and 221: tab 197, carriage return 201), "\n\n" (628) and "\n\u00a0" (44320).
  // Drawn as they are they are blank or a box on an axis.
  void tokenLabelsWriteOutControlCharacters() {
    QCOMPARE(Labels::token(" the"), QStringLiteral("\u2423the"));
    QCOMPARE(Labels::token("\t\t"), QStringLiteral("\\t\\t"));
    QCOMPARE(Labels::token("\r\n"), QStringLiteral("\\r\\n"));
    QCOMPARE(Labels::token(std::string("\x00\x0b\x1f\x7f", 4)), QStringLiteral("<0x00><0x0B><0x1F><0x7F>"));
    QCOMPARE(Labels::token("ch\xe1\xbb\xaf <0xAF>"), QStringLiteral("ch\u1eef\u2423<0xAF>"));
    QCOMPARE(Labels::spokenToken(" \tx\n"), QStringLiteral(" \\tx\\n"));
  }

  void cursorClampsStepsAndPlays() {
    LayerCursor cursor;
    QSignalSpy changed(&cursor, &LayerCursor::layerChanged);
    cursor.setLayer(5);
    QCOMPARE(cursor.layer(), 0);  // no layers yet
    cursor.setCount(4);
    cursor.setLayer(10);
    QCOMPARE(cursor.layer(), 3);
    cursor.step(-1);
    QCOMPARE(cursor.layer(), 2);
    cursor.step(-10);
    QCOMPARE(cursor.layer(), 0);
    QCOMPARE(changed.count(), 3);
    cursor.setPlayIntervalMs(50);
    cursor.setPlaying(true);
    QVERIFY(cursor.playing());
    QTRY_VERIFY_WITH_TIMEOUT(changed.count() >= 7, 3000);  // wrapped around at least once
    cursor.setPlaying(false);
    cursor.setCount(2);
    QVERIFY(cursor.layer() <= 1);
  }

  void profileShowsSimilaritySeriesAsLayersFinish() {
    LayerCursor cursor;
    cursor.setCount(10);
    LaminarProfileView view(&cursor);
    view.resize(800, 500);
    auto partial = test::syntheticSimilarity(10, 4);
    view.setResults(partial);
    QVERIFY(view.hasData());
    QCOMPARE(view.series().size(), 6);
    const auto& sim = *partial->get<SimilarityResults>();
    for (int g = 0; g < kGroups; ++g)
      for (int m = 0; m < kMatrices; ++m) {
        const QCPGraph* graph = view.series()[g * kMatrices + m];
        QCOMPARE(keysOf(graph), (QVector<double>{1, 2, 3, 4}));  // layers shown 1-based
        for (int l = 0; l < 4; ++l)
          QCOMPARE(valuesOf(graph)[l], sim.layers[static_cast<size_t>(l)].profiles[static_cast<size_t>(g)][static_cast<size_t>(m)].variance);
      }
    // the layer axis spans the whole model while layers fill in
    QCOMPARE(view.axisRect()->axis(QCPAxis::atBottom)->range().lower, 0.5);
    QCOMPARE(view.axisRect()->axis(QCPAxis::atBottom)->range().upper, 10.5);
    // every value is inside the value axis range
    const QCPRange yr = view.axisRect()->axis(QCPAxis::atLeft)->range();
    for (QCPGraph* g : view.series())
      for (double v : valuesOf(g)) QVERIFY(yr.contains(v));

    view.setResults(test::syntheticSimilarity(10, 10));
    QCOMPARE(keysOf(view.series()[0]).size(), 10);
    view.setStatistic(LaminarProfileView::Statistic::Mean);
    QCOMPARE(valuesOf(view.series()[1])[2], std::sin(2 + 1) * 0.3);
    QVERIFY(!view.findChild<QComboBox*>(QStringLiteral("correction"))->isVisibleTo(&view));
  }

  // Before any results the statistic box already lists the statistics of the analysis the view
  // is registered for: experiment 2's tab offered experiment 1's variance until a run arrived.
  void profileOffersItsAnalysisStatisticsBeforeARun() {
    LayerCursor cursor;
    QWidget parent;
    int profiles = 0;
    for (FigureView* view : makeRegisteredViews(&cursor, &parent)) {
      auto* profile = qobject_cast<LaminarProfileView*>(view);
      if (!profile) continue;
      ++profiles;
      const bool mi = profile->analysis() == QLatin1String("mi-distance");
      const auto first = mi ? LaminarProfileView::Statistic::MeanMi : LaminarProfileView::Statistic::Variance;
      QCOMPARE(profile->availableStatistics().front(), first);
      auto* box = profile->findChild<QComboBox*>(QStringLiteral("statistic"));
      QVERIFY(box);
      QCOMPARE(box->count(), profile->availableStatistics().size());
      QCOMPARE(box->itemText(0), LaminarProfileView::statisticName(first));
      QCOMPARE(profile->choiceKeys().front(), LaminarProfileView::statisticKey(first));
    }
    QCOMPARE(profiles, 2);
  }

  void profileMarksSignificantLayers() {
    LayerCursor cursor;
    LaminarProfileView view(&cursor);
    view.resize(800, 500);
    auto partial = test::syntheticMiDistance(12, 7);
    view.setResults(partial);
    QCOMPARE(view.statistic(), LaminarProfileView::Statistic::MeanMi);
    QCOMPARE(view.series().size(), 2);
    QCOMPARE(valuesOf(view.series()[1])[3], partial->get<MiDistanceResults>()->layers[3].sites[1].meanMi);
    QVERIFY(view.significanceMarkers());
    QVector<double> expected;
    for (const auto& l : partial->get<MiDistanceResults>()->layers)
      if (l.significantBonferroni) expected << l.layer + 1;
    QVERIFY(!expected.isEmpty());
    QCOMPARE(keysOf(view.significanceMarkers()), expected);
    // FDR needs every layer: no mask before the run is complete
    view.setCorrection(LaminarProfileView::Correction::Fdr);
    QVERIFY(!view.significanceMarkers());
    auto full = test::syntheticMiDistance(12, 12);
    view.setResults(full);
    expected.clear();
    for (size_t l = 0; l < full->get<MiDistanceResults>()->significantFdr.size(); ++l)
      if (full->get<MiDistanceResults>()->significantFdr[l]) expected << static_cast<double>(l) + 1;
    QCOMPARE(keysOf(view.significanceMarkers()), expected);
  }

  void spectrumMapsEveryBinAndFollowsTheCursor() {
    LayerCursor cursor;
    cursor.setCount(8);
    CosineSpectrumView view(&cursor);
    view.resize(1000, 500);
    auto r = test::syntheticSimilarity(8, 5, 6, 21);
    view.setResults(r);
    view.setSelection(1, 2, 3);  // non-target, shuffled, QK
    QCOMPARE(view.colorMap()->data()->keySize(), 8);
    QCOMPARE(view.colorMap()->data()->valueSize(), 21);
    const auto& sim = *r->get<SimilarityResults>();
    for (int l = 0; l < 5; ++l)
      for (int b = 0; b < 21; b += 5)
        QCOMPARE(view.colorMap()->data()->cell(l, b), sim.layers[static_cast<size_t>(l)].spectra[1][2][3][static_cast<size_t>(b)]);
    QVERIFY(std::isnan(view.colorMap()->data()->cell(6, 10)));  // not finished yet
    QCOMPARE(view.histograms().size(), kBlocks);
    cursor.setLayer(3);
    QCOMPARE(valuesOf(view.histograms()[5])[7], sim.layers[3].spectra[1][2][5][7]);
    cursor.setLayer(7);  // beyond the finished layers: the last finished one is shown
    QCOMPARE(valuesOf(view.histograms()[0])[0], sim.layers[4].spectra[1][2][0][0]);
    view.setLogScale(true);
    QCOMPARE(view.colorScale()->dataScaleType(), QCPAxis::stLogarithmic);
    QVERIFY(view.colorScale()->dataRange().lower > 0);
  }

  void clickingAnyLayerPlotMovesEveryView() {
    LayerCursor cursor;
    cursor.setCount(12);
    LaminarProfileView profile(&cursor);
    MiSignificanceView significance(&cursor);
    MiDistanceView distance(&cursor);
    auto r = test::syntheticMiDistance(12, 12);
    for (FigureView* v : std::initializer_list<FigureView*>{&profile, &significance, &distance}) {
      v->resize(900, 600);
      v->setResults(r);
      v->show();
    }
    QVERIFY(QTest::qWaitForWindowExposed(&profile));
    profile.plot()->replot();
    QTest::mouseClick(profile.plot(), Qt::LeftButton, {}, pixelOf(profile.axisRect(), 9, profile.axisRect()->axis(QCPAxis::atLeft)->range().center()));
    QCOMPARE(cursor.layer(), 8);
    QCOMPARE(distance.shownLayer(), 8);
    QVERIFY(distance.title().contains(QStringLiteral("9")));
    // the distance view now shows layer 9's pair MIs
    QCOMPARE(valuesOf(distance.points(0)).size(), static_cast<int>(r->get<MiDistanceResults>()->pairs.size()));
    QVector<double> expected(r->get<MiDistanceResults>()->layers[8].sites[0].pairMi.begin(), r->get<MiDistanceResults>()->layers[8].sites[0].pairMi.end());
    QVector<double> shown = valuesOf(distance.points(0));
    std::sort(expected.begin(), expected.end());
    std::sort(shown.begin(), shown.end());
    QCOMPARE(shown, expected);
  }

  void miMatrixIsSymmetricWithPairValues() {
    LayerCursor cursor;
    cursor.setCount(6);
    cursor.setLayer(2);
    MiMatrixView view(&cursor);
    view.resize(900, 500);
    auto r = test::syntheticMiDistance(6, 6, 5);
    view.setResults(r);
    QCOMPARE(view.occurrences(), 5);
    const auto& mi = *r->get<MiDistanceResults>();
    for (size_t k = 0; k < mi.pairs.size(); ++k)
      for (int s = 0; s < kSites; ++s) {
        QCOMPARE(view.map(s)->data()->cell(mi.pairs[k].i, mi.pairs[k].j), mi.layers[2].sites[static_cast<size_t>(s)].pairMi[k]);
        QCOMPARE(view.map(s)->data()->cell(mi.pairs[k].j, mi.pairs[k].i), mi.layers[2].sites[static_cast<size_t>(s)].pairMi[k]);
      }
    QVERIFY(std::isnan(view.map(0)->data()->cell(1, 1)));
  }

  // Each site's line is the Theil-Sen line (core/stats, checked against scipy) of that site's
  // points at the shown layer, drawn from distance 0 to the largest distance.
  void trendLinesAreEachSitesTheilSenLine() {
    LayerCursor cursor;
    cursor.setCount(6);
    cursor.setLayer(4);
    MiDistanceView view(&cursor);
    view.resize(900, 600);
    auto r = test::syntheticMiDistance(6, 6, 7);
    view.setResults(r);
    const auto& mi = *r->get<MiDistanceResults>();
    std::vector<double> x;
    for (const auto& p : mi.pairs) x.push_back(static_cast<double>(p.distance));
    const double xmax = *std::max_element(x.begin(), x.end());
    for (int s = 0; s < kSites; ++s) {
      const auto& site = mi.layers[4].sites[static_cast<size_t>(s)];
      const stats::TheilSenLine line = stats::theilSenLine(x, site.comparedMi(mi.settings.aboveFloor()));
      QVERIFY(line.defined);
      const QCPGraphDataContainer& drawn = *view.trend(s)->data();
      QCOMPARE(drawn.size(), 2);
      QCOMPARE(drawn.at(0)->key, 0.0);
      QCOMPARE(drawn.at(0)->value, line.intercept);
      QCOMPARE(drawn.at(1)->key, xmax);
      QCOMPARE(drawn.at(1)->value, line.intercept + line.slope * xmax);
      // ... and the CSV gives the same line on every row of the site.
      const QStringList rows = test::csvOf(view).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
      const QStringList header = rows.front().split(QLatin1Char(','));
      const int slopeAt = static_cast<int>(header.indexOf(QStringLiteral("trend_slope")));
      const int interceptAt = static_cast<int>(header.indexOf(QStringLiteral("trend_intercept")));
      const int siteAt = static_cast<int>(header.indexOf(QStringLiteral("site")));
      QVERIFY(slopeAt > 0 && interceptAt > 0 && siteAt > 0);
      int siteRows = 0;
      for (const QString& row : rows.mid(1)) {
        const QStringList cells = row.split(QLatin1Char(','));
        if (cells[siteAt] != Labels::siteKey(s)) continue;
        ++siteRows;
        QCOMPARE(cells[slopeAt].toDouble(), line.slope);
        QCOMPARE(cells[interceptAt].toDouble(), line.intercept);
      }
      QCOMPARE(siteRows, static_cast<int>(mi.pairs.size()));
    }
    QVERIFY(view.trend(0)->data()->at(1)->value != view.trend(1)->data()->at(1)->value);
  }

  void significanceHeatmapAndMask() {
    LayerCursor cursor;
    MiSignificanceView view(&cursor);
    view.resize(900, 700);
    auto r = test::syntheticMiDistance(10, 10);
    view.setResults(r);
    for (int l = 0; l < 10; ++l) {
      QCOMPARE(view.heatmap()->data()->cell(l, 0), r->get<MiDistanceResults>()->layers[static_cast<size_t>(l)].t);
      QCOMPARE(view.heatmap()->data()->cell(l, 1), r->get<MiDistanceResults>()->layers[static_cast<size_t>(l)].fisherZ);
    }
    bool available = false;
    const auto mask = view.mask(0, &available);
    QVERIFY(available);
    QCOMPARE(mask.size(), size_t(10));
    for (size_t l = 0; l < 10; ++l) QCOMPARE(static_cast<bool>(mask[l]), r->get<MiDistanceResults>()->layers[l].significantBonferroni);
    for (size_t l = 0; l < 10; ++l)
      QCOMPARE(static_cast<bool>(view.mask(1, &available)[l]), r->get<MiDistanceResults>()->layers[l].fisherSignificantBonferroni);
    view.setCorrection(1);
    // The view draws core's FDR results for both families; it computes none itself.
    QVERIFY(view.mask(0, &available) == r->get<MiDistanceResults>()->significantFdr);
    QVERIFY(view.mask(1, &available) == r->get<MiDistanceResults>()->fisherSignificantFdr);
    QVERIFY(view.adjustedP(0, &available) == r->get<MiDistanceResults>()->pFdr);
    QVERIFY(view.adjustedP(1, &available) == r->get<MiDistanceResults>()->fisherPFdr);
  }

  void undefinedFisherZNeverGetsAStar() {
    // A layer whose Fisher Z is undefined (a tau was undefined) has NaN p-values and core's
    // masks say "not significant"; the views must show exactly that, under both corrections.
    auto r = test::syntheticMiDistance(12, 12);
    auto& mi = *r->get<MiDistanceResults>();
    for (size_t l = 0; l < 12; ++l) {  // every other layer strongly significant
      mi.layers[l].fisherP = 1e-9;
      mi.layers[l].fisherPBonferroni = 1.2e-8;
      mi.layers[l].fisherSignificantBonferroni = true;
      mi.fisherPFdr[l] = 1.2e-8;
      mi.fisherSignificantFdr[l] = true;
    }
    auto& undefined = mi.layers[5];
    undefined.fisherZ = undefined.fisherP = undefined.fisherPBonferroni = std::numeric_limits<double>::quiet_NaN();
    undefined.fisherSignificantBonferroni = false;
    undefined.fisherUndefined = "tau undefined (attn: constant MI)";
    mi.fisherPFdr[5] = std::numeric_limits<double>::quiet_NaN();
    mi.fisherSignificantFdr[5] = false;
    LayerCursor cursor;
    MiSignificanceView view(&cursor);
    view.setResults(r);
    LaminarProfileView profile(&cursor);
    profile.setResults(r);
    profile.setStatistic(LaminarProfileView::Statistic::FisherZ);
    for (int correction : {0, 1}) {
      view.setCorrection(correction);
      profile.setCorrection(static_cast<LaminarProfileView::Correction>(correction));
      bool available = false;
      const auto mask = view.mask(1, &available);
      QVERIFY(available);
      QVERIFY(!mask[5]);
      QVERIFY(std::isnan(view.adjustedP(1, &available)[5]));
      QVERIFY(profile.significanceMarkers());
      QVERIFY(!keysOf(profile.significanceMarkers()).contains(6.0));  // layer 5, drawn as 6
      QCOMPARE(keysOf(profile.significanceMarkers()).size(), 11);
    }
  }

  // Issue 14 item 7: the difference view draws the run minus the control (or compared run),
  // layer by layer, one line per series; NaN where the control has not reached the layer; no
  // stars (they test the run itself); off again without a control.
  void theDifferenceViewDrawsRunMinusControl() {
    LayerCursor cursor;
    cursor.setCount(10);
    auto run = similarityWithControl([](double v) { return 3 * v + 0.5; });
    auto control = run->control;
    LaminarProfileView profile(&cursor);
    profile.resize(800, 500);
    profile.setResults(run);
    auto* box = profile.findChild<QCheckBox*>(QStringLiteral("difference"));
    QVERIFY(box && !box->isHidden() && box->isEnabled() && !box->isChecked());
    box->setChecked(true);
    QVERIFY(profile.differenceShown());
    QVERIFY(profile.controlSeries().isEmpty());
    QCOMPARE(profile.series().size(), 6);
    const auto& r = *run->get<SimilarityResults>();
    const auto& c = *control->get<SimilarityResults>();
    for (int g = 0; g < kGroups; ++g)
      for (int m = 0; m < kMatrices; ++m) {
        const QCPGraph* graph = profile.series()[g * kMatrices + m];
        const QVector<double> y = valuesOf(graph);
        QCOMPARE(y.size(), 10);
        for (int l = 0; l < 10; ++l) {
          const double mine = r.layers[static_cast<size_t>(l)].profiles[static_cast<size_t>(g)][static_cast<size_t>(m)].variance;
          if (l < 4)
            QCOMPARE(y[l], mine - c.layers[static_cast<size_t>(l)].profiles[static_cast<size_t>(g)][static_cast<size_t>(m)].variance);
          else
            QVERIFY2(std::isnan(y[l]), qPrintable(QString::number(y[l])));  // not measured: no difference drawn
        }
        QVERIFY(graph->name().contains(Labels::untrainedControl()));
      }
    QVERIFY(profile.caption().contains(Labels::untrainedControl()));
    const QCPRange yr = profile.axisRect()->axis(QCPAxis::atLeft)->range();
    QVERIFY(yr.contains(0));

    // Experiment 2: tau per site; the t statistic has no stars in the difference.
    auto mi = test::syntheticMiDistance(6, 6);
    mi->control = test::syntheticMiDistance(6, 6, 4);
    profile.setResults(mi);
    profile.setStatistic(LaminarProfileView::Statistic::Tau);
    QVERIFY(profile.differenceShown());
    QCOMPARE(profile.series().size(), 2);
    for (int s = 0; s < kSites; ++s)
      QCOMPARE(valuesOf(profile.series()[s])[2], mi->get<MiDistanceResults>()->layers[2].sites[static_cast<size_t>(s)].tau -
                                                     mi->control->get<MiDistanceResults>()->layers[2].sites[static_cast<size_t>(s)].tau);
    profile.setStatistic(LaminarProfileView::Statistic::TStatistic);
    QCOMPARE(profile.series().size(), 1);
    QCOMPARE(valuesOf(profile.series()[0])[1], mi->get<MiDistanceResults>()->layers[1].t - mi->control->get<MiDistanceResults>()->layers[1].t);
    QVERIFY(!profile.significanceMarkers());
    box->setChecked(false);
    QVERIFY(profile.significanceMarkers());
    box->setChecked(true);

    // Without a control: the box is hidden and the run is drawn as it is.
    profile.setResults(test::syntheticMiDistance(6, 6));
    QVERIFY(!profile.differenceShown());
    QVERIFY(box->isHidden());
    QVERIFY(profile.significanceMarkers());
  }

  // Issue 10: the untrained control is a second, greyed dash-dotted series named "... untrained
  // control", drawn from the control's own numbers (fewer layers while it streams in).
  void controlSeriesAreDrawnBesideTheRun() {
    LayerCursor cursor;
    cursor.setCount(10);
    auto run = similarityWithControl([](double v) { return 3 * v; });
    auto control = run->control;
    LaminarProfileView profile(&cursor);
    profile.resize(800, 500);
    profile.setResults(run);
    QCOMPARE(profile.series().size(), 6);  // the run's; the control's apart
    QCOMPARE(profile.controlSeries().size(), 6);
    const auto& sim = *control->get<SimilarityResults>();
    for (int g = 0; g < kGroups; ++g)
      for (int m = 0; m < kMatrices; ++m) {
        const QCPGraph* graph = profile.controlSeries()[g * kMatrices + m];
        QCOMPARE(keysOf(graph), (QVector<double>{1, 2, 3, 4}));
        for (int l = 0; l < 4; ++l)
          QCOMPARE(valuesOf(graph)[l], sim.layers[static_cast<size_t>(l)].profiles[static_cast<size_t>(g)][static_cast<size_t>(m)].variance);
        QVERIFY(graph->name().contains(Labels::untrainedControl()));
        QCOMPARE(graph->pen().style(), g == 0 ? Qt::DashDotLine : Qt::DotLine);
      }
    QVERIFY(profile.caption().contains(QStringLiteral("seed 17")));
    const QCPRange yr = profile.axisRect()->axis(QCPAxis::atLeft)->range();
    for (QCPGraph* g : profile.controlSeries())
      for (double v : valuesOf(g)) QVERIFY(yr.contains(v));
    QString csvText;
    QTextStream csvOut(&csvText);
    profile.writeCsv(csvOut);
    QVERIFY(csvText.section(QLatin1Char('\n'), 0, 0).contains(QStringLiteral("control_variance_Q_target")));

    // Experiment 2: mean MI and tau get one control series per site.
    auto mi = test::syntheticMiDistance(6, 6);
    mi->control = test::syntheticMiDistance(6, 6, 4);
    profile.setResults(mi);
    for (auto statistic : {LaminarProfileView::Statistic::MeanMi, LaminarProfileView::Statistic::Tau}) {
      profile.setStatistic(statistic);
      QCOMPARE(profile.controlSeries().size(), 2);
      const auto& c = *mi->control->get<MiDistanceResults>();
      for (int s = 0; s < kSites; ++s) {
        const auto& site = c.layers[2].sites[static_cast<size_t>(s)];
        QCOMPARE(valuesOf(profile.controlSeries()[s])[2],
                 statistic == LaminarProfileView::Statistic::Tau ? site.tau : site.meanMi);
      }
    }
    // The attention - MLP difference: the control's observed difference beside the run's.
    {
      auto run = test::syntheticMiDistance(6, 6);
      auto control = test::syntheticMiDistance(6, 6, 4);
      for (auto& l : control->get<MiDistanceResults>()->layers) {
        l.hasControls = true;
        l.siteNull.observed = 0.25 * l.layer - 0.5;
      }
      run->control = control;
      profile.setResults(run);
      profile.setStatistic(LaminarProfileView::Statistic::SiteDifference);
      QCOMPARE(profile.controlSeries().size(), 1);
      QCOMPARE(valuesOf(profile.controlSeries()[0])[2], 0.0);
      QCOMPARE(valuesOf(profile.controlSeries()[0])[5], 0.75);
    }
    // Without a control: none, and the caption does not mention one.
    profile.setResults(test::syntheticMiDistance(6, 6));
    QVERIFY(profile.controlSeries().isEmpty());
    QVERIFY(!profile.caption().contains(Labels::untrainedControl()));

    // The spectrum masses, with bands, and the control's beside them.
    auto withMasses = [](std::shared_ptr<RunResults> r, double base) {
      for (auto& l : r->get<SimilarityResults>()->layers) {
        l.hasMasses = true;
        for (int g = 0; g < kGroups; ++g)
          for (int b = 0; b < kBlocks; ++b)
            for (int k = 0; k < kMassKinds; ++k) {
              const double v = base + 0.01 * l.layer + 0.1 * g + 0.02 * b + 0.3 * k;
              l.masses[static_cast<size_t>(g)][static_cast<size_t>(b)][static_cast<size_t>(k)] = {v, v - 0.01, v + 0.02};
            }
      }
      r->get<SimilarityResults>()->settings.summaryReplicates = 200;
      return r;
    };
    auto masses = withMasses(test::syntheticSimilarity(10, 10), 0.1);
    masses->control = withMasses(test::syntheticSimilarity(10, 3), 0.05);
    SpectrumMassView view(&cursor);
    view.resize(800, 500);
    view.setResults(masses);
    view.setSelection(1, 3);  // |cos| < low, QK
    QCOMPARE(view.series().size(), 2);
    QCOMPARE(view.controlSeries().size(), 2);
    QCOMPARE(valuesOf(view.series()[1])[4], 0.1 + 0.04 + 0.1 + 0.06 + 0.3);
    QCOMPARE(keysOf(view.controlSeries()[0]), (QVector<double>{1, 2, 3}));
    QCOMPARE(valuesOf(view.controlSeries()[0])[2], 0.05 + 0.02 + 0.06 + 0.3);
    QVERIFY(view.controlSeries()[0]->name().contains(Labels::untrainedControl()));
    QCOMPARE(view.variantKeys().size(), kMassKinds * kBlocks);
    QCOMPARE(static_cast<int>(view.variantKeys().indexOf(QStringLiteral("low-QK"))), kBlocks + 3);
  }

  void legendsNeverCoverTheData() {
    // Profiles and the t/Z view: the legend sits outside every axis rect, so the last
    // layers (where a run ends) stay visible at any size.
    LayerCursor cursor;
    std::vector<std::unique_ptr<FigureView>> views;
    views.emplace_back(new LaminarProfileView(&cursor));
    views.emplace_back(new MiSignificanceView(&cursor));
    for (auto& view : views) {
      view->setResults(view->figureId() == QLatin1String("laminar-profile") ? test::syntheticSimilarity(48, 48)
                                                                           : test::syntheticMiDistance(48, 48));
      view->show();
      QVERIFY(QTest::qWaitForWindowExposed(view.get()));
      for (QSize size : {QSize(640, 480), QSize(1400, 900)}) {
        view->resize(size);
        QTest::qWait(50);
        view->plot()->replot();
        QVERIFY(view->plot()->height() > size.height() / 2);
        QCPLegend* legend = nullptr;
        QList<QCPAxisRect*> rects = view->plot()->axisRects();
        for (QCPLayoutElement* e : view->plot()->plotLayout()->elements(true))
          if (auto* l = qobject_cast<QCPLegend*>(e)) legend = l;
        for (QCPAxisRect* r : rects)
          for (QCPLayoutElement* e : r->insetLayout()->elements(false)) QVERIFY(!qobject_cast<QCPLegend*>(e));
        QVERIFY2(legend && legend->visible() && legend->itemCount() > 0, qPrintable(view->figureId()));
        for (QCPAxisRect* r : rects) {
          const QRect l = legend->outerRect(), a = r->rect();
          QVERIFY2(!l.intersects(a), qPrintable(QStringLiteral("%1: legend %2,%3 %4x%5 over axis rect %6,%7 %8x%9")
                                                    .arg(view->figureId()).arg(l.x()).arg(l.y()).arg(l.width()).arg(l.height())
                                                    .arg(a.x()).arg(a.y()).arg(a.width()).arg(a.height())));
        }
      }
    }
  }

  void emptyViewsKeepTheirAxesFullWidth() {
    // Before any results every view shows its empty axes across the plot, not squeezed to the
    // width of an empty legend below them (QCustomPlot lets a hidden element cap its column).
    LayerCursor cursor;
    QWidget parent;
    for (FigureView* view : makeRegisteredViews(&cursor, &parent)) {
      view->setParent(nullptr);
      std::unique_ptr<FigureView> owned(view);
      view->resize(900, 600);
      view->show();
      QVERIFY(QTest::qWaitForWindowExposed(view));
      view->plot()->replot();
      QVERIFY(!view->hasData());
      // The axes' span, from the leftmost to the rightmost (some views put two side by side).
      int left = view->plot()->width(), right = 0;
      for (QCPAxisRect* r : view->plot()->axisRects()) {
        if (!r->visible()) continue;
        left = std::min(left, r->outerRect().left());
        right = std::max(right, r->outerRect().right());
      }
      if (right == 0) {  // a view that makes its axes only with data draws no colour scale either
        for (QCPColorScale* scale : view->plot()->findChildren<QCPColorScale*>())
          QVERIFY2(!scale->visible(), qPrintable(view->figureId() + QStringLiteral(": a colour scale without data")));
        continue;
      }
      QVERIFY2(right - left > view->plot()->width() * 6 / 10,
               qPrintable(QStringLiteral("%1: empty axes span %2 px of a %3 px plot")
                              .arg(view->figureId()).arg(right - left).arg(view->plot()->width())));
    }
  }

  // Every claim gets its baseline (issue 10): with a control in the results, a view either draws
  // it beside the run (the profiles) or offers "Show the untrained control", which makes it draw
  // exactly what the same view draws for the control's results alone: the CSV (the figure's
  // numbers), with the title saying so and exports stamped with the control's provenance.
  void everyViewShowsTheRunsControl() {
    LayerCursor cursor;
    QWidget parent;
    auto similarity = similarityWithControl([](double v) { return 0.5 * v; });
    auto mi = miWithControl();
    for (auto& layer : mi->control->get<MiDistanceResults>()->layers) layer.t -= 1.5;  // t does not depend on the count
    for (const auto& r : {mi, mi->control})  // the estimator comparison (off in the synthetic results)
      for (auto& layer : r->get<MiDistanceResults>()->layers)
        for (auto& site : layer.sites) {
          site.histMi = site.pairMi;
          site.ksgMi.clear();
          for (double v : site.pairMi) site.ksgMi.push_back(0.8 * v + 0.01);
        }
    auto lens = test::syntheticLogitLens(6, 6);
    lens->control = test::syntheticLogitLens(6, 6, 3);
    auto attention = test::syntheticAttentionPattern(6, 6);
    attention->control = test::syntheticAttentionPattern(6, 6, 3);
    const std::vector<std::shared_ptr<RunResults>> runs = {similarity, mi, lens, attention};
    for (const auto& run : runs) {
      run->control->metadata["model"] = {{"synthetic", true}};
      if (!run->metadata.contains("control")) run->metadata["control"] = {{"kind", "untrained"}, {"seed", 5}};
    }
    const QStringList overlays = {QStringLiteral("laminar-profile"), QStringLiteral("spectrum-mass"),
                                  QStringLiteral("logit-lens-profile")};
    const auto& registrations = registeredViews();
    std::vector<FigureView*> views = makeRegisteredViews(&cursor, &parent);
    for (size_t v = 0; v < views.size(); ++v) {
      FigureView* view = views[v];
      const auto run = *std::find_if(runs.begin(), runs.end(), [view](const auto& r) { return view->accepts(*r); });
      cursor.setCount(run->nLayer);
      cursor.setLayer(run->nLayer - 1);
      view->setLazy(false);
      auto alone = std::make_shared<RunResults>(*run);
      alone->control = nullptr;
      view->setResults(alone);
      const int narrowest = view->minimumSizeHint().width();
      view->setResults(run);
      auto* toggle = view->findChild<QCheckBox*>(QStringLiteral("showControl"));
      if (overlays.contains(view->figureId())) {
        QVERIFY2(!toggle, qPrintable(view->figureId() + QStringLiteral(" overlays its control; no toggle")));
        continue;
      }
      QVERIFY2(toggle && toggle->isVisibleTo(view) && toggle->isEnabled(), qPrintable(view->figureId()));
      // Its own line: it never widens the view (two runs side by side must fit 1024 px).
      QVERIFY2(view->minimumSizeHint().width() <= narrowest, qPrintable(view->figureId()));
      const QString runCsv = test::csvOf(*view);
      toggle->setChecked(true);
      QCOMPARE(view->drawnResults(), run->control.get());
      std::unique_ptr<FigureView> twin(registrations[v].make(&cursor, nullptr));
      twin->setAnalysis(view->analysis());
      twin->setLazy(false);
      twin->setResults(run->control);
      const QString controlCsv = test::csvOf(*twin);
      QVERIFY2(controlCsv != runCsv, qPrintable(view->figureId() + QStringLiteral(": test data must differ")));
      QVERIFY2(test::csvOf(*view) == controlCsv, qPrintable(view->figureId()));
      QVERIFY2(view->title().endsWith(QStringLiteral("(%1)").arg(Labels::untrainedControl())), qPrintable(view->title()));
      QVERIFY(view->caption().contains(Labels::untrainedControl()));
      QVERIFY(figureProvenance(*view->drawnResults()).untrained);
      toggle->setChecked(false);
      QCOMPARE(test::csvOf(*view), runCsv);
      // A run whose control has not started yet: the box stays, greyed, and the run is drawn.
      auto waiting = std::make_shared<RunResults>(*run);
      waiting->control = std::make_shared<RunResults>(*run->control);
      waiting->control->layersDone = 0;
      toggle->setChecked(true);
      view->setResults(waiting);
      QVERIFY(toggle->isVisibleTo(view) && !toggle->isEnabled());
      QCOMPARE(view->drawnResults(), waiting.get());
      toggle->setChecked(false);
    }
    qDeleteAll(views);
  }

  void smallPlotsKeepLegendsWholeAndTickLabelsApart() {
    // A 1024x768 projector with the banners shown leaves a view about 570x470 px: legend
    // entries must not be cut off at the right, an axis label not run past its axis, nor a
    // short axis's tick labels drawn over each other. Every variant of every view, each at a few small and large sizes.
    LayerCursor cursor;
    QWidget parent;
    auto similarity = similarityWithControl([](double v) { return 0.5 * v; });
    auto mi = miWithControl();
    const std::vector<std::shared_ptr<const RunResults>> runs = {similarity, mi, test::syntheticLogitLens(6, 6),
                                                                 test::syntheticAttentionPattern(6, 6)};
    QStringList problems;
    for (FigureView* view : makeRegisteredViews(&cursor, &parent)) {
      view->setParent(nullptr);
      std::unique_ptr<FigureView> owned(view);
      const auto accepted = std::find_if(runs.begin(), runs.end(), [view](const auto& r) { return view->accepts(*r); });
      QVERIFY2(accepted != runs.end(), qPrintable(view->figureId() + QStringLiteral(": no synthetic results for it")));
      view->setResults(*accepted);
      QVERIFY2(view->hasData(), qPrintable(view->figureId()));
      view->show();
      QVERIFY(QTest::qWaitForWindowExposed(view));
      // 570x470: a view on a 1024x768 screen with the welcome and demo banners shown.
      for (const QSize size : {QSize(570, 470), QSize(700, 520), QSize(1200, 800)}) {
        for (int variant = 0; variant < view->variantKeys().size(); ++variant) {
          view->selectVariant(variant);
          view->resize(size);
          QCoreApplication::processEvents();
          view->plot()->replot();
          const QString where = QStringLiteral("%1 [%2] at %3x%4")
                                    .arg(view->figureId(), view->variantKeys().at(variant))
                                    .arg(size.width())
                                    .arg(size.height());
          for (QCPLegend* legend : view->plot()->findChildren<QCPLegend*>()) {
            if (!legend->visible() || !legend->layout()) continue;
            for (int i = 0; i < legend->elementCount(); ++i) {
              QCPLayoutElement* item = legend->elementAt(i);
              if (!item) continue;
              if (item->outerRect().width() + 1 < item->minimumOuterSizeHint().width())
                problems << QStringLiteral("%1: legend entry %2 cut to %3 of %4 px")
                                .arg(where).arg(i).arg(item->outerRect().width()).arg(item->minimumOuterSizeHint().width());
              if (item->outerRect().bottom() > view->plot()->height() || item->outerRect().right() > view->plot()->width())
                problems << QStringLiteral("%1: legend entry %2 outside the plot (%3, %4 in %5x%6)").arg(where).arg(i).arg(item->outerRect().right()).arg(item->outerRect().bottom()).arg(view->plot()->width()).arg(view->plot()->height());
            }
          }
          for (const QString& label : test::axisLabelsLongerThanTheirAxes(view->plot()))
            problems << QStringLiteral("%1: %2").arg(where, label);
          QList<QCPAxis*> axes;
          for (QCPAxisRect* rect : view->plot()->axisRects())
            if (rect->visible()) axes += rect->axes();
          for (QCPLayoutElement* e : view->plot()->plotLayout()->elements(true))
            if (auto* scale = qobject_cast<QCPColorScale*>(e); scale && scale->visible()) axes << scale->axis();
          for (QCPAxis* axis : axes) {
            if (!axis->visible() || !axis->tickLabels() || axis->orientation() != Qt::Vertical) continue;
            const QVector<double> ticks = axis->tickVector();
            const int text = QFontMetrics(axis->tickLabelFont()).height();
            for (int t = 1; t < ticks.size(); ++t) {
              const double gap = std::abs(axis->coordToPixel(ticks[t]) - axis->coordToPixel(ticks[t - 1]));
              if (gap < text) {
                problems << QStringLiteral("%1: %2 tick labels %3 px apart, %4 px tall")
                                .arg(where, axis->label().isEmpty() ? QStringLiteral("unlabelled") : axis->label())
                                .arg(gap)
                                .arg(text);
                break;
              }
            }
          }
        }
      }
    }
    problems.removeDuplicates();
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
  }

  void variantsSelectWhatTheyName() {
    LayerCursor cursor;
    CosineSpectrumView spectrum(&cursor);
    spectrum.setResults(test::syntheticSimilarity(6, 6));
    const QStringList keys = spectrum.variantKeys();
    QCOMPARE(keys.size(), kGroups * kMeasures * kBlocks);
    QCOMPARE(QSet<QString>(keys.begin(), keys.end()).size(), keys.size());
    const int qk = static_cast<int>(keys.indexOf(QStringLiteral("nontarget-shuffled-QK")));
    QVERIFY(qk >= 0);
    spectrum.selectVariant(qk);
    QCOMPARE(spectrum.group(), 1);
    QCOMPARE(spectrum.measure(), 2);
    QCOMPARE(QString::fromLatin1(Labels::blockKey(spectrum.block())), QStringLiteral("QK"));
    LaminarProfileView profile(&cursor);
    profile.setResults(test::syntheticMiDistance(6, 6));
    QCOMPARE(profile.variantKeys(), (QStringList{"mean-mi", "tau", "t", "fisher-z", "site-difference"}));
    profile.selectVariant(3);
    QCOMPARE(profile.statistic(), LaminarProfileView::Statistic::FisherZ);
    MiSignificanceView significance(&cursor);
    significance.selectVariant(1);
    QCOMPARE(significance.correction(), 1);
  }

  void textSimilarityShowsTheMatrix() {
    LayerCursor cursor;
    cursor.setCount(4);
    cursor.setLayer(1);
    TextSimilarityView view(&cursor);
    auto r = test::syntheticSimilarity(4, 4, 6);
    view.setResults(r);
    QCOMPARE(view.map()->data()->keySize(), 6);
    QCOMPARE(view.map()->data()->cell(2, 4), r->get<SimilarityResults>()->layers[1].textSimilarity[0][4 * 6 + 2]);
  }

  // The lens's title quotes the end of the chosen text decoded as a whole: Vietnamese letters
  // that BPE split between tokens stay letters ("chữ", not "ch���"), a long text shows its
  // last 40 characters and never half an emoji; results saved before the whole text was kept
  // join the tokens.
  void lensTitleQuotesWholeCharacters() {
    LayerCursor cursor;
    cursor.setCount(6);
    LogitLensTopView view(&cursor);
    auto r = test::syntheticLogitLens(6, 6);
    LogitLensResults* lens = r->get<LogitLensResults>();
    lens->chosenTokens = {"T", "ôi", " vi", "ế", "t", " ch", "\xEF\xBF\xBD", "\xEF\xBF\xBD", "\xEF\xBF\xBD"};
    lens->chosenDecoded = "Tôi viết chữ";
    view.setResults(r);
    QCOMPARE(view.title(), QStringLiteral("Logit lens — text 1, after “Tôi viết chữ”"));
    lens->chosenDecoded = std::string(50, 'a') + "🤖" + std::string(39, 'b');
    view.setResults(r);
    QCOMPARE(view.title(), QStringLiteral("Logit lens — text 1, after “…%1”").arg(QString(39, QLatin1Char('b'))));
    lens->chosenDecoded.clear();
    view.setResults(r);
    QCOMPARE(view.title(), QStringLiteral("Logit lens — text 1, after “Tôi viết ch\uFFFD\uFFFD\uFFFD”"));
  }

  void viewsIgnoreTheOtherExperiment() {
    LayerCursor cursor;
    CosineSpectrumView spectrum(&cursor);
    spectrum.setResults(test::syntheticMiDistance(4, 4));
    QVERIFY(!spectrum.hasData());
    MiMatrixView matrix(&cursor);
    matrix.setResults(test::syntheticSimilarity(4, 4));
    QVERIFY(!matrix.hasData());
    QCOMPARE(matrix.plot()->plottableCount(), 0);
  }

  void tooltipsGiveExactValues() {
    LayerCursor cursor;
    cursor.setCount(6);
    LaminarProfileView view(&cursor);
    view.resize(800, 500);
    auto r = test::syntheticSimilarity(6, 6);
    view.setResults(r);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.plot()->replot();
    const double v = r->get<SimilarityResults>()->layers[2].profiles[0][0].variance;
    const QString tip = view.toolTipAt(pixelOf(view.axisRect(), 3, v));
    QVERIFY2(tip.contains(view.locale().toString(v, 'g', 6)), qPrintable(tip));
    QVERIFY(tip.contains(QStringLiteral("3")));
  }

  // A screen reader hears the shown layer's values after the caption, exactly as the
  // tooltip gives them, and the next layer's once the cursor moves.
  void screenReaderHearsTheLayersValues() {
    LayerCursor cursor;
    cursor.setCount(6);
    LaminarProfileView view(&cursor);
    auto r = test::syntheticSimilarity(6, 6);
    view.setResults(r);
    const auto& layers = r->get<SimilarityResults>()->layers;
    for (const int layer : {2, 3}) {
      cursor.setLayer(layer);
      const double v = layers[static_cast<size_t>(layer)].profiles[0][0].variance;
      const double other = layers[static_cast<size_t>(5 - layer)].profiles[0][0].variance;
      const QString said = QAccessible::queryAccessibleInterface(view.plot())->text(QAccessible::Description);
      QVERIFY2(said.startsWith(view.caption()), qPrintable(said));
      QVERIFY2(said.contains(view.layerSummary(layer)) && said.contains(view.locale().toString(v, 'g', 6)), qPrintable(said));
      QVERIFY2(!said.contains(view.locale().toString(other, 'g', 6)), qPrintable(said));
    }
  }

  // A map of one layer says its strongest and weakest cells: each checked here against the
  // argmax of the numbers the map draws, at two layers (a digest stuck at one layer fails).
  void mapsSayTheirStrongestCells() {
    LayerCursor cursor;
    cursor.setCount(4);
    auto said = [](FigureView& v) { return QAccessible::queryAccessibleInterface(v.plot())->text(QAccessible::Description); };
    const QLocale c = QLocale::c();
    QLocale::setDefault(c);
    auto mi = test::syntheticMiDistance(4, 4, 6);
    auto sim = test::syntheticSimilarity(4, 4, 7);
    auto attention = test::syntheticAttentionPattern(4, 4, 3);
    MiMatrixView matrices(&cursor);
    matrices.setResults(mi);
    TextSimilarityView texts(&cursor);
    texts.setResults(sim);
    CosineSpectrumView spectrum(&cursor);
    spectrum.setResults(sim);
    AttentionHeadsView heads(&cursor);
    heads.setResults(attention);
    for (const int layer : {1, 3}) {
      cursor.setLayer(layer);
      const auto l = static_cast<size_t>(layer);
      const auto& m = *mi->get<MiDistanceResults>();
      for (int site = 0; site < kSites; ++site) {
        const auto& v = m.layers[l].sites[static_cast<size_t>(site)].pairMi;
        const auto high = static_cast<size_t>(std::max_element(v.begin(), v.end()) - v.begin());
        const auto low = static_cast<size_t>(std::min_element(v.begin(), v.end()) - v.begin());
        const QString expected = QStringLiteral("%1: highest MI %2 nats, occurrences %3 and %4 (token distance %5); lowest %6 nats, occurrences %7 and %8")
                                     .arg(Labels::site(site), c.toString(v[high], 'g', 3)).arg(m.pairs[high].i + 1).arg(m.pairs[high].j + 1)
                                     .arg(m.pairs[high].distance).arg(c.toString(v[low], 'g', 3)).arg(m.pairs[low].i + 1).arg(m.pairs[low].j + 1);
        QVERIFY2(said(matrices).contains(expected), qPrintable(expected + QStringLiteral(" | ") + said(matrices)));
      }
      const auto& sl = sim->get<SimilarityResults>()->layers[l];
      const int n = sl.rows[0];
      double most = -2, least = 2;
      int mi0 = -1, mj0 = -1, li0 = -1, lj0 = -1;
      for (int i = 0; i < n; ++i)
        for (int j = i + 1; j < n; ++j) {
          const double x = sl.textSimilarity[0][static_cast<size_t>(i * n + j)];
          if (x > most) most = x, mi0 = i, mj0 = j;
          if (x < least) least = x, li0 = i, lj0 = j;
        }
      const QString pairs = QStringLiteral("Most similar: texts %1 and %2, cosine %3; least similar: texts %4 and %5, cosine %6")
                                .arg(mi0 + 1).arg(mj0 + 1).arg(c.toString(most, 'g', 4)).arg(li0 + 1).arg(lj0 + 1).arg(c.toString(least, 'g', 4));
      QVERIFY2(said(texts).contains(pairs), qPrintable(pairs + QStringLiteral(" | ") + said(texts)));
      const auto& edges = sim->get<SimilarityResults>()->binEdges;
      for (int b = 0; b < kBlocks; ++b) {
        const auto& d = sl.spectra[0][0][static_cast<size_t>(b)];  // the view's first group and measure
        const auto peak = static_cast<size_t>(std::max_element(d.begin(), d.end()) - d.begin());
        const QString densest = QStringLiteral("%1: densest between %2 and %3 (density %4)")
                                    .arg(Labels::block(b), c.toString(edges[peak], 'f', 3), c.toString(edges[peak + 1], 'f', 3), c.toString(d[peak], 'g', 3));
        QVERIFY2(said(spectrum).contains(densest), qPrintable(densest + QStringLiteral(" | ") + said(spectrum)));
      }
      const auto& a = *attention->get<AttentionPatternResults>();
      QVERIFY(said(heads).contains(QStringLiteral("Where the target “her” attends most:")));
      for (int h = 0; h < a.nHead; ++h) {
        int64_t top = 0;
        for (int64_t k = 0; k <= a.targetPosition; ++k)
          if (a.weight(a.layers[l], h, a.targetPosition, k) > a.weight(a.layers[l], h, a.targetPosition, top)) top = k;
        const QString line = QStringLiteral("head %1: “%2” %3")
                                 .arg(h + 1)
                                 .arg(QString::fromStdString(a.tokens[static_cast<size_t>(top)]))
                                 .arg(c.toString(a.weight(a.layers[l], h, a.targetPosition, top), 'g', 3));
        QVERIFY2(said(heads).contains(line), qPrintable(line + QStringLiteral(" | ") + said(heads)));
      }
    }
  }

  void csvUsesTheCLocale() {
    QLocale::setDefault(QLocale(QLocale::German));  // decimal comma on screen
    LayerCursor cursor;
    LaminarProfileView view(&cursor);
    auto r = test::syntheticSimilarity(5, 5);
    view.setResults(r);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("profile.csv"));
    exportCsv(view, path);
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 6);
    QVERIFY(lines[0].startsWith(QStringLiteral("layer,variance_Q_target")));
    const QStringList cells = lines[3].split(QLatin1Char(','));
    QCOMPARE(cells.size(), 1 + 3 * 6);  // layer; variance, mean, mean |.| of Q, K, V x target, non-target
    QCOMPARE(cells[0], QStringLiteral("2"));  // files are 0-based
    bool ok = false;
    QCOMPARE(QLocale::c().toDouble(cells[1], &ok), r->get<SimilarityResults>()->layers[2].profiles[0][0].variance);
    QVERIFY(ok);
    QLocale::setDefault(QLocale::c());
  }

  // A combo box narrower than its text shows it cut short with "…", whole again when wide.
  void narrowComboBoxesEndTheirTextWithAnEllipsis() {
    ElidingComboBox box;
    box.addItem(QStringLiteral("Mean MI: attention vs MLP"));
    box.setMinimumWidth(0);
    box.resize(90, box.sizeHint().height());
    box.show();
    QVERIFY(QTest::qWaitForWindowExposed(&box));
    const QString narrow = box.shownText();
    QVERIFY2(narrow.endsWith(QChar(0x2026)) && narrow.size() > 1 && box.currentText().startsWith(narrow.chopped(1)),
             qPrintable(narrow));
    QStyleOptionComboBox option;
    option.initFrom(&box);
    const QRect field = box.style()->subControlRect(QStyle::CC_ComboBox, &option, QStyle::SC_ComboBoxEditField, &box);
    QVERIFY2(box.fontMetrics().horizontalAdvance(narrow) <= field.width(), qPrintable(narrow));
    box.resize(box.sizeHint().width() + 40, box.height());
    QCOMPARE(box.shownText(), box.currentText());
  }

  // A figure as narrow as a journal column: the legend drops to one entry a row, the title
  // and too-long entry names break into lines, and the view gets its whole names back after.
  void textFitsANarrowFigureAndComesBack() {
    LayerCursor cursor;
    MiSignificanceView view(&cursor);
    view.setLazy(false);
    view.resize(1400, 900);
    view.setResults(test::syntheticMiDistance(6, 6));
    view.ensureUpToDate();
    const QList<QCPLegend*> legends = view.plot()->findChildren<QCPLegend*>();
    QCPLegend* outer = nullptr;
    for (QCPLegend* l : legends)
      if (l->elementCount() > 0) outer = l;
    QVERIFY(outer);
    QCOMPARE(outer->wrap(), 2);
    QStringList names;
    for (int i = 0; i < view.plot()->plottableCount(); ++i) names << view.plot()->plottable(i)->name();
    view.fitTextTo(170);  // the legend spans the plot's width: its names need less than 240 px
    QCOMPARE(outer->wrap(), 1);
    bool someNameWrapped = false;
    for (int i = 0; i < view.plot()->plottableCount(); ++i)
      someNameWrapped |= view.plot()->plottable(i)->name().contains(QLatin1Char('\n'));
    QVERIFY(someNameWrapped);
    view.fitTextTo(0);
    QCOMPARE(outer->wrap(), 2);
    for (int i = 0; i < view.plot()->plottableCount(); ++i) QCOMPARE(view.plot()->plottable(i)->name(), names[i]);
  }

  void exportsValidFigures() {
    LayerCursor cursor;
    cursor.setCount(6);
    std::vector<std::unique_ptr<FigureView>> owner;
    auto views = allViews(&cursor, owner);
    auto sim = test::syntheticSimilarity(6, 6);
    auto mi = test::syntheticMiDistance(6, 6);
    for (FigureView* v : views) {
      v->resize(900, 600);
      v->setResults(v->accepts(*sim) ? std::shared_ptr<const RunResults>(sim) : std::shared_ptr<const RunResults>(mi));
      QVERIFY(v->hasData());
    }
    QTemporaryDir dir;
    if (qEnvironmentVariableIsSet("LAMINAR_KEEP_EXPORTS")) dir.setAutoRemove(false), qInfo() << dir.path();
    for (FigureFormat format : {FigureFormat::Png, FigureFormat::Pdf, FigureFormat::Svg}) {
      FigureExportOptions options;
      options.format = format;
      options.width = 800;
      options.height = 500;
      options.dpi = 192;
      const QStringList files = exportAll(views, dir.filePath(formatSuffix(format)), options, true);
      QCOMPARE(files.size(), 12);
      for (const QString& file : files) {
        QFile f(file);
        QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(file));
        const QByteArray bytes = f.readAll();
        QVERIFY2(bytes.size() > 200, qPrintable(file));
        if (file.endsWith(QLatin1String(".csv"))) continue;
        if (format == FigureFormat::Png) {
          QVERIFY(bytes.startsWith("\x89PNG\r\n\x1a\n"));
          QImage image;
          QVERIFY(image.loadFromData(bytes, "PNG"));
          QCOMPARE(image.width(), 1600);  // 800 at 192 dpi = scale 2
          QCOMPARE(image.height(), 1000);
          QCOMPARE(qRound(image.dotsPerMeterX() * 0.0254), 192);
          QSet<QRgb> colours;
          for (int y = 0; y < image.height(); y += 7)
            for (int x = 0; x < image.width(); x += 7) colours.insert(image.pixel(x, y));
          QVERIFY2(colours.size() > 20, qPrintable(file));
        } else if (format == FigureFormat::Pdf) {
          QVERIFY(bytes.startsWith("%PDF-"));
          QVERIFY(bytes.trimmed().endsWith("%%EOF"));
          QVERIFY2(bytes.contains("DejaVu"), qPrintable(file));  // the font with the diacritics is embedded
        } else {
          QXmlStreamReader xml(bytes);
          bool svgRoot = false, dejaVu = false;
          while (!xml.atEnd()) {
            xml.readNext();
            if (xml.isStartElement() && xml.name() == QLatin1String("svg")) svgRoot = true;
            if (xml.isStartElement() && xml.attributes().value(QLatin1String("font-family")).contains(QLatin1String("DejaVu")))
              dejaVu = true;
          }
          QVERIFY2(!xml.hasError(), qPrintable(file + QStringLiteral(": ") + xml.errorString() + QStringLiteral(" at line ") + QString::number(xml.lineNumber())));
          QVERIFY(svgRoot);
          QVERIFY(dejaVu);
        }
      }
    }
    // no temporary files left behind
    for (const QString& sub : {QStringLiteral("png"), QStringLiteral("pdf"), QStringLiteral("svg")})
      QCOMPARE(QDir(dir.filePath(sub)).entryList(QDir::Files | QDir::Hidden).size(), 12);
  }

  void significanceCsvForTheStatsmodelsCheck() {
    // Writes the Z-family FDR adjustment for tests/gui/check_multiple_comparisons.py.
    const QByteArray out = qgetenv("LAMINAR_GUI_CSV_OUT");
    if (out.isEmpty()) QSKIP("LAMINAR_GUI_CSV_OUT not set");
    LayerCursor cursor;
    MiSignificanceView view(&cursor);
    view.setResults(test::syntheticMiDistance(24, 24));
    view.setCorrection(1);
    QDir().mkpath(QString::fromLocal8Bit(out));
    exportCsv(view, QDir(QString::fromLocal8Bit(out)).filePath(QStringLiteral("mi-significance-fdr.csv")));
    view.setCorrection(0);
    exportCsv(view, QDir(QString::fromLocal8Bit(out)).filePath(QStringLiteral("mi-significance-bonferroni.csv")));
  }
};

QTEST_MAIN(WidgetsTest)
#include "test_widgets.moc"
