#include "widgets/mi_distance_view.h"

#include <QTextStream>

#include <algorithm>
#include <cmath>
#include <limits>

#include "stats/theil_sen.h"
#include "widgets/csv.h"
#include "widgets/layer_cursor.h"
#include "widgets/plot_style.h"
#include "widgets/result_labels.h"

namespace laminar {
namespace {

// Each occurrence pair's token distance: the horizontal axis.
std::vector<double> pairDistances(const MiDistanceResults& mi) {
  std::vector<double> x;
  for (const auto& p : mi.pairs) x.push_back(static_cast<double>(p.distance));
  return x;
}

// A site's plotted MI, one per pair (NaN where a saved layer holds fewer): what tau is computed on.
std::vector<double> plottedMi(const MiDistanceResults& mi, const MiSiteLayer& site) {
  std::vector<double> y = site.comparedMi(mi.settings.aboveFloor());
  y.resize(mi.pairs.size(), std::numeric_limits<double>::quiet_NaN());
  return y;
}

stats::TheilSenLine trendLine(const MiDistanceResults& mi, const MiSiteLayer& site) {
  return stats::theilSenLine(pairDistances(mi), plottedMi(mi, site));
}

}  // namespace

MiDistanceView::MiDistanceView(LayerCursor* cursor, QWidget* parent) : FigureView(cursor, parent) {
  rect_ = new QCPAxisRect(plot());
  body()->addElement(0, 0, rect_);
  legend_ = new QCPLegend;
  rect_->insetLayout()->addElement(legend_, Qt::AlignTop | Qt::AlignRight);
  legend_->setLayer(QStringLiteral("legend"));
  offerControlToggle();
  refresh();
}

int MiDistanceView::shownLayer() const {
  return std::min(cursor() ? cursor()->layer() : 0, std::max(0, layersDone() - 1));
}

QString MiDistanceView::title() const {
  return tr("Mutual information vs token distance — %1").arg(Labels::layer(shownLayer())) +
         controlTitleSuffix();
}

QString MiDistanceView::caption() const {
  return tr("Each point is one pair of the target's occurrences at the selected layer: its token distance "
            "(horizontal) and the MI between the two occurrence vectors (vertical), for the attention output "
            "and the MLP output. Lines are Theil–Sen fits; the legend gives Kendall's tau, its p-value and the "
            "permutation p-value (distances shuffled within each text). A falling line means closer occurrences "
            "share more information. With the default settings the vertical axis is the MI above the estimator "
            "floor (pair MI minus the MI of the same pair with one vector shuffled), the value tau is computed on.") +
         controlCaptionNote();
}

void MiDistanceView::clearPlot() {
  plot()->clearPlottables();
  points_[0] = points_[1] = trends_[0] = trends_[1] = nullptr;
  rect_->axis(QCPAxis::atBottom)->setLabel(Labels::distanceAxis());
  rect_->axis(QCPAxis::atLeft)->setLabel(Labels::miAxis());
  legend_->setVisible(false);
}

void MiDistanceView::rebuild() {
  clearPlot();
  legend_->setVisible(true);
  const double scale = presentationScale();
  for (int s = 0; s < kSites; ++s) {
    const QColor color = plotstyle::siteColor(s);
    points_[s] = plot()->addGraph(rect_->axis(QCPAxis::atBottom), rect_->axis(QCPAxis::atLeft));
    points_[s]->setLineStyle(QCPGraph::lsNone);
    points_[s]->setScatterStyle(QCPScatterStyle(s == 0 ? QCPScatterStyle::ssDisc : QCPScatterStyle::ssTriangle,
                                                color, color, 7 * scale));
    points_[s]->addToLegend(legend_);
    trends_[s] = plot()->addGraph(rect_->axis(QCPAxis::atBottom), rect_->axis(QCPAxis::atLeft));
    trends_[s]->setPen(QPen(color, 2 * scale, Qt::DashLine));
    trends_[s]->removeFromLegend(legend_);
  }
}

void MiDistanceView::updateLayer() {
  if (!hasData() || !points_[0]) return;
  const auto& mi = *drawnResults()->get<MiDistanceResults>();
  const auto& layer = mi.layers[static_cast<size_t>(shownLayer())];
  rect_->axis(QCPAxis::atLeft)->setLabel(mi.settings.aboveFloor() && layer.hasControls ? tr("MI above estimator floor (nats)")
                                                                                      : Labels::miAxis());
  const std::vector<double> x = pairDistances(mi);
  double xmax = 1, ymin = std::numeric_limits<double>::infinity(), ymax = -ymin;
  for (double v : x) xmax = std::max(xmax, v);
  for (int s = 0; s < kSites; ++s) {
    const auto& site = layer.sites[static_cast<size_t>(s)];
    const std::vector<double> y = plottedMi(mi, site);
    points_[s]->setData(QVector<double>(x.begin(), x.end()), QVector<double>(y.begin(), y.end()));
    if (site.kendallNull.permutations > 0)
      points_[s]->setName(tr("%1: τ = %2, p = %3, permutation p = %4")
                              .arg(Labels::site(s), plot()->locale().toString(site.tau, 'f', 3),
                                   plot()->locale().toString(site.tauP, 'g', 3),
                                   plot()->locale().toString(site.kendallNull.p, 'g', 3)));
    else
      points_[s]->setName(tr("%1: τ = %2, p = %3")
                              .arg(Labels::site(s), plot()->locale().toString(site.tau, 'f', 3),
                                   plot()->locale().toString(site.tauP, 'g', 3)));
    const stats::TheilSenLine line = stats::theilSenLine(x, y);  // trendLine() of the drawn points
    if (line.defined)
      trends_[s]->setData(QVector<double>{0, xmax}, QVector<double>{line.intercept, line.intercept + line.slope * xmax});
    else
      trends_[s]->data()->clear();  // no two points at different distances: no line to draw
    for (double v : y)
      if (std::isfinite(v)) ymin = std::min(ymin, v), ymax = std::max(ymax, v);
  }
  if (!std::isfinite(ymin)) ymin = 0, ymax = 1;
  const double pad = std::max(1e-9, (ymax - ymin) * 0.1);
  rect_->axis(QCPAxis::atBottom)->setRange(0, xmax * 1.05);
  rect_->axis(QCPAxis::atLeft)->setRange(ymin - pad, ymax + 3 * pad);  // room for the legend
}

QString MiDistanceView::toolTipAt(const QPointF& pixel) const {
  if (!hasData() || !rect_->rect().contains(pixel.toPoint())) return {};
  const auto& mi = *drawnResults()->get<MiDistanceResults>();
  const auto& layer = mi.layers[static_cast<size_t>(shownLayer())];
  double best = 12;  // pixels
  QString text;
  for (int s = 0; s < kSites; ++s) {
    const auto& site = layer.sites[static_cast<size_t>(s)];
    const std::vector<double> v = site.comparedMi(mi.settings.aboveFloor());
    const int found = nearerPoint(
        rect_, pixel, std::min(mi.pairs.size(), v.size()),
        [&](size_t k) { return static_cast<double>(mi.pairs[k].distance); }, [&](size_t k) { return v[k]; }, best);
    if (found < 0) continue;
    const size_t k = static_cast<size_t>(found);
    text = tr("%1, occurrences %2 and %3\ntoken distance %4\nMI %5 nats")
               .arg(Labels::site(s))
               .arg(mi.pairs[k].i + 1)
               .arg(mi.pairs[k].j + 1)
               .arg(mi.pairs[k].distance)
               .arg(plot()->locale().toString(site.pairMi[k], 'g', 6));
    if (k < site.floor.size())
      text += QLatin1Char('\n') + tr("estimator floor %1 nats, MI above floor %2 nats")
                                      .arg(plot()->locale().toString(site.floor[k], 'g', 6),
                                           plot()->locale().toString(site.pairMi[k] - site.floor[k], 'g', 6));
    text += pairNote(mi.textOf(mi.pairs[k].i), mi.textOf(mi.pairs[k].j));
  }
  return text;
}

void MiDistanceView::writeCsv(QTextStream& out) const {
  // trend_slope, trend_intercept: the drawn Theil-Sen line, fitted to the plotted MI (above
  // the floor with the default settings, else `mi`); empty where there is no line.
  out << "layer,occurrence_i,occurrence_j,distance,site,mi,tau,tau_p,floor,tau_permutation_p,trend_slope,"
         "trend_intercept\n";
  if (!hasData()) return;
  const auto& mi = *drawnResults()->get<MiDistanceResults>();
  const int l = shownLayer();
  const auto& layer = mi.layers[static_cast<size_t>(l)];
  for (int s = 0; s < kSites; ++s) {
    const auto& site = layer.sites[static_cast<size_t>(s)];
    const stats::TheilSenLine line = trendLine(mi, site);
    const QString slope = line.defined ? csv::number(line.slope) : QString();
    const QString intercept = line.defined ? csv::number(line.intercept) : QString();
    for (size_t k = 0; k < mi.pairs.size() && k < site.pairMi.size(); ++k)
      out << l << ',' << mi.pairs[k].i << ',' << mi.pairs[k].j << ',' << mi.pairs[k].distance << ','
          << Labels::siteKey(s) << ',' << csv::number(site.pairMi[k]) << ',' << csv::number(site.tau) << ','
          << csv::number(site.tauP) << ',' << (k < site.floor.size() ? csv::number(site.floor[k]) : QString()) << ','
          << (site.kendallNull.permutations > 0 ? csv::number(site.kendallNull.p) : QString()) << ',' << slope << ','
          << intercept << '\n';
  }
}

}  // namespace laminar
