// The figures show the engine's numbers: a real run (tiny synthetic GPT-2, both experiments)
// fed to the views, and every plotted point compared with the value results.json holds for it
// (the experiment's JSON section, as saved). The widget tests check structure (colours, sizes);
// this checks that the profile and MI-distance figures plot the right statistic at the right
// layer, site and group.
// libtorch first: Qt's `slots` macro would break its headers.
#include "analysis/analysis.h"
#include "analysis/run_results.h"
#include "analysis/sentence_set.h"
#include "checkpoint/synthetic_checkpoint.h"
#include "model/gpt2_model.h"
#include "tokenizer/bpe_tokenizer.h"

#include <QCheckBox>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <memory>

#include <nlohmann/json.hpp>

#include "analysis/attention_pattern_results.h"
#include "analysis/logit_lens_results.h"
#include "widgets/attention_pattern_views.h"
#include "widgets/csv.h"
#include "view_csv.h"
#include "widgets/laminar_profile_view.h"
#include "widgets/layer_cursor.h"
#include "widgets/logit_lens_views.h"
#include "widgets/mi_distance_view.h"
#include "widgets/mi_estimator_view.h"
#include "widgets/mi_significance_view.h"
#include "widgets/result_labels.h"

using namespace laminar;

namespace {

// JSON numbers as results.json writes them: null is NaN.
double num(const nlohmann::json& v) {
  if (v.is_null()) return std::nan("");
  if (v.is_string()) return v.get<std::string>() == "Infinity" ? INFINITY : -INFINITY;
  return v.get<double>();
}

bool same(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }

// (key, value) of every point of a graph, in key order.
std::vector<std::pair<double, double>> pointsOf(const QCPGraph* g) {
  std::vector<std::pair<double, double>> out;
  for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it) out.emplace_back(it->key, it->value);
  return out;
}

QCheckBox* controlToggle(const FigureView& view) { return view.findChild<QCheckBox*>(QStringLiteral("showControl")); }

}  // namespace

class FiguresNumbersTest : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  std::unique_ptr<Gpt2Model> model_;
  std::unique_ptr<BpeTokenizer> tokenizer_;

  std::shared_ptr<RunResults> run(const std::string& experiment, const char* example,
                                  const nlohmann::json& options = nlohmann::json::object(), bool control = false) {
    RunSettings s;
    s.experiment = experiment;
    s.control.untrained = control;
    s.control.seed = 3;
    for (const auto& [key, value] : options.items()) s.options[key] = value;
    if (experiment == "similarity") s.options["bins"] = 11;  // settings are per analysis
    auto set = loadSentenceSet(std::filesystem::path(LAMINAR_SOURCE_DIR) / "resources/examples" / example);
    return std::make_shared<RunResults>(runExperiment(*model_, *tokenizer_, set, s));
  }

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    SyntheticCheckpointOptions o;
    o.config = Gpt2Config::forShape("64x3x4");
    o.seed = 11;
    const std::filesystem::path modelDir = dir_.path().toStdString() + "/model";
    writeSyntheticCheckpoint(modelDir, o);
    model_ = Gpt2Model::load(modelDir);
    tokenizer_ = std::make_unique<BpeTokenizer>(BpeTokenizer::fromDirectory(modelDir));
  }

  void similarityProfileShowsTheSavedProfiles() {
    auto results = run("similarity", "her.txt");
    const nlohmann::json section = makeAnalysis("similarity")->toJson(*results);
    LayerCursor cursor;
    LaminarProfileView view(&cursor);
    view.setLazy(false);
    view.setResults(results);
    const char* groups[] = {"target", "nontarget"};
    const char* matrices[] = {"Q", "K", "V"};
    const std::pair<LaminarProfileView::Statistic, const char*> stats[] = {
        {LaminarProfileView::Statistic::Variance, "variance"},
        {LaminarProfileView::Statistic::Mean, "mean"},
        {LaminarProfileView::Statistic::MeanAbs, "meanAbs"}};
    for (const auto& [statistic, key] : stats) {
      view.setStatistic(statistic);
      view.ensureUpToDate();
      const auto series = view.series();
      QCOMPARE(series.size(), qsizetype(6));
      for (int g = 0; g < 2; ++g)
        for (int m = 0; m < 3; ++m) {
          const QCPGraph* graph = series[g * 3 + m];
          // The legend names the matrix; solid lines are the target group, dashed the non-target.
          QVERIFY2(graph->name().startsWith(QLatin1String(matrices[m])), qPrintable(graph->name()));
          QCOMPARE(graph->pen().style(), g == 0 ? Qt::SolidLine : Qt::DashLine);
          const auto points = pointsOf(graph);
          QCOMPARE(points.size(), section["layers"].size());
          for (size_t l = 0; l < points.size(); ++l) {
            const double want = num(section["layers"][l][groups[g]]["profiles"][matrices[m]][key]);
            QCOMPARE(points[l].first, static_cast<double>(l + 1));  // layers shown from 1
            QVERIFY2(same(points[l].second, want),
                     qPrintable(QStringLiteral("%1 %2 %3 layer %4: plotted %5, results %6")
                                    .arg(key, groups[g], matrices[m])
                                    .arg(l)
                                    .arg(points[l].second, 0, 'g', 17)
                                    .arg(want, 0, 'g', 17)));
          }
        }
    }
  }

  void miProfilesAndScatterShowTheSavedStatistics() {
    auto results = run("mi-distance", "coffee.txt");
    const nlohmann::json section = makeAnalysis("mi-distance")->toJson(*results);
    LayerCursor cursor;
    LaminarProfileView view(&cursor);
    view.setLazy(false);
    view.setResults(results);
    const char* sites[] = {"attn", "mlp"};
    const size_t nLayer = section["layers"].size();
    // Mean MI and tau: one series per site (attention first).
    for (const auto& [statistic, key] : {std::pair{LaminarProfileView::Statistic::MeanMi, "meanMi"},
                                         std::pair{LaminarProfileView::Statistic::Tau, "tau"}}) {
      view.setStatistic(statistic);
      view.ensureUpToDate();
      QCOMPARE(view.series().size(), qsizetype(2));
      for (int s = 0; s < 2; ++s) {
        const auto points = pointsOf(view.series()[s]);
        QCOMPARE(points.size(), nLayer);
        for (size_t l = 0; l < nLayer; ++l) {
          // A default run compares MI above the estimator floor, and the mean-MI profile draws
          // that quantity (controls.<site>.meanAboveFloor); tau is on the same quantity already.
          const nlohmann::json& layer = section["layers"][l];
          const bool aboveFloor = std::string(key) == "meanMi" && layer.contains("controls") &&
                                  section["settings"].value("miCompared", "") == "above-floor";
          const double want = aboveFloor ? num(layer["controls"][sites[s]]["meanAboveFloor"]) : num(layer[sites[s]][key]);
          QVERIFY2(same(points[l].second, want),
                   qPrintable(QStringLiteral("%1 %2 layer %3: plotted %4, results %5")
                                  .arg(key, sites[s]).arg(l)
                                  .arg(points[l].second, 0, 'g', 17).arg(want, 0, 'g', 17)));
        }
      }
    }
    // The controls (issue 10): floor series beside mean MI, null bands beside tau and beside the
    // site difference, all exactly the saved numbers; permutation markers on the BH-significant layers.
    // The default run draws MI above the floor, whose floor is the zero line: no floor series.
    view.setStatistic(LaminarProfileView::Statistic::MeanMi);
    view.ensureUpToDate();
    QCOMPARE(view.controlGraphs().size(), qsizetype(0));
    {  // A raw-MI run draws each site's mean floor beside its mean MI.
      auto raw = run("mi-distance", "coffee.txt", {{"mi-compared", "raw"}});
      const nlohmann::json rawSection = makeAnalysis("mi-distance")->toJson(*raw);
      LaminarProfileView rawView(&cursor);
      rawView.setLazy(false);
      rawView.setResults(raw);
      rawView.setStatistic(LaminarProfileView::Statistic::MeanMi);
      rawView.ensureUpToDate();
      QCOMPARE(rawView.controlGraphs().size(), qsizetype(2));
      for (int s = 0; s < 2; ++s) {
        const auto points = pointsOf(rawView.controlGraphs()[s]);
        QCOMPARE(points.size(), nLayer);
        for (size_t l = 0; l < nLayer; ++l) {
          QVERIFY(same(points[l].second, num(rawSection["layers"][l]["controls"][sites[s]]["meanFloor"])));
          QVERIFY(same(pointsOf(rawView.series()[s])[l].second, num(rawSection["layers"][l][sites[s]]["meanMi"])));
        }
      }
    }
    view.setStatistic(LaminarProfileView::Statistic::Tau);
    view.ensureUpToDate();
    QCOMPARE(view.controlGraphs().size(), qsizetype(4));
    for (int s = 0; s < 2; ++s)
      for (int edge = 0; edge < 2; ++edge) {
        const auto points = pointsOf(view.controlGraphs()[2 * s + edge]);
        for (size_t l = 0; l < nLayer; ++l)
          QVERIFY(same(points[l].second,
                       num(section["layers"][l]["controls"][sites[s]]["kendallNull"][edge ? "nullHigh" : "nullLow"])));
      }
    // One row of diamonds per site, on exactly the layers its BH-corrected permutation p marks.
    QCOMPARE(view.permutationMarkers().size(), qsizetype(2));
    for (int s = 0; s < 2; ++s) {
      std::vector<double> marked, expected;
      for (const auto& [x, y] : pointsOf(view.permutationMarkers()[s])) marked.push_back(x);
      const char* family = s == 0 ? "kendallPermutationAttn" : "kendallPermutationMlp";
      for (size_t l = 0; l < nLayer; ++l)
        if (section["controls"]["fdr"][family]["significant"][l].get<bool>()) expected.push_back(static_cast<double>(l + 1));
      QVERIFY2(marked == expected, family);
    }
    view.setStatistic(LaminarProfileView::Statistic::SiteDifference);
    view.ensureUpToDate();
    QCOMPARE(view.series().size(), qsizetype(1));
    for (size_t l = 0; l < nLayer; ++l)
      QVERIFY(same(pointsOf(view.series()[0])[l].second, num(section["layers"][l]["controls"]["siteSignFlip"]["observed"])));
    QCOMPARE(view.permutationMarkers().size(), qsizetype(1));
    std::vector<double> marked, expectedMarked;
    for (const auto& [x, y] : pointsOf(view.permutationMarkers()[0])) marked.push_back(x);
    for (size_t l = 0; l < nLayer; ++l)
      if (section["controls"]["fdr"]["siteSignFlip"]["significant"][l].get<bool>())
        expectedMarked.push_back(static_cast<double>(l + 1));
    QVERIFY(marked == expectedMarked);

    // t and Fisher Z: one series; the significance stars sit on exactly the layers results.json
    // marks significant (Bonferroni, then Benjamini-Hochberg).
    for (const auto& [statistic, key] : {std::pair{LaminarProfileView::Statistic::TStatistic, "t"},
                                         std::pair{LaminarProfileView::Statistic::FisherZ, "fisherZ"}}) {
      view.setStatistic(statistic);
      view.ensureUpToDate();
      QCOMPARE(view.series().size(), qsizetype(1));
      const auto points = pointsOf(view.series()[0]);
      QCOMPARE(points.size(), nLayer);
      for (size_t l = 0; l < nLayer; ++l)
        QVERIFY2(same(points[l].second, num(section["layers"][l][key])), qPrintable(QStringLiteral("%1 layer %2").arg(key).arg(l)));
    }
    view.setStatistic(LaminarProfileView::Statistic::TStatistic);
    for (const auto& [correction, key] : {std::pair{LaminarProfileView::Correction::Bonferroni, "significantBonferroni"},
                                          std::pair{LaminarProfileView::Correction::Fdr, "significantFdr"}}) {
      view.setCorrection(correction);
      view.ensureUpToDate();
      QVERIFY(view.significanceMarkers());
      std::vector<double> starred, expected;
      for (const auto& [x, y] : pointsOf(view.significanceMarkers())) starred.push_back(x);
      for (size_t l = 0; l < nLayer; ++l)
        if (section[key][l].get<bool>()) expected.push_back(static_cast<double>(l + 1));
      QVERIFY2(starred == expected, key);
    }

    // The scatter at each layer: one point (distance, pair MI) per pair and site.
    cursor.setCount(static_cast<int>(nLayer));  // as the main window does for a run
    MiDistanceView scatter(&cursor);
    scatter.setLazy(false);
    scatter.setResults(results);
    for (size_t l = 0; l < nLayer; ++l) {
      cursor.setLayer(static_cast<int>(l));
      scatter.ensureUpToDate();
      QCOMPARE(scatter.shownLayer(), static_cast<int>(l));
      for (int s = 0; s < 2; ++s) {
        std::vector<std::pair<double, double>> want;
        for (size_t k = 0; k < section["pairs"].size(); ++k)
          // The scatter shows the MI the statistics compare: above the floor by default.
          want.emplace_back(section["pairs"][k]["distance"].get<double>(),
                            num(section["layers"][l][sites[s]]["pairMi"][k]) -
                                (section["settings"]["miCompared"] == "above-floor"
                                     ? num(section["layers"][l]["controls"][sites[s]]["floor"][k])
                                     : 0.0));
        auto got = pointsOf(scatter.points(s));
        std::sort(want.begin(), want.end());
        std::sort(got.begin(), got.end());
        QVERIFY2(got == want, qPrintable(QStringLiteral("scatter %1 layer %2").arg(sites[s]).arg(l)));
      }
    }
  }

  // The estimator comparison: one point per pair and site at (histogram MI, KSG MI), exactly
  // the saved estimatorComparison arrays of the shown layer (an axis swap would still look
  // plausible: both estimators are in nats and near each other).
  void miEstimatorViewPlotsHistogramAgainstKsg() {
    auto results = run("mi-distance", "coffee.txt");
    const nlohmann::json section = makeAnalysis("mi-distance")->toJson(*results);
    const size_t nLayer = section["layers"].size();
    LayerCursor cursor;
    cursor.setCount(static_cast<int>(nLayer));
    MiEstimatorView view(&cursor);
    view.setLazy(false);
    view.setResults(results);
    const char* sites[] = {"attn", "mlp"};
    for (size_t l = 0; l < nLayer; ++l) {
      cursor.setLayer(static_cast<int>(l));
      view.ensureUpToDate();
      for (int s = 0; s < 2; ++s) {
        const nlohmann::json& e = section["layers"][l]["controls"][sites[s]]["estimatorComparison"];
        std::vector<std::pair<double, double>> want;
        for (size_t k = 0; k < e["histMi"].size(); ++k) want.emplace_back(num(e["histMi"][k]), num(e["ksgMi"][k]));
        QVERIFY(want.size() == section["pairs"].size());
        auto got = pointsOf(view.points(s));
        std::sort(want.begin(), want.end());
        std::sort(got.begin(), got.end());
        QVERIFY2(got == want, qPrintable(QStringLiteral("estimators %1 layer %2").arg(sites[s]).arg(l)));
      }
    }
  }

  // The t / Fisher Z view: the two profiles are the saved t and Z, the dashed line the paired t
  // of the controls, its diamonds on exactly the layers whose sign-flip p survives BH.
  void miSignificanceViewShowsTheSavedTestsAndControls() {
    auto results = run("mi-distance", "coffee.txt");
    const nlohmann::json section = makeAnalysis("mi-distance")->toJson(*results);
    const size_t nLayer = section["layers"].size();
    LayerCursor cursor;
    cursor.setCount(static_cast<int>(nLayer));
    MiSignificanceView view(&cursor);
    view.setLazy(false);
    view.setResults(results);
    view.ensureUpToDate();
    QVERIFY(view.pairedProfile() && view.permutationMarkers());
    const auto t = pointsOf(view.profile(0)), z = pointsOf(view.profile(1)), paired = pointsOf(view.pairedProfile());
    QCOMPARE(t.size(), nLayer);
    QCOMPARE(z.size(), nLayer);
    QCOMPARE(paired.size(), nLayer);
    std::vector<std::pair<double, double>> markers, expectedMarkers;
    for (size_t l = 0; l < nLayer; ++l) {
      const nlohmann::json& layer = section["layers"][l];
      QVERIFY(same(t[l].second, num(layer["t"])) && same(z[l].second, num(layer["fisherZ"])));
      QVERIFY2(same(paired[l].second, num(layer["controls"]["pairedT"]["t"])), qPrintable(QString::number(l)));
      if (section["controls"]["fdr"]["siteSignFlip"]["significant"][l].get<bool>())
        expectedMarkers.emplace_back(static_cast<double>(l + 1), num(layer["controls"]["pairedT"]["t"]));
    }
    QVERIFY(pointsOf(view.permutationMarkers()) == expectedMarkers);
  }

  // The logit lens's views draw the saved numbers, and the run's untrained control (issue 10:
  // every claim gets its baseline): grey lines beside the profile's, and the top-token map
  // swapped to the control's by the "Show the untrained control" box, title and CSV with it.
  void logitLensViewsShowTheRunAndItsControl() {
    auto results = run("logit-lens", "her.txt", nlohmann::json::object(), true);
    QVERIFY(results->control);
    const auto lens = makeAnalysis("logit-lens");
    const nlohmann::json section = lens->toJson(*results), control = lens->toJson(*results->control);
    QVERIFY(section["layers"][0]["topProbs"] != control["layers"][0]["topProbs"]);  // other weights
    const size_t nLayer = section["layers"].size();
    LayerCursor cursor;
    LogitLensTopView top(&cursor);
    top.setLazy(false);
    top.setResults(results);
    QCheckBox* toggle = controlToggle(top);
    QVERIFY(toggle && toggle->isVisibleTo(&top) && toggle->isEnabled() && !toggle->isChecked());
    auto checkTop = [&](const nlohmann::json& want, const char* which) {
      QVERIFY(top.map());
      const size_t k = want["layers"][0]["topProbs"].size();
      QCOMPARE(top.tokenLabels().size(), nLayer * k);
      for (size_t l = 0; l < nLayer; ++l)
        for (size_t i = 0; i < k; ++i) {
          const double cell = top.map()->data()->cell(static_cast<int>(l), static_cast<int>(i));
          QVERIFY2(same(cell, num(want["layers"][l]["topProbs"][i])), which);
          QCOMPARE(top.tokenLabels()[l * k + i]->text(),
                   Labels::token(want["layers"][l]["topTokens"][i].get<std::string>()));
        }
      const QString firstRow = test::csvOf(top).section(QLatin1Char('\n'), 1, 1);
      QCOMPARE(firstRow.section(QLatin1Char(','), 2, 2).toLongLong(), want["layers"][0]["topIds"][0].get<long long>());
    };
    checkTop(section, "run");
    QVERIFY(!top.title().contains(Labels::untrainedControl()));
    QCOMPARE(top.variantKeys(), (QStringList{QString(), QStringLiteral("untrained-control")}));
    toggle->setChecked(true);
    checkTop(control, "control");
    QVERIFY2(top.title().endsWith(QStringLiteral("(%1)").arg(Labels::untrainedControl())), qPrintable(top.title()));
    QVERIFY(top.caption().contains(QStringLiteral("seed 3")));
    QCOMPARE(top.drawnResults(), results->control.get());
    top.selectVariant(0);
    checkTop(section, "run again");

    LogitLensProfileView profile(&cursor);
    profile.setLazy(false);
    profile.setResults(results);
    const std::pair<QCPGraph*, const char*> lines[] = {{profile.probabilityGraph(), "meanNextProb"},
                                                       {profile.rankGraph(), "medianNextRank"}};
    const std::pair<QCPGraph*, const char*> controlLines[] = {{profile.controlProbabilityGraph(), "meanNextProb"},
                                                              {profile.controlRankGraph(), "medianNextRank"}};
    for (const auto& [graph, key] : lines) {
      const auto points = pointsOf(graph);
      QCOMPARE(points.size(), nLayer);
      for (size_t l = 0; l < nLayer; ++l) {
        QCOMPARE(points[l].first, static_cast<double>(l + 1));
        QVERIFY2(same(points[l].second, num(section["layers"][l][key])), key);
      }
    }
    for (const auto& [graph, key] : controlLines) {
      QVERIFY(graph);
      QVERIFY(graph->name().contains(Labels::untrainedControl()));
      QCOMPARE(graph->pen().style(), Qt::DashDotLine);
      const auto points = pointsOf(graph);
      QCOMPARE(points.size(), nLayer);
      for (size_t l = 0; l < nLayer; ++l) QVERIFY2(same(points[l].second, num(control["layers"][l][key])), key);
    }
    const QStringList csv = test::csvOf(profile).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(csv[0], QStringLiteral("layer,mean_next_prob,se_next_prob,median_next_rank,control_mean_next_prob,"
                                    "control_se_next_prob,control_median_next_rank"));
    QVERIFY(same(csv[1].section(QLatin1Char(','), 6, 6).toDouble(), num(control["layers"][0]["medianNextRank"])));
    QVERIFY(profile.caption().contains(QStringLiteral("seed 3")));

    // Without a control: no box, no grey lines, no control columns.
    auto alone = std::make_shared<RunResults>(*results);
    alone->control = nullptr;
    top.setResults(alone);
    QVERIFY(!controlToggle(top)->isVisibleTo(&top));
    checkTop(section, "run without control");
    QCOMPARE(top.variantKeys(), QStringList{QString()});
    profile.setResults(alone);
    QVERIFY(!profile.controlProbabilityGraph() && !profile.controlRankGraph());
    QVERIFY(!test::csvOf(profile).section(QLatin1Char('\n'), 0, 0).contains(QStringLiteral("control")));
  }

  // The attention views draw the saved patterns (every head at the cursor's layer; the target's
  // row averaged over heads), and the untrained control's instead when its box is ticked.
  void attentionViewsShowTheRunAndItsControl() {
    auto results = run("attention-pattern", "her.txt", {{"text", 2}}, true);
    QVERIFY(results->control);
    const auto& r = *results->get<AttentionPatternResults>();
    const auto& c = *results->control->get<AttentionPatternResults>();
    QCOMPARE(c.tokens, r.tokens);
    QVERIFY(c.layers[0].pattern != r.layers[0].pattern);
    LayerCursor cursor;
    cursor.setCount(r.nLayer);
    cursor.setLayer(r.nLayer - 1);
    AttentionHeadsView heads(&cursor);
    heads.setLazy(false);
    heads.setResults(results);
    const int64_t t = r.length();
    auto checkHeads = [&](const AttentionPatternResults& want, const char* which) {
      QCOMPARE(heads.maps().size(), static_cast<size_t>(want.nHead));
      const AttentionPatternLayer& layer = want.layers[static_cast<size_t>(cursor.layer())];
      for (int h = 0; h < want.nHead; ++h)
        for (int64_t q = 0; q < t; ++q)
          for (int64_t k = 0; k <= q; ++k)
            QVERIFY2(heads.maps()[static_cast<size_t>(h)]->data()->cell(static_cast<int>(k), static_cast<int>(q)) ==
                         static_cast<double>(want.weight(layer, h, q, k)),
                     which);
    };
    checkHeads(r, "run");
    QCheckBox* toggle = controlToggle(heads);
    QVERIFY(toggle && toggle->isEnabled());
    toggle->setChecked(true);
    checkHeads(c, "control");
    QVERIFY(heads.title().contains(Labels::untrainedControl()));

    AttentionTargetView target(&cursor);
    target.setLazy(false);
    target.setResults(results);
    const nlohmann::json section = makeAnalysis("attention-pattern")->toJson(*results);
    const nlohmann::json control = makeAnalysis("attention-pattern")->toJson(*results->control);
    auto checkTarget = [&](const nlohmann::json& want, const char* which) {
      for (size_t l = 0; l < want["layers"].size(); ++l)
        for (int64_t k = 0; k <= r.targetPosition; ++k)
          QVERIFY2(same(target.map()->data()->cell(static_cast<int>(l), static_cast<int>(k)),
                        num(want["layers"][l]["targetMass"][static_cast<size_t>(k)])),
                   which);
    };
    checkTarget(section, "run");
    controlToggle(target)->setChecked(true);
    checkTarget(control, "control");
    const QString firstRow = test::csvOf(target).section(QLatin1Char('\n'), 1, 1);  // layer 0, the first token
    QCOMPARE(firstRow.section(QLatin1Char(','), -1), csv::number(num(control["layers"][0]["targetMass"][0])));
  }
};

QTEST_MAIN(FiguresNumbersTest)
#include "test_figures_numbers.moc"
