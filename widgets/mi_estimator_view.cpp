#include "widgets/mi_estimator_view.h"

#include <QTextStream>

#include <algorithm>
#include <cmath>
#include <limits>

#include "widgets/csv.h"
#include "widgets/layer_cursor.h"
#include "widgets/plot_style.h"
#include "widgets/result_labels.h"

namespace laminar {

MiEstimatorView::MiEstimatorView(LayerCursor* cursor, QWidget* parent) : FigureView(cursor, parent) {
  rect_ = new QCPAxisRect(plot());
  body()->addElement(0, 0, rect_);
  legend_ = new QCPLegend;
  rect_->insetLayout()->addElement(legend_, Qt::AlignTop | Qt::AlignLeft);
  legend_->setLayer(QStringLiteral("legend"));
  offerControlToggle();
  refresh();
}

bool MiEstimatorView::accepts(const RunResults& results) const {
  const auto* mi = results.get<MiDistanceResults>();
  return mi && mi->settings.compareKsg == "on";
}

int MiEstimatorView::shownLayer() const {
  return std::min(cursor() ? cursor()->layer() : 0, std::max(0, layersDone() - 1));
}

QString MiEstimatorView::title() const {
  return tr("Histogram vs KSG estimate of pair MI — %1").arg(Labels::layer(shownLayer())) +
         controlTitleSuffix();
}

QString MiEstimatorView::caption() const {
  QString c = tr("Each point is one pair of the target's occurrences at the selected layer: its MI from the histogram "
                 "estimator (horizontal, this run's bins and bias correction) and from the KSG k-nearest-neighbour "
                 "estimator (vertical), on the same trimmed dimensions. The grey line is equality. The legend gives "
                 "the Pearson and Spearman correlation of the two estimates across pairs. Points far from the line "
                 "at one site only mean the estimators disagree there: comparing sites with one estimator then "
                 "partly compares estimator bias.");
  if (!hasData()) return c + controlCaptionNote();
  const auto& mi = *drawnResults()->get<MiDistanceResults>();
  if (std::isfinite(mi.layersPearson[2]))  // known when every layer is done
    c += QLatin1Char(' ') + tr("Across layers (the layers' mean MIs, both sites): Pearson r = %1, Spearman ρ = %2.")
                                .arg(plot()->locale().toString(mi.layersPearson[2], 'f', 3),
                                     plot()->locale().toString(mi.layersSpearman[2], 'f', 3));
  return c + controlCaptionNote();
}

void MiEstimatorView::clearPlot() {
  plot()->clearPlottables();
  points_[0] = points_[1] = diagonal_ = nullptr;
  rect_->axis(QCPAxis::atBottom)->setLabel(tr("Histogram MI (nats)"));
  rect_->axis(QCPAxis::atLeft)->setLabel(tr("KSG MI (nats)"));
  legend_->setVisible(false);
}

void MiEstimatorView::rebuild() {
  clearPlot();
  legend_->setVisible(true);
  const double scale = presentationScale();
  diagonal_ = plot()->addGraph(rect_->axis(QCPAxis::atBottom), rect_->axis(QCPAxis::atLeft));
  diagonal_->setPen(QPen(Qt::gray, 1 * scale, Qt::DashLine));
  diagonal_->removeFromLegend(legend_);
  for (int s = 0; s < kSites; ++s) {
    const QColor color = plotstyle::siteColor(s);
    points_[s] = plot()->addGraph(rect_->axis(QCPAxis::atBottom), rect_->axis(QCPAxis::atLeft));
    points_[s]->setLineStyle(QCPGraph::lsNone);
    points_[s]->setScatterStyle(QCPScatterStyle(s == 0 ? QCPScatterStyle::ssDisc : QCPScatterStyle::ssTriangle,
                                                color, color, 7 * scale));
    points_[s]->addToLegend(legend_);
  }
}

void MiEstimatorView::updateLayer() {
  if (!hasData() || !points_[0]) return;
  const auto& mi = *drawnResults()->get<MiDistanceResults>();
  const auto& layer = mi.layers[static_cast<size_t>(shownLayer())];
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (int s = 0; s < kSites; ++s) {
    const auto& site = layer.sites[static_cast<size_t>(s)];
    const size_t n = std::min(site.histMi.size(), site.ksgMi.size());
    QVector<double> x(site.histMi.begin(), site.histMi.begin() + static_cast<std::ptrdiff_t>(n));
    QVector<double> y(site.ksgMi.begin(), site.ksgMi.begin() + static_cast<std::ptrdiff_t>(n));
    points_[s]->setData(x, y);
    points_[s]->setName(tr("%1: Pearson r = %2, Spearman ρ = %3")
                            .arg(Labels::site(s), plot()->locale().toString(site.estimatorPearson, 'f', 3),
                                 plot()->locale().toString(site.estimatorSpearman, 'f', 3)));
    for (size_t k = 0; k < n; ++k)
      for (double v : {site.histMi[k], site.ksgMi[k]})
        if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
  }
  if (!std::isfinite(lo)) lo = 0, hi = 1;
  lo = std::min(lo, 0.0);
  const double pad = std::max(1e-9, (hi - lo) * 0.08);
  diagonal_->setData(QVector<double>{lo, hi + pad}, QVector<double>{lo, hi + pad});
  rect_->axis(QCPAxis::atBottom)->setRange(lo - pad, hi + pad);
  rect_->axis(QCPAxis::atLeft)->setRange(lo - pad, hi + 4 * pad);  // room for the legend
}

QString MiEstimatorView::toolTipAt(const QPointF& pixel) const {
  if (!hasData() || !rect_->rect().contains(pixel.toPoint())) return {};
  const auto& mi = *drawnResults()->get<MiDistanceResults>();
  const auto& layer = mi.layers[static_cast<size_t>(shownLayer())];
  double best = 12;  // pixels
  QString text;
  for (int s = 0; s < kSites; ++s) {
    const auto& site = layer.sites[static_cast<size_t>(s)];
    const size_t count = std::min({mi.pairs.size(), site.histMi.size(), site.ksgMi.size()});
    const int found = nearerPoint(
        rect_, pixel, count, [&](size_t k) { return site.histMi[k]; }, [&](size_t k) { return site.ksgMi[k]; }, best);
    if (found < 0) continue;
    const size_t k = static_cast<size_t>(found);
    const OccurrencePair& pair = mi.pairs[k];
    text = tr("%1, occurrences %2 and %3\nhistogram MI %4 nats\nKSG MI %5 nats")
               .arg(Labels::site(s))
               .arg(pair.i + 1)
               .arg(pair.j + 1)
               .arg(plot()->locale().toString(site.histMi[k], 'g', 6), plot()->locale().toString(site.ksgMi[k], 'g', 6)) +
           pairNote(mi.textOf(pair.i), mi.textOf(pair.j));
  }
  return text;
}

void MiEstimatorView::writeCsv(QTextStream& out) const {
  out << "layer,occurrence_i,occurrence_j,distance,site,hist_mi,ksg_mi,pearson,spearman\n";
  if (!hasData()) return;
  const auto& mi = *drawnResults()->get<MiDistanceResults>();
  const int l = shownLayer();
  const auto& layer = mi.layers[static_cast<size_t>(l)];
  for (int s = 0; s < kSites; ++s) {
    const auto& site = layer.sites[static_cast<size_t>(s)];
    for (size_t k = 0; k < mi.pairs.size() && k < site.histMi.size() && k < site.ksgMi.size(); ++k)
      out << l << ',' << mi.pairs[k].i << ',' << mi.pairs[k].j << ',' << mi.pairs[k].distance << ','
          << Labels::siteKey(s) << ',' << csv::number(site.histMi[k]) << ',' << csv::number(site.ksgMi[k]) << ','
          << csv::number(site.estimatorPearson) << ',' << csv::number(site.estimatorSpearman) << '\n';
  }
}

}  // namespace laminar
