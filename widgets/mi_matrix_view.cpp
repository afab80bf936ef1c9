#include "widgets/mi_matrix_view.h"

#include <QTextStream>

#include <cmath>
#include <limits>
#include <optional>

#include "widgets/csv.h"
#include "widgets/layer_cursor.h"
#include "widgets/plot_style.h"
#include "widgets/result_labels.h"

namespace laminar {

MiMatrixView::MiMatrixView(LayerCursor* cursor, QWidget* parent) : FigureView(cursor, parent) {
  auto* margins = new QCPMarginGroup(plot());
  for (int s = 0; s < kSites; ++s) {
    headings_[s] = new QCPTextElement(plot(), QString(), plotstyle::font(10));
    rects_[s] = new QCPAxisRect(plot());
    rects_[s]->setupFullAxesBox(false);
    rects_[s]->axis(QCPAxis::atLeft)->setRangeReversed(true);  // row 1 on top, like a matrix
    rects_[s]->setMarginGroup(QCP::msTop | QCP::msBottom, margins);
    body()->addElement(0, s, headings_[s]);
    body()->addElement(1, s, rects_[s]);
  }
  scale_ = new QCPColorScale(plot());
  scale_->setType(QCPAxis::atRight);
  scale_->setGradient(plotstyle::sequentialGradient());
  scale_->setMarginGroup(QCP::msTop | QCP::msBottom, margins);
  body()->addElement(1, 2, scale_);
  body()->setRowStretchFactor(0, 0.01);
  body()->setColumnStretchFactor(2, 0.1);
  offerControlToggle();
  refresh();
}

int MiMatrixView::occurrences() const {
  return hasData() ? static_cast<int>(drawnResults()->get<MiDistanceResults>()->occurrencePosition.size()) : 0;
}

int MiMatrixView::shownLayer() const {
  return std::min(cursor() ? cursor()->layer() : 0, std::max(0, layersDone() - 1));
}

QString MiMatrixView::title() const {
  return tr("Pairwise mutual information between occurrences — %1").arg(Labels::layer(shownLayer())) +
         controlTitleSuffix();
}

QString MiMatrixView::caption() const {
  return tr("MI between every pair of the target's occurrences at the selected layer, computed over the "
            "dimensions of the attention output (left) and the MLP output (right). Rows and columns are "
            "occurrences in text order; brighter cells share more information. Both maps use one colour scale, "
            "shared with the control's maps when the run has one.") +
         controlCaptionNote();
}

void MiMatrixView::clearPlot() {
  plot()->clearPlottables();
  maps_[0] = maps_[1] = nullptr;
  for (int s = 0; s < kSites; ++s) {
    headings_[s]->setText(Labels::site(s));
    headings_[s]->setFont(plotstyle::font(10 * presentationScale(), true));
    rects_[s]->axis(QCPAxis::atBottom)->setLabel(Labels::occurrenceAxis());
    rects_[s]->axis(QCPAxis::atLeft)->setLabel(Labels::occurrenceAxis());
  }
  scale_->axis()->setLabel(Labels::miAxis());
}

void MiMatrixView::rebuild() {
  clearPlot();
  const int n = occurrences();
  QSharedPointer<QCPAxisTickerFixed> ticker(new QCPAxisTickerFixed);
  ticker->setTickStep(1);
  ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
  for (int s = 0; s < kSites; ++s) {
    maps_[s] = new QCPColorMap(rects_[s]->axis(QCPAxis::atBottom), rects_[s]->axis(QCPAxis::atLeft));
    maps_[s]->setColorScale(scale_);
    maps_[s]->setInterpolate(false);
    maps_[s]->data()->setSize(n, n);
    maps_[s]->data()->setRange(QCPRange(1, n), QCPRange(1, n));
    for (QCPAxis* axis : {rects_[s]->axis(QCPAxis::atBottom), rects_[s]->axis(QCPAxis::atLeft)}) {
      axis->setTicker(ticker);
      axis->setRange(0.5, n + 0.5);
    }
  }
}

namespace {

// The largest finite pair MI of either site at `layer` of `results` (0 without one).
double layerTop(const RunResults* results, int layer) {
  const auto* mi = results ? results->get<MiDistanceResults>() : nullptr;
  double top = 0;
  if (mi && layer < static_cast<int>(mi->layers.size()))
    for (const auto& site : mi->layers[static_cast<size_t>(layer)].sites)
      for (double v : site.pairMi)
        if (std::isfinite(v)) top = std::max(top, v);
  return top;
}

}  // namespace

void MiMatrixView::updateLayer() {
  if (!hasData() || !maps_[0]) return;
  const auto& mi = *drawnResults()->get<MiDistanceResults>();
  const auto& layer = mi.layers[static_cast<size_t>(shownLayer())];
  const int n = occurrences();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (int s = 0; s < kSites; ++s) {
    auto* data = maps_[s]->data();
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < n; ++j) data->setCell(i, j, nan);
    const auto& pairMi = layer.sites[static_cast<size_t>(s)].pairMi;
    for (size_t k = 0; k < mi.pairs.size() && k < pairMi.size(); ++k) {
      data->setCell(mi.pairs[k].i, mi.pairs[k].j, pairMi[k]);
      data->setCell(mi.pairs[k].j, mi.pairs[k].i, pairMi[k]);
    }
  }
  // The run's maps and its control's share one scale (the larger top of the layer), so
  // ticking "Show the untrained control" compares brightness, not two scales.
  const double top = std::max(layerTop(results().get(), shownLayer()), layerTop(results()->control.get(), shownLayer()));
  scale_->setDataRange(QCPRange(0, top > 0 ? top : 1));
}

QString MiMatrixView::toolTipAt(const QPointF& pixel) const {
  if (!hasData()) return {};
  const auto& mi = *drawnResults()->get<MiDistanceResults>();
  for (int s = 0; s < kSites; ++s) {
    if (!rects_[s]->rect().contains(pixel.toPoint())) continue;
    const int i = static_cast<int>(std::lround(rects_[s]->axis(QCPAxis::atBottom)->pixelToCoord(pixel.x()))) - 1;
    const int j = static_cast<int>(std::lround(rects_[s]->axis(QCPAxis::atLeft)->pixelToCoord(pixel.y()))) - 1;
    const auto& pairMi = mi.layers[static_cast<size_t>(shownLayer())].sites[static_cast<size_t>(s)].pairMi;
    for (size_t k = 0; k < mi.pairs.size() && k < pairMi.size(); ++k) {
      const auto& p = mi.pairs[k];
      if ((p.i == i && p.j == j) || (p.i == j && p.j == i))
        return tr("%1, occurrences %2 and %3\ntoken distance %4\nMI %5 nats")
            .arg(Labels::site(s))
            .arg(p.i + 1)
            .arg(p.j + 1)
            .arg(p.distance)
            .arg(plot()->locale().toString(pairMi[k], 'g', 6)) + pairNote(mi.textOf(p.i), mi.textOf(p.j));
    }
  }
  return {};
}

// Each map's brightest and darkest cell at the layer: the pairs of occurrences that share the
// most and the least information, what a screen reader says of the maps.
QString MiMatrixView::layerSummary(int l) const {
  const auto* mi = hasData() ? drawnResults()->get<MiDistanceResults>() : nullptr;
  if (!mi || l < 0 || l >= static_cast<int>(mi->layers.size())) return {};
  const QLocale locale = plot()->locale();
  auto pairWords = [&](size_t k, double v) {
    const auto& p = mi->pairs[k];
    return tr("%1 nats, occurrences %2 and %3 (token distance %4)")
        .arg(locale.toString(v, 'g', 3))
        .arg(p.i + 1)
        .arg(p.j + 1)
        .arg(p.distance);
  };
  QStringList lines;
  for (int s = 0; s < kSites; ++s) {
    const auto& pairMi = mi->layers[static_cast<size_t>(l)].sites[static_cast<size_t>(s)].pairMi;
    std::optional<size_t> high, low;
    for (size_t k = 0; k < mi->pairs.size() && k < pairMi.size(); ++k) {
      if (!std::isfinite(pairMi[k])) continue;
      if (!high || pairMi[k] > pairMi[*high]) high = k;
      if (!low || pairMi[k] < pairMi[*low]) low = k;
    }
    if (high)
      lines << tr("%1: highest MI %2; lowest %3")
                   .arg(Labels::site(s), pairWords(*high, pairMi[*high]), pairWords(*low, pairMi[*low]));
  }
  return lines.join(QLatin1Char('\n'));
}

void MiMatrixView::writeCsv(QTextStream& out) const {
  out << "layer,occurrence_i,occurrence_j,distance,mi_attn,mi_mlp\n";
  if (!hasData()) return;
  const auto& mi = *drawnResults()->get<MiDistanceResults>();
  const int l = shownLayer();
  const auto& layer = mi.layers[static_cast<size_t>(l)];
  for (size_t k = 0; k < mi.pairs.size(); ++k) {
    out << l << ',' << mi.pairs[k].i << ',' << mi.pairs[k].j << ',' << mi.pairs[k].distance;
    for (int s = 0; s < kSites; ++s) {
      const auto& v = layer.sites[static_cast<size_t>(s)].pairMi;
      out << ',' << csv::number(k < v.size() ? v[k] : std::numeric_limits<double>::quiet_NaN());
    }
    out << '\n';
  }
}

}  // namespace laminar
