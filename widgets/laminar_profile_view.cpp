#include "widgets/laminar_profile_view.h"

#include <QSettings>
#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QTextStream>

#include <cmath>
#include <limits>

#include "analysis/layer_difference.h"
#include "widgets/csv.h"
#include "widgets/layer_cursor.h"
#include "widgets/plot_style.h"
#include "widgets/result_labels.h"

namespace laminar {

namespace {
QVector<double> toVector(const std::vector<double>& v) { return QVector<double>(v.begin(), v.end()); }
}  // namespace

LaminarProfileView::LaminarProfileView(LayerCursor* cursor, QWidget* parent) : FigureView(cursor, parent) {
  rect_ = new QCPAxisRect(plot());
  body()->addElement(0, 0, rect_);
  legend_ = addOuterLegend(1, 0, 3);  // below the plot: Q, K, V a row
  addLayerAxis(rect_->axis(QCPAxis::atBottom));

  statisticLabel_ = new QLabel(this);
  statisticBox_ = choiceBox(QStringLiteral("statistic"));
  correctionLabel_ = new QLabel(this);
  correctionBox_ = choiceBox(QStringLiteral("correction"));
  statisticLabel_->setBuddy(statisticBox_);
  correctionLabel_->setBuddy(correctionBox_);
  controls()->addWidget(statisticLabel_);
  controls()->addWidget(statisticBox_);
  controls()->addSpacing(12);
  controls()->addWidget(correctionLabel_);
  controls()->addWidget(correctionBox_);
  differenceBox_ = new QCheckBox(this);
  differenceBox_->setObjectName(QStringLiteral("difference"));
  controls()->addSpacing(12);
  controls()->addWidget(differenceBox_);
  controls()->addStretch(1);
  connect(differenceBox_, &QCheckBox::toggled, this, &LaminarProfileView::setDifferenceShown);
  connect(statisticBox_, &QComboBox::activated, this, [this](int index) {
    setStatistic(static_cast<Statistic>(statisticBox_->itemData(index).toInt()));
  });
  connect(correctionBox_, &QComboBox::activated, this,
          [this](int index) { setCorrection(static_cast<Correction>(index)); });
  refresh();
}

bool LaminarProfileView::accepts(const RunResults& r) const {
  return r.get<SimilarityResults>() != nullptr || r.get<MiDistanceResults>() != nullptr;
}

// Those of the results shown, else those of the analysis this view is registered for (one view
// per analysis): before a run the box already lists what the run will draw.
QList<LaminarProfileView::Statistic> LaminarProfileView::availableStatistics() const {
  if (results() ? results()->get<MiDistanceResults>() != nullptr : analysis() == QLatin1String("mi-distance"))
    return {Statistic::MeanMi, Statistic::Tau, Statistic::TStatistic, Statistic::FisherZ, Statistic::SiteDifference};
  return {Statistic::Variance, Statistic::Mean, Statistic::MeanAbs};
}

QString LaminarProfileView::statisticName(Statistic s) {
  switch (s) {
    case Statistic::Variance: return tr("Variance (Q, K, V; target vs non-target)");
    case Statistic::Mean: return tr("Mean of column means");
    case Statistic::MeanAbs: return tr("Mean of |column means|");
    case Statistic::MeanMi: return tr("Mean MI: attention vs MLP");
    case Statistic::Tau: return tr("Kendall's tau (MI vs token distance)");
    case Statistic::TStatistic: return tr("t-test: attention vs MLP MI");
    case Statistic::FisherZ: return tr("Fisher Z: attention tau vs MLP tau");
    case Statistic::SiteDifference: return tr("Attention − MLP MI with its permutation null");
  }
  return {};
}

QString LaminarProfileView::statisticKey(Statistic s) {
  switch (s) {
    case Statistic::Variance: return QStringLiteral("variance");
    case Statistic::Mean: return QStringLiteral("mean");
    case Statistic::MeanAbs: return QStringLiteral("mean-abs");
    case Statistic::MeanMi: return QStringLiteral("mean-mi");
    case Statistic::Tau: return QStringLiteral("tau");
    case Statistic::TStatistic: return QStringLiteral("t");
    case Statistic::FisherZ: return QStringLiteral("fisher-z");
    case Statistic::SiteDifference: return QStringLiteral("site-difference");
  }
  return {};
}

QStringList LaminarProfileView::choiceKeys() const {
  QStringList keys;
  for (Statistic s : availableStatistics()) keys << statisticKey(s);
  return keys;
}

void LaminarProfileView::selectChoice(int index) {
  const auto available = availableStatistics();
  if (index >= 0 && index < available.size()) setStatistic(available[index]);
}

void LaminarProfileView::setStatistic(Statistic statistic) {
  statistic_ = statistic;
  refresh();
}

void LaminarProfileView::setCorrection(Correction correction) {
  correction_ = correction;
  refresh();
}

bool LaminarProfileView::differenceShown() const {
  return difference_ && results() && results()->control && !controlColumns(statistic_).empty();
}

void LaminarProfileView::setDifferenceShown(bool on) {
  if (on == difference_) return;
  difference_ = on;
  refresh();
}

void LaminarProfileView::retranslateControls() {
  const auto available = availableStatistics();
  if (!available.contains(statistic_)) statistic_ = available.front();
  statisticLabel_->setText(tr("Statistic:"));
  correctionLabel_->setText(tr("Correction:"));
  statisticBox_->clear();
  for (Statistic s : available) statisticBox_->addItem(statisticName(s), static_cast<int>(s));
  statisticBox_->setCurrentIndex(static_cast<int>(available.indexOf(statistic_)));
  correctionBox_->clear();
  correctionBox_->addItem(Labels::correction(0));
  correctionBox_->addItem(Labels::correction(1));
  correctionBox_->setCurrentIndex(static_cast<int>(correction_));
  const bool mi = results() && results()->get<MiDistanceResults>();
  correctionBox_->setVisible(mi);
  correctionLabel_->setVisible(mi);
  const bool comparable = results() && results()->control;
  differenceBox_->setVisible(comparable);
  differenceBox_->setEnabled(comparable && !controlColumns(statistic_).empty());
  if (comparable) {
    const QString other = Labels::controlName(results().get());
    differenceBox_->setText(tr("Difference from the %1").arg(other));
    differenceBox_->setToolTip(tr("Draw the run minus the %1, layer by layer, one line per series around zero, "
                                  "instead of both: what differs between them at each layer.").arg(other));
  }
  const QSignalBlocker block(differenceBox_);
  differenceBox_->setChecked(difference_);
}

QString LaminarProfileView::title() const { return statisticName(statistic_); }

QString LaminarProfileView::caption() const {
  const bool shown = differenceShown();
  const QString difference =
      shown ? tr("Difference view: each line is the run's value minus the %1's at that layer; the dashed "
                             "line is zero, no difference. ")
                              .arg(Labels::controlName(results().get()))
                        : QString();
  return difference + captionWithoutControl() +
         (shown ? Labels::controlSource(results().get()) : Labels::controlCaption(results().get()));
}

QString LaminarProfileView::captionWithoutControl() const {
  switch (statistic_) {
    case Statistic::Variance:
      return tr("Laminar profile of context variance. For each layer, the variance across texts of every "
                "dimension of Q, K and V, averaged over dimensions, at the target token (solid) and at a "
                "non-target token of the same texts (dashed). A target curve above the non-target curve means "
                "the layer spreads the target's representation more with context.");
    case Statistic::Mean:
    case Statistic::MeanAbs:
      return tr("Laminar profile of the mean activation of Q, K and V per layer, at the target token (solid) "
                "and a non-target token (dashed). Drift away from zero shows a shared offset that all texts "
                "carry at that layer.");
    case Statistic::MeanMi:
      if (meanMiAboveFloor())
        return tr("Mean mutual information (MI) between the target's occurrences above the estimator floor "
                  "(each pair's MI minus the same estimator's MI with one vector shuffled: its value at zero "
                  "dependence), per layer, for the attention output and the MLP output; bands are ± one "
                  "standard error over occurrence pairs. Stars mark layers where a t-test on these values finds "
                  "attention and MLP different after the chosen multiple-comparison correction.");
      return tr("Mean mutual information (MI) between the target's occurrences, per layer, for the attention "
                "output and the MLP output; bands are ± one standard error over occurrence pairs. Dotted lines: "
                "the estimator floor (the same estimator on x against a shuffled y: its value at zero "
                "dependence). Stars mark layers where a t-test finds attention and MLP different after the "
                "chosen multiple-comparison correction.");
    case Statistic::Tau:
      return tr("Kendall's tau between token distance and MI of each occurrence pair, per layer. Negative "
                "values mean that closer occurrences share more information. Shaded: the central 95% of tau "
                "when distances are shuffled within each text (permutation null); diamonds mark layers whose "
                "permutation p-value stays significant after Benjamini-Hochberg over layers.");
    case Statistic::SiteDifference:
      return tr("Mean over occurrence pairs of attention MI minus MLP MI, per layer (the MI the run compares). "
                "Shaded: the central 95% of the same mean when the two sites are swapped at random within each "
                "pair (permutation null); diamonds mark layers whose permutation p-value stays significant "
                "after Benjamini-Hochberg over layers (known when all layers are done).");
    case Statistic::TStatistic:
      return tr("t statistic of the attention vs MLP comparison of pair MIs, per layer. Positive: attention "
                "carries more MI than the MLP. Stars mark significant layers after the chosen correction.");
    case Statistic::FisherZ:
      return tr("Fisher Z comparing attention's tau with the MLP's tau, per layer (an approximation: tau is "
                "not a Pearson r). Stars mark significant layers after the chosen correction.");
  }
  return {};
}

// Experiment 1's profile of one statistic (variance, mean or mean |cos|): Q, K, V of the
// target, then of the non-target, one value per finished layer; CSV keys `prefix`STAT_M_GROUP.
// The run and its control draw the same six lines, so both read them here.
std::vector<LaminarProfileView::Column> LaminarProfileView::similarityColumns(const SimilarityResults& sim,
                                                                              Statistic statistic,
                                                                              const QString& prefix) {
  const char* statKey = statistic == Statistic::Variance ? "variance"
                        : statistic == Statistic::Mean  ? "mean"
                                                         : "mean_abs";
  std::vector<Column> out;
  for (int g = 0; g < kGroups; ++g)
    for (int m = 0; m < kMatrices; ++m) {
      Column c{QStringLiteral("%1%2_%3_%4").arg(prefix, QLatin1String(statKey), Labels::matrix(m),
                                                 QLatin1String(Labels::groupKey(g))),
               {}};
      for (const auto& layer : sim.layers) {
        const auto& p = layer.profiles[static_cast<size_t>(g)][static_cast<size_t>(m)];
        c.values.push_back(statistic == Statistic::Variance ? p.variance
                           : statistic == Statistic::Mean   ? p.mean
                                                             : p.meanAbs);
      }
      out.push_back(std::move(c));
    }
  return out;
}

std::vector<LaminarProfileView::Column> LaminarProfileView::columns(Statistic statistic) const {
  std::vector<Column> out;
  if (!results()) return out;
  if (results()->get<SimilarityResults>() && (statistic == Statistic::Variance || statistic == Statistic::Mean ||
                                statistic == Statistic::MeanAbs)) {
    return similarityColumns(*results()->get<SimilarityResults>(), statistic, QString());
  } else if (results()->get<MiDistanceResults>()) {
    const auto& mi = *results()->get<MiDistanceResults>();
    if (statistic == Statistic::MeanMi || statistic == Statistic::Tau) {
      const bool aboveFloor = statistic == Statistic::MeanMi && meanMiAboveFloor();
      for (int s = 0; s < kSites; ++s) {
        Column value, error;
        value.name = QStringLiteral("%1_%2").arg(statistic == Statistic::MeanMi ? (aboveFloor ? "mean_mi_above_floor" : "mean_mi") : "tau",
                                                 QLatin1String(Labels::siteKey(s)));
        error.name = QStringLiteral("%1_%2").arg(statistic == Statistic::MeanMi ? "sem_mi" : "tau_p",
                                                 QLatin1String(Labels::siteKey(s)));
        for (const auto& layer : mi.layers) {
          const auto& site = layer.sites[static_cast<size_t>(s)];
          if (statistic == Statistic::MeanMi) {
            value.values.push_back(aboveFloor ? site.meanAboveFloor : site.meanMi);
            error.values.push_back(site.comparedMiStandardError(aboveFloor));
          } else {
            value.values.push_back(site.tau);
            error.values.push_back(site.tauP);
          }
        }
        out.push_back(std::move(value));
        out.push_back(std::move(error));
      }
      // Controls (issue 10): the floor beside mean MI, the null band beside tau. Always after
      // the value/error pairs, so rebuild() finds those at 2s and 2s + 1.
      for (int s = 0; s < kSites; ++s) {
        const QString site = QLatin1String(Labels::siteKey(s));
        if (statistic == Statistic::MeanMi) {
          Column floor{QStringLiteral("mean_floor_%1").arg(site), {}};
          for (const auto& layer : mi.layers) floor.values.push_back(layer.sites[static_cast<size_t>(s)].meanFloor);
          out.push_back(std::move(floor));
        } else {
          Column lo{QStringLiteral("tau_null_low_%1").arg(site), {}}, hi{QStringLiteral("tau_null_high_%1").arg(site), {}};
          for (const auto& layer : mi.layers) {
            lo.values.push_back(layer.sites[static_cast<size_t>(s)].kendallNull.nullLow);
            hi.values.push_back(layer.sites[static_cast<size_t>(s)].kendallNull.nullHigh);
          }
          out.push_back(std::move(lo));
          out.push_back(std::move(hi));
        }
      }
    } else if (statistic == Statistic::SiteDifference) {
      Column value{QStringLiteral("site_difference"), {}}, lo{QStringLiteral("site_null_low"), {}},
          hi{QStringLiteral("site_null_high"), {}}, p{QStringLiteral("site_permutation_p"), {}};
      for (const auto& layer : mi.layers) {
        value.values.push_back(layer.siteNull.observed);
        lo.values.push_back(layer.siteNull.nullLow);
        hi.values.push_back(layer.siteNull.nullHigh);
        p.values.push_back(layer.siteNull.p);
      }
      for (Column* c : {&value, &lo, &hi, &p}) out.push_back(std::move(*c));
    } else {
      Column value, p;
      value.name = statistic == Statistic::TStatistic ? QStringLiteral("t") : QStringLiteral("fisher_z");
      p.name = statistic == Statistic::TStatistic ? QStringLiteral("p") : QStringLiteral("fisher_p");
      for (const auto& layer : mi.layers) {
        value.values.push_back(statistic == Statistic::TStatistic ? layer.t : layer.fisherZ);
        p.values.push_back(statistic == Statistic::TStatistic ? layer.p : layer.fisherP);
      }
      out.push_back(std::move(value));
      out.push_back(std::move(p));
    }
  }
  return out;
}

bool LaminarProfileView::meanMiAboveFloor() const {
  const auto* mi = results() ? results()->get<MiDistanceResults>() : nullptr;
  if (!mi || !mi->settings.aboveFloor() || mi->layers.empty()) return false;
  for (const auto& layer : mi->layers)
    for (const auto& site : layer.sites)
      if (site.floor.size() != site.pairMi.size()) return false;  // written before the floors
  return true;
}

std::vector<bool> LaminarProfileView::significanceMask(Statistic statistic, Correction correction, bool* available) const {
  // Core decides significance (core/analysis/mi_distance_math.cpp); this only picks the mask.
  *available = false;
  std::vector<bool> mask;
  const bool fisher = statistic == Statistic::FisherZ;
  const bool tTest = statistic == Statistic::MeanMi || statistic == Statistic::TStatistic;
  if (!results() || !results()->get<MiDistanceResults>() || !(fisher || tTest)) return mask;
  const auto& mi = *results()->get<MiDistanceResults>();
  if (correction == Correction::Bonferroni) {
    *available = true;  // final per layer, so it streams in with the layers
    for (const auto& layer : mi.layers)
      mask.push_back(fisher ? layer.fisherSignificantBonferroni : layer.significantBonferroni);
  } else if (mi.complete()) {
    *available = true;
    const auto& fdr = fisher ? mi.fisherSignificantFdr : mi.significantFdr;
    mask.assign(fdr.begin(), fdr.end());
  }
  return mask;
}

QCPGraph* LaminarProfileView::addSeries(const QString& name, const QColor& color, Qt::PenStyle style,
                                        const QVector<double>& x, const QVector<double>& y) {
  auto* graph = plot()->addGraph(rect_->axis(QCPAxis::atBottom), rect_->axis(QCPAxis::atLeft));
  graph->setName(name);
  graph->setPen(QPen(color, 2.0 * presentationScale(), style));
  graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, color, color, 4 * presentationScale()));
  graph->setData(x, y, true);
  graph->addToLegend(legend_);
  series_.push_back(graph);
  return graph;
}

// The untrained control's values of `statistic`, one line per series the run draws, in the
// run's order (similarity: Q, K, V of the target, then of the non-target; mean MI and tau:
// attention, MLP; t and Fisher Z: one), each with its CSV key. Kept apart from columns() so
// the run's columns (and their controls: floors, permutation bands) stay the run's alone.
std::vector<LaminarProfileView::Column> LaminarProfileView::controlColumns(Statistic statistic) const {
  std::vector<Column> out;
  if (!results() || !results()->control) return out;
  const RunResults& control = *results()->control;
  if (const auto* sim = control.get<SimilarityResults>()) {
    if (statistic != Statistic::Variance && statistic != Statistic::Mean && statistic != Statistic::MeanAbs) return out;
    return similarityColumns(*sim, statistic, QStringLiteral("control_"));
  } else if (const auto* mi = control.get<MiDistanceResults>()) {
    // Mean MI as the run's curves draw it (above the floor when the run compared that).
    const bool aboveFloor = statistic == Statistic::MeanMi && meanMiAboveFloor();
    if (statistic == Statistic::MeanMi || statistic == Statistic::Tau) {
      for (int s = 0; s < kSites; ++s) {
        Column c{QStringLiteral("control_%1_%2").arg(statistic == Statistic::Tau ? QStringLiteral("tau")
                                                     : aboveFloor ? QStringLiteral("mean_mi_above_floor")
                                                                  : QStringLiteral("mean_mi"),
                                                     QLatin1String(Labels::siteKey(s))),
                 {}};
        for (const auto& layer : mi->layers) {
          const auto& site = layer.sites[static_cast<size_t>(s)];
          c.values.push_back(statistic == Statistic::Tau ? site.tau : aboveFloor ? site.meanAboveFloor : site.meanMi);
        }
        out.push_back(std::move(c));
      }
    } else if (statistic == Statistic::SiteDifference) {
      Column c{QStringLiteral("control_site_difference"), {}};
      for (const auto& layer : mi->layers) {
        if (!layer.hasControls) return {};  // a control folder written before the controls
        c.values.push_back(layer.siteNull.observed);
      }
      out.push_back(std::move(c));
    } else if (statistic == Statistic::TStatistic || statistic == Statistic::FisherZ) {
      Column c{statistic == Statistic::TStatistic ? QStringLiteral("control_t") : QStringLiteral("control_fisher_z"), {}};
      for (const auto& layer : mi->layers) c.values.push_back(statistic == Statistic::TStatistic ? layer.t : layer.fisherZ);
      out.push_back(std::move(c));
    }
  }
  return out;
}

// The control's lines in the paired series' colour greyed, dash-dot (target, attention) or dot
// (non-target, MLP) (plot_style.h); no bands or markers, so the run's stay readable.
void LaminarProfileView::addControlSeries(const QVector<double>& x, const Grow& grow) {
  const auto cols = controlColumns(statistic_);
  if (cols.empty()) return;
  auto add = [&](const QString& name, const QColor& base, int style, const std::vector<double>& v) {
    QVector<double> y(v.begin(), v.end());
    const QVector<double> xs = x.mid(0, std::min(x.size(), y.size()));
    y.resize(xs.size());
    QCPGraph* graph = addSeries(tr("%1, %2").arg(name, Labels::controlName(results().get())), plotstyle::controlColor(base),
                                plotstyle::controlPenStyle(style), xs, y);
    graph->setPen(QPen(graph->pen().color(), 1.6 * presentationScale(), graph->pen().style()));
    graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, graph->pen().color(), Qt::white,
                                           4 * presentationScale()));
    series_.removeOne(graph);  // series() stays the run's
    controlSeries_.push_back(graph);
    grow(y);
  };
  if (results()->control->get<SimilarityResults>()) {
    for (int g = 0; g < kGroups; ++g)
      for (int m = 0; m < kMatrices; ++m)
        add(QStringLiteral("%1 (%2)").arg(Labels::matrix(m), Labels::groupShort(g)), plotstyle::matrixColor(m), g,
            cols[static_cast<size_t>(g * kMatrices + m)].values);
    addControlLegend();
  } else if (cols.size() == static_cast<size_t>(kSites)) {
    for (int s = 0; s < kSites; ++s) add(Labels::site(s), plotstyle::siteColor(s), s, cols[static_cast<size_t>(s)].values);
  } else {
    add(statistic_ == Statistic::TStatistic   ? tr("t (attention − MLP)")
        : statistic_ == Statistic::FisherZ    ? tr("Z (attention − MLP)")
                                              : tr("attention − MLP"),
        plotstyle::seriesColor(4), 0, cols[0].values);
  }
}

// Six control entries (Q, K, V x target, non-target) took the legend to six rows, more than a
// 1024x768 screen has room for under the plot: the control's lines keep their full names
// (tooltips) and the legend gets one entry per group, drawn in the control's grey and style.
void LaminarProfileView::addControlLegend() {
  for (QCPGraph* graph : controlSeries_) graph->removeFromLegend(legend_);
  const QColor grey = plotstyle::controlColor(QColor(Qt::darkGray));
  for (int g = 0; g < kGroups; ++g) {
    auto* entry = plot()->addGraph(rect_->axis(QCPAxis::atBottom), rect_->axis(QCPAxis::atLeft));  // no data: legend only
    entry->setName(tr("%1 (%2; Q, K, V)").arg(Labels::controlName(results().get()), Labels::groupShort(g)));
    entry->setPen(QPen(grey, 1.6 * presentationScale(), plotstyle::controlPenStyle(g)));
    entry->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, grey, Qt::white, 4 * presentationScale()));
    entry->addToLegend(legend_);
  }
}

void LaminarProfileView::clearPlot() {
  plot()->clearPlottables();
  series_.clear();
  controlSeries_.clear();
  markers_ = nullptr;
  bands_.clear();
  permutationMarkers_.clear();
  rect_->axis(QCPAxis::atBottom)->setLabel(Labels::layerAxis());
  rect_->axis(QCPAxis::atLeft)->setLabel(QString());
  legend_->setVisible(false);
}

void LaminarProfileView::rebuild() {
  clearPlot();
  legend_->setVisible(true);
  const auto cols = columns(statistic_);
  QVector<double> x;
  const int done = layersDone();
  for (int l = 0; l < done; ++l) x.push_back(l + 1);
  double top = -std::numeric_limits<double>::infinity();
  double bottom = std::numeric_limits<double>::infinity();
  const Grow grow = [&](const QVector<double>& y) {
    for (double v : y)
      if (std::isfinite(v)) top = std::max(top, v), bottom = std::min(bottom, v);
  };

  const bool difference = differenceShown();
  if (difference) {
    drawDifference(cols, x, grow);
  } else if (results()->get<SimilarityResults>()) {
    drawSimilarity(cols, x, grow);
  } else if (statistic_ == Statistic::MeanMi || statistic_ == Statistic::Tau) {
    drawMiSites(cols, x, grow);
    drawControls(cols, x, grow);
  } else if (statistic_ == Statistic::SiteDifference) {
    rect_->axis(QCPAxis::atLeft)->setLabel(tr("Attention − MLP MI (nats)"));
    drawControls(cols, x, grow);
  } else {
    drawTestStatistic(cols, x, grow);
  }
  if (!difference) addControlSeries(x, grow);

  if (!std::isfinite(top)) top = 1, bottom = 0;
  const double pad = std::max(1e-12, (top - bottom) * 0.08);
  // The stars test the run itself, not its difference from the control: not drawn there.
  bool available = false;
  const auto mask = difference ? std::vector<bool>() : significanceMask(statistic_, correction_, &available);
  if (available) top = addSignificanceStars(mask, top, pad);
  top = stackPermutationMarkers(top, pad);
  if (statistic_ == Statistic::TStatistic || statistic_ == Statistic::FisherZ || statistic_ == Statistic::Tau ||
      statistic_ == Statistic::SiteDifference || difference) {
    bottom = std::min(bottom, 0.0), top = std::max(top, 0.0);
  }
  rect_->axis(QCPAxis::atLeft)->setRange(bottom - pad, top + pad);
}

// Experiment 1: Q, K and V at the target (solid) and at the non-target token (dashed).
void LaminarProfileView::drawSimilarity(const std::vector<Column>& cols, const QVector<double>& x, const Grow& grow) {
  rect_->axis(QCPAxis::atLeft)->setLabel(statistic_ == Statistic::Variance ? tr("Variance") : tr("Mean"));
  for (int g = 0; g < kGroups; ++g)
    for (int m = 0; m < kMatrices; ++m) {
      const auto y = toVector(cols[static_cast<size_t>(g * kMatrices + m)].values);
      addSeries(QStringLiteral("%1 (%2)").arg(Labels::matrix(m), Labels::groupShort(g)), plotstyle::matrixColor(m),
                plotstyle::groupPenStyle(g), x, y);
      grow(y);
    }
}

// Experiment 2's mean MI (with its ± SEM band) or Kendall's tau, one line per site.
void LaminarProfileView::drawMiSites(const std::vector<Column>& cols, const QVector<double>& x, const Grow& grow) {
  rect_->axis(QCPAxis::atLeft)
      ->setLabel(statistic_ != Statistic::MeanMi ? tr("Kendall's tau")
                 : meanMiAboveFloor()           ? tr("MI above estimator floor (nats)")
                                                : Labels::miAxis());
  for (int s = 0; s < kSites; ++s) {
    const auto y = toVector(cols[static_cast<size_t>(2 * s)].values);
    const QColor color = plotstyle::siteColor(s);
    if (statistic_ == Statistic::MeanMi) addErrorBand(x, y, cols[static_cast<size_t>(2 * s + 1)].values, color, grow);
    addSeries(Labels::site(s), color, Qt::SolidLine, x, y);
    grow(y);
  }
}

// y ± se, filled: two edge graphs without pens, the upper filled down to the lower.
void LaminarProfileView::addErrorBand(const QVector<double>& x, const QVector<double>& y, const std::vector<double>& se,
                                      const QColor& color, const Grow& grow) {
  QVector<double> lo(y.size()), hi(y.size());
  for (int i = 0; i < y.size(); ++i) lo[i] = y[i] - se[static_cast<size_t>(i)], hi[i] = y[i] + se[static_cast<size_t>(i)];
  QCPAxis* yAxis = rect_->axis(QCPAxis::atLeft);
  auto* lower = plot()->addGraph(rect_->axis(QCPAxis::atBottom), yAxis);
  lower->setData(x, lo, true);
  lower->setPen(Qt::NoPen);
  auto* upper = plot()->addGraph(rect_->axis(QCPAxis::atBottom), yAxis);
  upper->setData(x, hi, true);
  upper->setPen(Qt::NoPen);
  QColor fill = color;
  fill.setAlpha(50);
  upper->setBrush(fill);
  upper->setChannelFillGraph(lower);
  grow(lo);
  grow(hi);
}

// The per-layer t statistic or Fisher Z of attention against MLP.
void LaminarProfileView::drawTestStatistic(const std::vector<Column>& cols, const QVector<double>& x,
                                           const Grow& grow) {
  const bool t = statistic_ == Statistic::TStatistic;
  rect_->axis(QCPAxis::atLeft)->setLabel(t ? tr("t statistic") : tr("Fisher Z"));
  const auto y = toVector(cols[0].values);
  addSeries(t ? tr("t (attention − MLP)") : tr("Z (attention − MLP)"), plotstyle::seriesColor(4), Qt::SolidLine, x, y);
  grow(y);
}

// A star above the curves at each layer of `mask`; returns the top with their row added.
double LaminarProfileView::addSignificanceStars(const std::vector<bool>& mask, double top, double pad) {
  markers_ = plot()->addGraph(rect_->axis(QCPAxis::atBottom), rect_->axis(QCPAxis::atLeft));
  markers_->setName(tr("%1 (%2)").arg(Labels::significant(), Labels::correction(static_cast<int>(correction_))));
  markers_->setLineStyle(QCPGraph::lsNone);
  markers_->setScatterStyle(
      QCPScatterStyle(QCPScatterStyle::ssStar, QPen(Qt::black, 1.5), Qt::NoBrush, 10 * presentationScale()));
  QVector<double> mx, my;
  for (size_t l = 0; l < mask.size(); ++l)
    if (mask[l]) mx.push_back(static_cast<double>(l) + 1), my.push_back(top + pad);
  markers_->setData(mx, my, true);
  markers_->addToLegend(legend_);
  return top + 2 * pad;
}

// The control's permutation markers, above everything else, one row per series; returns the top.
double LaminarProfileView::stackPermutationMarkers(double top, double pad) {
  for (QCPGraph* markers : permutationMarkers_) {
    QVector<double> my(markers->dataCount(), top + pad);
    QVector<double> mx;
    for (auto it = markers->data()->constBegin(); it != markers->data()->constEnd(); ++it) mx.push_back(it->key);
    markers->setData(mx, my, true);
    top += 2 * pad;
  }
  return top;
}

void LaminarProfileView::drawDifference(const std::vector<Column>& cols, const QVector<double>& x, const Grow& grow) {
  const auto other = controlColumns(statistic_);  // one per series, in the run's order
  const QString otherName = Labels::controlName(results().get());
  rect_->axis(QCPAxis::atLeft)->setLabel(tr("Run − %1").arg(otherName));  // the statistic is the title
  auto add = [&](const QString& name, const QColor& color, Qt::PenStyle style, size_t runColumn, size_t otherColumn) {
    const std::vector<double> d = layerDifference(cols[runColumn].values, other[otherColumn].values);
    const QVector<double> y(d.begin(), d.end());
    addSeries(tr("%1: run − %2").arg(name, otherName), color, style, x.mid(0, static_cast<int>(y.size())), y);
    grow(y);
  };
  if (results()->get<SimilarityResults>()) {
    for (int g = 0; g < kGroups; ++g)
      for (int m = 0; m < kMatrices; ++m) {
        const auto k = static_cast<size_t>(g * kMatrices + m);
        add(QStringLiteral("%1 (%2)").arg(Labels::matrix(m), Labels::groupShort(g)), plotstyle::matrixColor(m),
            plotstyle::groupPenStyle(g), k, k);
      }
  } else if (statistic_ == Statistic::MeanMi || statistic_ == Statistic::Tau) {
    for (int s = 0; s < kSites; ++s)
      add(Labels::site(s), plotstyle::siteColor(s), Qt::SolidLine, static_cast<size_t>(2 * s), static_cast<size_t>(s));
  } else {
    add(statistic_ == Statistic::TStatistic ? tr("t (attention − MLP)")
        : statistic_ == Statistic::FisherZ  ? tr("Z (attention − MLP)")
                                            : tr("attention − MLP"),
        plotstyle::seriesColor(4), Qt::SolidLine, 0, 0);
  }
  // Zero: no difference. Not a series (no legend entry, no tooltip line).
  auto* zero = plot()->addGraph(rect_->axis(QCPAxis::atBottom), rect_->axis(QCPAxis::atLeft));
  zero->setPen(QPen(QColor(120, 120, 120), 1.0 * presentationScale(), Qt::DashLine));
  zero->setData(QVector<double>{0.5, static_cast<double>(nLayerOf()) + 0.5}, QVector<double>{0, 0}, true);
  zero->removeFromLegend(legend_);
}

void LaminarProfileView::addNullBand(const QString& name, const QColor& color, const QVector<double>& x,
                                     const QVector<double>& lo, const QVector<double>& hi) {
  auto* lower = plot()->addGraph(rect_->axis(QCPAxis::atBottom), rect_->axis(QCPAxis::atLeft));
  lower->setData(x, lo, true);
  lower->setPen(QPen(color, 1.0 * presentationScale(), Qt::DotLine));
  auto* upper = plot()->addGraph(rect_->axis(QCPAxis::atBottom), rect_->axis(QCPAxis::atLeft));
  upper->setData(x, hi, true);
  upper->setPen(QPen(color, 1.0 * presentationScale(), Qt::DotLine));
  QColor fill = color;
  fill.setAlpha(40);
  upper->setBrush(QBrush(fill, Qt::BDiagPattern));
  upper->setChannelFillGraph(lower);
  upper->setName(name);
  upper->addToLegend(legend_);
  bands_ << lower << upper;
}

void LaminarProfileView::addPermutationMarkers(const QString& name, const QColor& color, const std::vector<bool>& mask,
                                               const QVector<double>& y) {
  auto* markers = plot()->addGraph(rect_->axis(QCPAxis::atBottom), rect_->axis(QCPAxis::atLeft));
  markers->setName(name);
  markers->setLineStyle(QCPGraph::lsNone);
  markers->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDiamond, QPen(color, 1.5), Qt::NoBrush, 9 * presentationScale()));
  markers->addToLegend(legend_);
  for (size_t l = 0; l < mask.size() && l < static_cast<size_t>(y.size()); ++l)
    if (mask[l]) markers->addData(static_cast<double>(l) + 1, y[static_cast<int>(l)]);
  permutationMarkers_ << markers;
}

// The controls of issue 10 on the mean-MI, tau and site-difference profiles: floor series,
// permutation-null bands and the layers significant under the permutation tests (BH). Every
// number is core's; directories written before the controls draw none of it.
void LaminarProfileView::drawControls(const std::vector<Column>& cols, const QVector<double>& x, const Grow& grow) {
  const auto& mi = *results()->get<MiDistanceResults>();
  if (mi.layers.empty() || !mi.layers.front().hasControls) return;
  if (statistic_ == Statistic::SiteDifference) {
    const auto y = toVector(cols[0].values), lo = toVector(cols[1].values), hi = toVector(cols[2].values);
    addNullBand(tr("null, central 95% (sites swapped)"), Qt::gray, x, lo, hi);
    addSeries(tr("attention − MLP"), plotstyle::seriesColor(4), Qt::SolidLine, x, y);
    grow(y), grow(lo), grow(hi);
    if (const ControlFdr* f = mi.controlFdr("siteSignFlip"))
      addPermutationMarkers(tr("permutation p significant (BH)"), Qt::black, f->significant, y);
    return;
  }
  for (int s = 0; s < kSites; ++s) {
    const QColor color = plotstyle::siteColor(s);
    if (statistic_ == Statistic::MeanMi) {
      // Above-floor MI has the floor subtracted already: its floor is the zero line, and a
      // raw floor drawn beside it would mix two scales. Raw-MI runs draw the floor itself.
      if (meanMiAboveFloor()) continue;
      // Not among series(): the floor is a control drawn beside the statistic, like a band.
      const auto floor = toVector(cols[static_cast<size_t>(2 * kSites + s)].values);
      auto* g = plot()->addGraph(rect_->axis(QCPAxis::atBottom), rect_->axis(QCPAxis::atLeft));
      g->setName(tr("%1: estimator floor").arg(Labels::site(s)));
      g->setPen(QPen(color, 1.5 * presentationScale(), Qt::DotLine));
      g->setData(x, floor, true);
      g->addToLegend(legend_);
      bands_ << g;
      grow(floor);
    } else if (statistic_ == Statistic::Tau) {
      const auto lo = toVector(cols[static_cast<size_t>(2 * kSites + 2 * s)].values);
      const auto hi = toVector(cols[static_cast<size_t>(2 * kSites + 2 * s + 1)].values);
      addNullBand(tr("%1: null, central 95%").arg(Labels::site(s)), color, x, lo, hi);
      grow(lo), grow(hi);
      if (const ControlFdr* f = mi.controlFdr(s == 0 ? "kendallPermutationAttn" : "kendallPermutationMlp"))
        addPermutationMarkers(tr("%1: permutation p significant (BH)").arg(Labels::site(s)), color,
                              f->significant, toVector(cols[static_cast<size_t>(2 * s)].values));
    }
  }
}

QString LaminarProfileView::toolTipAt(const QPointF& pixel) const {
  if (!hasData() || !rect_->rect().contains(pixel.toPoint())) return {};
  QCPAxis* xAxis = rect_->axis(QCPAxis::atBottom);
  const int layer = static_cast<int>(std::lround(xAxis->pixelToCoord(pixel.x()))) - 1;
  if (layer < 0 || layer >= layersDone()) return {};
  const QString values = layerSummary(layer);
  return values.isEmpty() ? Labels::layer(layer) : Labels::layer(layer) + QLatin1Char('\n') + values;
}

QString LaminarProfileView::layerSummary(int layer) const {
  QStringList lines;
  for (QCPGraph* g : series_ + controlSeries_) {
    auto it = g->data()->findBegin(layer + 1 - 0.25, false);
    if (it == g->data()->constEnd() || std::abs(it->key - (layer + 1)) > 0.25) continue;
    lines << QStringLiteral("%1: %2").arg(g->name(), plot()->locale().toString(it->value, 'g', 6));
  }
  return lines.join(QLatin1Char('\n'));
}

void LaminarProfileView::writeCsv(QTextStream& out) const {
  // Every statistic the view offers and every significance mask, not only the one on screen:
  // one file holds the data behind all of the view's figures.
  std::vector<Column> cols;
  for (Statistic s : availableStatistics())
    for (Column& c : columns(s)) cols.push_back(std::move(c));
  const std::pair<Statistic, const char*> tests[] = {{Statistic::TStatistic, "t"}, {Statistic::FisherZ, "z"}};
  for (const auto& [statistic, key] : tests)
    for (Correction c : {Correction::Bonferroni, Correction::Fdr}) {
      bool available = false;
      const auto mask = significanceMask(statistic, c, &available);
      if (!available) continue;
      Column column;
      column.name = QStringLiteral("significant_%1_%2").arg(QLatin1String(key),
                                                           c == Correction::Bonferroni ? QStringLiteral("bonferroni") : QStringLiteral("fdr"));
      for (bool m : mask) column.values.push_back(m ? 1 : 0);
      cols.push_back(std::move(column));
    }
  for (Statistic s : availableStatistics())  // the untrained control's numbers, NaN where not yet done
    for (Column& c : controlColumns(s)) {
      c.values.resize(static_cast<size_t>(layersDone()), std::numeric_limits<double>::quiet_NaN());
      cols.push_back(std::move(c));
    }
  QStringList header{QStringLiteral("layer")};
  for (const auto& c : cols) header << c.name;
  out << header.join(QLatin1Char(',')) << '\n';
  for (int l = 0; l < layersDone(); ++l) {
    QStringList row{QString::number(l)};
    for (const auto& c : cols) row << csv::number(c.values[static_cast<size_t>(l)]);
    out << row.join(QLatin1Char(',')) << '\n';
  }
}

void LaminarProfileView::saveState(QSettings& s) const {
  s.setValue(QStringLiteral("profileCorrection"), static_cast<int>(correction()));
}

void LaminarProfileView::restoreState(const QSettings& s) {
  setCorrection(static_cast<Correction>(s.value(QStringLiteral("profileCorrection"), 0).toInt()));
}

}  // namespace laminar
