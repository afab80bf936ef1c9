#include "widgets/mi_significance_view.h"

#include <QSettings>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QTextStream>

#include <cmath>
#include <limits>

#include "widgets/csv.h"
#include "widgets/layer_cursor.h"
#include "widgets/plot_style.h"
#include "widgets/result_labels.h"

namespace laminar {

MiSignificanceView::MiSignificanceView(LayerCursor* cursor, QWidget* parent) : FigureView(cursor, parent) {
  mapRect_ = new QCPAxisRect(plot());
  profileRect_ = new QCPAxisRect(plot());
  scale_ = new QCPColorScale(plot());
  scale_->setType(QCPAxis::atRight);
  scale_->setGradient(plotstyle::divergingGradient());
  body()->addElement(0, 0, mapRect_);
  body()->addElement(0, 1, scale_);
  body()->addElement(1, 0, profileRect_);
  body()->setRowStretchFactor(0, 0.6);
  body()->setRowStretchFactor(1, 1);
  body()->setColumnStretchFactor(1, 0.05);
  auto* margins = new QCPMarginGroup(plot());
  mapRect_->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
  profileRect_->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
  auto* vmargins = new QCPMarginGroup(plot());
  mapRect_->setMarginGroup(QCP::msTop | QCP::msBottom, vmargins);
  scale_->setMarginGroup(QCP::msTop | QCP::msBottom, vmargins);
  // The legend goes below the profile, two entries a row (statistic | its significance
  // markers): inside the plot it covered the last layers, where a run's answer is. It spans
  // the colour scale's column too: under the profile alone, two entries a row no longer fit
  // a 1024x768 screen.
  legend_ = addLegendBelow(2);
  addLayerAxis(mapRect_->axis(QCPAxis::atBottom));
  addLayerAxis(profileRect_->axis(QCPAxis::atBottom));
  // rows of the heatmap: 1 = t, 2 = Z, labelled by a text ticker
  mapRect_->axis(QCPAxis::atLeft)->setRange(0.5, 2.5);
  mapRect_->axis(QCPAxis::atLeft)->setRangeReversed(true);

  correctionLabel_ = new QLabel(this);
  correctionBox_ = choiceBox(QStringLiteral("correction"));
  correctionLabel_->setBuddy(correctionBox_);
  controls()->addWidget(correctionLabel_);
  controls()->addWidget(correctionBox_);
  controls()->addStretch(1);
  connect(correctionBox_, &QComboBox::activated, this, &MiSignificanceView::setCorrection);
  offerControlToggle();
  refresh();
}

void MiSignificanceView::setCorrection(int correction) {
  correction_ = std::clamp(correction, 0, 1);
  refresh();
}

void MiSignificanceView::retranslateControls() {
  correctionLabel_->setText(tr("Correction:"));
  correctionBox_->clear();
  correctionBox_->addItem(Labels::correction(0));
  correctionBox_->addItem(Labels::correction(1));
  correctionBox_->setCurrentIndex(correction_);
}

QString MiSignificanceView::title() const {
  return tr("Attention vs MLP across layers — significance with %1").arg(Labels::correction(correction_)) +
         controlTitleSuffix();
}

QString MiSignificanceView::caption() const {
  return tr("Top: t statistic of the t-test comparing attention and MLP pair MIs, and Fisher Z comparing their "
            "Kendall taus, for every layer (red: attention higher, blue: MLP higher). Bottom: the same as "
            "profiles. Stars mark layers that stay significant (p < 0.05, or FDR q) after the chosen "
            "multiple-comparison correction; the FDR mask appears when all layers are done. Dashed: the paired "
            "t-test (every pair is measured at both sites); diamonds mark layers where the permutation test "
            "(sites swapped at random within each pair) stays significant after Benjamini-Hochberg over layers.") +
         controlCaptionNote();
}

// Row 0: the t-test, row 1: Fisher Z; the adjustments and masks are core's.
std::vector<double> MiSignificanceView::adjustedP(int row, bool* available) const {
  *available = false;
  std::vector<double> out;
  if (!hasData()) return out;
  const auto& mi = *drawnResults()->get<MiDistanceResults>();
  if (correction_ == 0) {
    *available = true;  // Bonferroni is final per layer
    for (const auto& l : mi.layers) out.push_back(row == 0 ? l.pBonferroni : l.fisherPBonferroni);
  } else if (mi.complete()) {
    *available = true;
    out = row == 0 ? mi.pFdr : mi.fisherPFdr;
  }
  return out;
}

std::vector<bool> MiSignificanceView::mask(int row, bool* available) const {
  *available = false;
  std::vector<bool> out;
  if (!hasData()) return out;
  const auto& mi = *drawnResults()->get<MiDistanceResults>();
  if (correction_ == 0) {
    *available = true;
    for (const auto& l : mi.layers) out.push_back(row == 0 ? l.significantBonferroni : l.fisherSignificantBonferroni);
  } else if (mi.complete()) {
    *available = true;
    const auto& fdr = row == 0 ? mi.significantFdr : mi.fisherSignificantFdr;
    out.assign(fdr.begin(), fdr.end());
  }
  return out;
}

void MiSignificanceView::clearPlot() {
  plot()->clearPlottables();
  map_ = nullptr;
  profiles_[0] = profiles_[1] = markers_[0] = markers_[1] = mapMarkers_ = nullptr;
  paired_ = permutationMarkers_ = nullptr;
  QSharedPointer<QCPAxisTickerText> rows(new QCPAxisTickerText);
  rows->addTick(1, tr("t"));
  rows->addTick(2, tr("Z"));
  mapRect_->axis(QCPAxis::atLeft)->setTicker(rows);
  mapRect_->axis(QCPAxis::atBottom)->setLabel(Labels::layerAxis());
  profileRect_->axis(QCPAxis::atBottom)->setLabel(Labels::layerAxis());
  profileRect_->axis(QCPAxis::atLeft)->setLabel(tr("t or Z"));
  scale_->axis()->setLabel(tr("t or Z"));
  legend_->setVisible(false);
}

void MiSignificanceView::rebuild() {
  clearPlot();
  legend_->setVisible(true);
  QVector<double> x, y[2];
  double extent = fillMap(x, y);
  const double scale = presentationScale();
  mapMarkers_ = plot()->addGraph(mapRect_->axis(QCPAxis::atBottom), mapRect_->axis(QCPAxis::atLeft));
  mapMarkers_->setLineStyle(QCPGraph::lsNone);
  mapMarkers_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssStar, QPen(Qt::black, 1.5), Qt::NoBrush, 9 * scale));
  QVector<double> mx, my;
  for (int row = 0; row < 2; ++row) drawProfileRow(row, x, y[row], mx, my);
  mapMarkers_->setData(mx, my);
  drawControls(x, extent);
  profileRect_->axis(QCPAxis::atLeft)->setRange(-extent * 1.15, extent * 1.15);
}

// The heat map: t (row 1) and Fisher Z (row 2) per layer, NaN where no layer is done yet, on a
// colour scale symmetric about zero. Fills the finished layers' x and values; returns the
// largest |value| (1 when there is none).
double MiSignificanceView::fillMap(QVector<double>& x, QVector<double> (&y)[2]) {
  const auto& mi = *drawnResults()->get<MiDistanceResults>();
  const int nLayer = mi.nLayer;
  const int done = layersDone();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  map_ = new QCPColorMap(mapRect_->axis(QCPAxis::atBottom), mapRect_->axis(QCPAxis::atLeft));
  map_->setColorScale(scale_);
  map_->setInterpolate(false);
  map_->data()->setSize(nLayer, 2);
  map_->data()->setRange(QCPRange(1, nLayer), QCPRange(1, 2));
  double extent = 0;
  for (int l = 0; l < nLayer; ++l) {
    const bool have = l < done;
    const double t = have ? mi.layers[static_cast<size_t>(l)].t : nan;
    const double z = have ? mi.layers[static_cast<size_t>(l)].fisherZ : nan;
    map_->data()->setCell(l, 0, t);
    map_->data()->setCell(l, 1, z);
    if (have) {
      x.push_back(l + 1);
      y[0].push_back(t);
      y[1].push_back(z);
      if (std::isfinite(t)) extent = std::max(extent, std::abs(t));
      if (std::isfinite(z)) extent = std::max(extent, std::abs(z));
    }
  }
  if (extent <= 0) extent = 1;
  scale_->setDataRange(QCPRange(-extent, extent));  // symmetric: white is "no difference"
  return extent;
}

// One statistic's line in the profile below the map, with stars at its significant layers
// (after the chosen correction); the same layers' stars for the map are added to mx, my.
void MiSignificanceView::drawProfileRow(int row, const QVector<double>& x, const QVector<double>& y,
                                        QVector<double>& mx, QVector<double>& my) {
  const double scale = presentationScale();
  const QString rowNames[2] = {tr("t (attention − MLP MI)"), tr("Z (attention τ − MLP τ)")};
  profiles_[row] = plot()->addGraph(profileRect_->axis(QCPAxis::atBottom), profileRect_->axis(QCPAxis::atLeft));
  profiles_[row]->setName(rowNames[row]);
  const QColor color = plotstyle::seriesColor(row == 0 ? 4 : 5);
  profiles_[row]->setPen(QPen(color, 2 * scale));
  profiles_[row]->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, color, color, 4 * scale));
  profiles_[row]->setData(x, y, true);
  profiles_[row]->addToLegend(legend_);
  bool available = false;
  const auto m = mask(row, &available);
  markers_[row] = plot()->addGraph(profileRect_->axis(QCPAxis::atBottom), profileRect_->axis(QCPAxis::atLeft));
  markers_[row]->setLineStyle(QCPGraph::lsNone);
  markers_[row]->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssStar, QPen(color.darker(), 1.5), Qt::NoBrush, 11 * scale));
  QVector<double> px, py;
  for (size_t l = 0; l < m.size(); ++l)
    if (m[l]) {
      px.push_back(static_cast<double>(l) + 1);
      py.push_back(y[static_cast<int>(l)]);
      mx.push_back(static_cast<double>(l) + 1);
      my.push_back(row + 1);
    }
  markers_[row]->setData(px, py, true);
  if (available) {
    markers_[row]->setName(tr("%1 significant (%2)").arg(row == 0 ? tr("t") : tr("Z"), Labels::correction(correction_)));
    markers_[row]->addToLegend(legend_);
  }
}

void MiSignificanceView::drawControls(const QVector<double>& x, double& extent) {
  const auto& mi = *drawnResults()->get<MiDistanceResults>();
  if (mi.layers.empty() || !mi.layers.front().hasControls) return;
  const double scale = presentationScale();
  QVector<double> y;
  for (int i = 0; i < x.size(); ++i) {
    y.push_back(mi.layers[static_cast<size_t>(i)].pairedT);
    if (std::isfinite(y.back())) extent = std::max(extent, std::abs(y.back()));
  }
  const QColor color = plotstyle::seriesColor(4);
  paired_ = plot()->addGraph(profileRect_->axis(QCPAxis::atBottom), profileRect_->axis(QCPAxis::atLeft));
  paired_->setName(tr("paired t (attention − MLP MI)"));
  paired_->setPen(QPen(color, 1.5 * scale, Qt::DashLine));
  paired_->setData(x, y, true);
  paired_->addToLegend(legend_);
  const ControlFdr* flip = mi.controlFdr("siteSignFlip");
  if (!flip) return;  // Benjamini-Hochberg: known when every layer is done
  permutationMarkers_ = plot()->addGraph(profileRect_->axis(QCPAxis::atBottom), profileRect_->axis(QCPAxis::atLeft));
  permutationMarkers_->setName(tr("permutation p significant (BH)"));
  permutationMarkers_->setLineStyle(QCPGraph::lsNone);
  permutationMarkers_->setScatterStyle(
      QCPScatterStyle(QCPScatterStyle::ssDiamond, QPen(color.darker(), 1.5), Qt::NoBrush, 10 * scale));
  for (size_t l = 0; l < flip->significant.size() && l < static_cast<size_t>(y.size()); ++l)
    if (flip->significant[l]) permutationMarkers_->addData(static_cast<double>(l) + 1, y[static_cast<int>(l)]);
  permutationMarkers_->addToLegend(legend_);
}

QString MiSignificanceView::toolTipAt(const QPointF& pixel) const {
  if (!hasData()) return {};
  QCPAxisRect* rect = mapRect_->rect().contains(pixel.toPoint())       ? mapRect_
                      : profileRect_->rect().contains(pixel.toPoint()) ? profileRect_
                                                                       : nullptr;
  if (!rect) return {};
  const int l = static_cast<int>(std::lround(rect->axis(QCPAxis::atBottom)->pixelToCoord(pixel.x()))) - 1;
  if (l < 0 || l >= layersDone()) return {};
  return layerToolTip(l);
}

QString MiSignificanceView::layerSummary(int l) const {
  const auto& layer = drawnResults()->get<MiDistanceResults>()->layers[static_cast<size_t>(l)];
  bool availT = false, availZ = false;
  const auto pt = adjustedP(0, &availT);
  const auto pz = adjustedP(1, &availZ);
  const QString na = tr("not yet known");
  auto fmt = [&](double v) { return plot()->locale().toString(v, 'g', 4); };
  QString text = tr("t = %1, p = %2, adjusted p = %3\nZ = %4, p = %5, adjusted p = %6")
                     .arg(fmt(layer.t), fmt(layer.p), availT ? fmt(pt[static_cast<size_t>(l)]) : na,
                          fmt(layer.fisherZ), fmt(layer.fisherP), availZ ? fmt(pz[static_cast<size_t>(l)]) : na);
  if (layer.hasControls)
    text += QLatin1Char('\n') + tr("paired t = %1, p = %2; Wilcoxon p = %3; permutation p = %4")
                                     .arg(fmt(layer.pairedT), fmt(layer.pairedP), fmt(layer.wilcoxonP),
                                          fmt(layer.siteNull.p));
  return text;
}

void MiSignificanceView::writeCsv(QTextStream& out) const {
  out << "layer,t,p,p_adjusted,significant,fisher_z,fisher_p,fisher_p_adjusted,fisher_significant,correction\n";
  if (!hasData()) return;
  bool availT = false, availZ = false;
  const auto pt = adjustedP(0, &availT);
  const auto pz = adjustedP(1, &availZ);
  const auto mt = mask(0, &availT);
  const auto mz = mask(1, &availZ);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const auto& layers = drawnResults()->get<MiDistanceResults>()->layers;
  for (size_t l = 0; l < layers.size(); ++l) {
    out << l << ',' << csv::number(layers[l].t) << ',' << csv::number(layers[l].p) << ','
        << csv::number(availT ? pt[l] : nan) << ',' << (availT ? (mt[l] ? "1" : "0") : "") << ','
        << csv::number(layers[l].fisherZ) << ',' << csv::number(layers[l].fisherP) << ','
        << csv::number(availZ ? pz[l] : nan) << ',' << (availZ ? (mz[l] ? "1" : "0") : "") << ','
        << (correction_ == 0 ? "bonferroni" : "fdr_bh") << '\n';
  }
}

void MiSignificanceView::saveState(QSettings& s) const {
  s.setValue(QStringLiteral("significanceCorrection"), correction());
}

void MiSignificanceView::restoreState(const QSettings& s) {
  setCorrection(s.value(QStringLiteral("significanceCorrection"), 0).toInt());
}

}  // namespace laminar
