#include "widgets/cosine_spectrum_view.h"

#include <QSettings>
#include <QCheckBox>
#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QTextStream>

#include <cmath>
#include <limits>
#include <optional>

#include "widgets/csv.h"
#include "widgets/layer_cursor.h"
#include "widgets/plot_style.h"
#include "widgets/result_labels.h"

namespace laminar {

CosineSpectrumView::CosineSpectrumView(LayerCursor* cursor, QWidget* parent) : FigureView(cursor, parent) {
  mapRect_ = new QCPAxisRect(plot());
  scale_ = new QCPColorScale(plot());
  histRect_ = new QCPAxisRect(plot());
  body()->addElement(0, 0, mapRect_);
  body()->addElement(0, 1, scale_);
  body()->addElement(0, 2, histRect_);
  body()->setColumnStretchFactor(0, 3);
  body()->setColumnStretchFactor(1, 0.1);
  body()->setColumnStretchFactor(2, 2);
  auto* margins = new QCPMarginGroup(plot());
  mapRect_->setMarginGroup(QCP::msTop | QCP::msBottom, margins);
  scale_->setMarginGroup(QCP::msTop | QCP::msBottom, margins);
  histRect_->setMarginGroup(QCP::msTop | QCP::msBottom, margins);
  scale_->setType(QCPAxis::atRight);
  scale_->setGradient(plotstyle::sequentialGradient());
  // the six blocks' legend below the histograms, in two rows: inside the plot it would hide them
  legend_ = addOuterLegend(1, 2, 3);
  addLayerAxis(mapRect_->axis(QCPAxis::atBottom));

  groupLabel_ = new QLabel(this);
  groupBox_ = choiceBox(QStringLiteral("group"));
  measureLabel_ = new QLabel(this);
  measureBox_ = choiceBox(QStringLiteral("measure"));
  blockLabel_ = new QLabel(this);
  blockBox_ = choiceBox(QStringLiteral("block"));
  logBox_ = new QCheckBox(this);
  logBox_->setObjectName(QStringLiteral("logScale"));
  // Two rows: in one, the four choices made this the widest view (660 px), too wide for two
  // runs side by side on a 1024-px screen.
  groupLabel_->setBuddy(groupBox_);
  measureLabel_->setBuddy(measureBox_);
  blockLabel_->setBuddy(blockBox_);
  auto* rows = new QGridLayout;
  rows->setContentsMargins(0, 0, 0, 0);
  rows->addWidget(groupLabel_, 0, 0);
  rows->addWidget(groupBox_, 0, 1);
  rows->addWidget(measureLabel_, 0, 2);
  rows->addWidget(measureBox_, 0, 3);
  rows->addWidget(blockLabel_, 1, 0);
  rows->addWidget(blockBox_, 1, 1);
  rows->addWidget(logBox_, 1, 2, 1, 2);
  controls()->addLayout(rows);
  controls()->addStretch(1);
  connect(groupBox_, &QComboBox::activated, this, [this](int i) { setSelection(i, measure_, block_); });
  connect(measureBox_, &QComboBox::activated, this, [this](int i) { setSelection(group_, i, block_); });
  connect(blockBox_, &QComboBox::activated, this, [this](int i) { setSelection(group_, measure_, i); });
  connect(logBox_, &QCheckBox::toggled, this, &CosineSpectrumView::setLogScale);
  offerControlToggle();
  refresh();
}

void CosineSpectrumView::setSelection(int group, int measure, int block) {
  group_ = std::clamp(group, 0, kGroups - 1);
  measure_ = std::clamp(measure, 0, kMeasures - 1);
  block_ = std::clamp(block, 0, kBlocks - 1);
  refresh();
}

void CosineSpectrumView::setLogScale(bool log) {
  if (log == log_) return;
  log_ = log;
  refresh();
}

void CosineSpectrumView::retranslateControls() {
  groupLabel_->setText(tr("Group:"));
  measureLabel_->setText(tr("Measure:"));
  blockLabel_->setText(tr("Block:"));
  logBox_->setText(tr("Log colour scale"));
  QSignalBlocker blockLog(logBox_);
  logBox_->setChecked(log_);
  groupBox_->clear();
  for (int g = 0; g < kGroups; ++g) groupBox_->addItem(Labels::group(g));
  groupBox_->setCurrentIndex(group_);
  measureBox_->clear();
  for (int m = 0; m < kMeasures; ++m) measureBox_->addItem(Labels::measure(m));
  measureBox_->setCurrentIndex(measure_);
  blockBox_->clear();
  for (int b = 0; b < kBlocks; ++b) blockBox_->addItem(Labels::block(b));
  blockBox_->setCurrentIndex(block_);
}

QString CosineSpectrumView::title() const {
  return tr("Cosine spectrum — %1, %2, %3").arg(Labels::block(block_), Labels::group(group_), Labels::measure(measure_)) +
         controlTitleSuffix();
}

QString CosineSpectrumView::caption() const {
  return tr("Left: for every layer (horizontal), the distribution of dimension-by-dimension similarities inside "
            "the chosen block of Q, K and V (vertical, −1 to 1); colour is density. Values piling up near +1 and "
            "−1 mean dimensions move together or against each other; a band around 0 means they are "
            "independent. Right: the selected layer's histograms of all six blocks. Compare with the shuffled "
            "baseline, which shows what chance alone gives.") +
         controlCaptionNote();
}

QStringList CosineSpectrumView::choiceKeys() const {
  QStringList keys;
  for (int g = 0; g < kGroups; ++g)
    for (int m = 0; m < kMeasures; ++m)
      for (int b = 0; b < kBlocks; ++b)
        keys << QStringLiteral("%1-%2-%3").arg(QLatin1String(Labels::groupKey(g)), QLatin1String(Labels::measureKey(m)),
                                               QLatin1String(Labels::blockKey(b)));
  return keys;
}

void CosineSpectrumView::selectChoice(int index) {
  setSelection(index / (kMeasures * kBlocks), (index / kBlocks) % kMeasures, index % kBlocks);
}

const std::vector<double>& CosineSpectrumView::spectrum(int layer, int block) const {
  return drawnResults()->get<SimilarityResults>()->layers[static_cast<size_t>(layer)]
      .spectra[static_cast<size_t>(group_)][static_cast<size_t>(measure_)][static_cast<size_t>(block)];
}

void CosineSpectrumView::clearPlot() {
  plot()->clearPlottables();
  map_ = nullptr;
  histograms_.clear();
  mapRect_->axis(QCPAxis::atBottom)->setLabel(Labels::layerAxis());
  mapRect_->axis(QCPAxis::atLeft)->setLabel(Labels::similarityAxis());
  mapRect_->axis(QCPAxis::atLeft)->setRange(-1, 1);
  histRect_->axis(QCPAxis::atBottom)->setLabel(Labels::similarityAxis());
  histRect_->axis(QCPAxis::atLeft)->setLabel(Labels::densityAxis());
  histRect_->axis(QCPAxis::atBottom)->setRange(-1, 1);
  scale_->axis()->setLabel(Labels::densityAxis());
  legend_->setVisible(false);
}

void CosineSpectrumView::rebuild() {
  clearPlot();
  const auto& sim = *drawnResults()->get<SimilarityResults>();
  const int nLayer = sim.nLayer;
  const int bins = sim.binEdges.size() > 1 ? static_cast<int>(sim.binEdges.size()) - 1
                                           : static_cast<int>(spectrum(0, block_).size());
  const double lo = sim.binEdges.empty() ? -1.0 : sim.binEdges.front();
  const double hi = sim.binEdges.empty() ? 1.0 : sim.binEdges.back();
  const double width = (hi - lo) / std::max(1, bins);

  map_ = new QCPColorMap(mapRect_->axis(QCPAxis::atBottom), mapRect_->axis(QCPAxis::atLeft));
  map_->setColorScale(scale_);
  map_->setInterpolate(false);
  map_->setTightBoundary(false);
  map_->data()->setSize(nLayer, bins);
  map_->data()->setRange(QCPRange(1, nLayer), QCPRange(lo + width / 2, hi - width / 2));
  double maxDensity = 0, minPositive = std::numeric_limits<double>::infinity();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (int l = 0; l < nLayer; ++l)
    for (int b = 0; b < bins; ++b) {
      double v = nan;
      if (l < layersDone()) {
        const auto& s = spectrum(l, block_);
        v = b < static_cast<int>(s.size()) ? s[static_cast<size_t>(b)] : nan;
        if (std::isfinite(v)) {
          maxDensity = std::max(maxDensity, v);
          if (v > 0) minPositive = std::min(minPositive, v);
          if (log_ && v <= 0) v = nan;  // empty bins have no logarithm: drawn in the lowest colour
        }
      }
      map_->data()->setCell(l, b, v);
    }
  QCPColorGradient gradient = plotstyle::sequentialGradient();
  if (log_) gradient.setNanHandling(QCPColorGradient::nhLowestColor);
  scale_->setGradient(gradient);
  scale_->setDataScaleType(log_ ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
  if (log_) {
    if (!std::isfinite(minPositive)) minPositive = 1e-3;
    scale_->axis()->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    scale_->setDataRange(QCPRange(std::max(minPositive, maxDensity * 1e-4), std::max(maxDensity, minPositive * 10)));
  } else {
    scale_->axis()->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    scale_->setDataRange(QCPRange(0, maxDensity > 0 ? maxDensity : 1));
  }
  mapRect_->axis(QCPAxis::atLeft)->setRange(lo, hi);
  histRect_->axis(QCPAxis::atBottom)->setRange(lo, hi);

  legend_->setVisible(true);
  legend_->setFont(plotstyle::font(9 * presentationScale()));
  for (int b = 0; b < kBlocks; ++b) {
    auto* g = plot()->addGraph(histRect_->axis(QCPAxis::atBottom), histRect_->axis(QCPAxis::atLeft));
    g->setName(Labels::block(b));
    g->setLineStyle(QCPGraph::lsStepCenter);
    g->setPen(QPen(plotstyle::blockColor(b), (b == block_ ? 2.5 : 1.3) * presentationScale()));
    g->addToLegend(legend_);
    histograms_.push_back(g);
  }
}

void CosineSpectrumView::updateLayer() {
  if (!hasData() || histograms_.size() != kBlocks) return;
  const auto& sim = *drawnResults()->get<SimilarityResults>();
  const int layer = std::min(cursor() ? cursor()->layer() : 0, layersDone() - 1);
  const int bins = static_cast<int>(sim.binEdges.size()) - 1;
  double top = 0;
  for (int b = 0; b < kBlocks; ++b) {
    const auto& s = spectrum(layer, b);
    QVector<double> x, y;
    for (int i = 0; i < static_cast<int>(s.size()); ++i) {
      const double center = bins > 0 ? 0.5 * (sim.binEdges[static_cast<size_t>(i)] + sim.binEdges[static_cast<size_t>(i) + 1])
                                     : -1 + (i + 0.5) * 2.0 / static_cast<double>(s.size());
      x.push_back(center);
      y.push_back(s[static_cast<size_t>(i)]);
      if (std::isfinite(s[static_cast<size_t>(i)])) top = std::max(top, s[static_cast<size_t>(i)]);
    }
    histograms_[b]->setData(x, y, true);
  }
  histRect_->axis(QCPAxis::atLeft)->setRange(0, top > 0 ? top * 1.08 : 1);
}

QString CosineSpectrumView::toolTipAt(const QPointF& pixel) const {
  if (!hasData() || !map_) return {};
  const QPoint p = pixel.toPoint();
  if (mapRect_->rect().contains(p)) {
    const int layer = static_cast<int>(std::lround(mapRect_->axis(QCPAxis::atBottom)->pixelToCoord(pixel.x()))) - 1;
    const double y = mapRect_->axis(QCPAxis::atLeft)->pixelToCoord(pixel.y());
    const auto& edges = drawnResults()->get<SimilarityResults>()->binEdges;
    if (layer < 0 || layer >= layersDone() || edges.size() < 2) return {};
    int bin = static_cast<int>((y - edges.front()) / (edges.back() - edges.front()) * (edges.size() - 1));
    bin = std::clamp(bin, 0, static_cast<int>(edges.size()) - 2);
    const auto& s = spectrum(layer, block_);
    if (bin >= static_cast<int>(s.size())) return {};
    return tr("%1, %2\nsimilarity %3 … %4\ndensity %5")
        .arg(Labels::layer(layer), Labels::block(block_), plot()->locale().toString(edges[static_cast<size_t>(bin)], 'f', 3),
             plot()->locale().toString(edges[static_cast<size_t>(bin) + 1], 'f', 3),
             plot()->locale().toString(s[static_cast<size_t>(bin)], 'g', 6));
  }
  if (histRect_->rect().contains(p)) {
    const double x = histRect_->axis(QCPAxis::atBottom)->pixelToCoord(pixel.x());
    QStringList lines;
    for (QCPGraph* g : histograms_) {
      auto it = g->data()->findBegin(x - 1e-9, false);
      if (it == g->data()->constEnd()) continue;
      lines << QStringLiteral("%1: %2").arg(g->name(), plot()->locale().toString(it->value, 'g', 6));
    }
    if (lines.isEmpty()) return {};
    lines.prepend(tr("similarity %1").arg(plot()->locale().toString(x, 'f', 3)));
    return lines.join(QLatin1Char('\n'));
  }
  return {};
}

// The densest bin of each block's histogram at the layer (the right-hand plot's peaks): what a
// screen reader says of it; every density is in the tooltip and the CSV.
QString CosineSpectrumView::layerSummary(int l) const {
  if (!hasData() || l < 0 || l >= layersDone()) return {};
  const auto& edges = drawnResults()->get<SimilarityResults>()->binEdges;
  const QLocale locale = plot()->locale();
  QStringList lines;
  for (int b = 0; b < kBlocks; ++b) {
    const auto& s = spectrum(l, b);
    std::optional<size_t> peak;
    for (size_t i = 0; i < s.size() && i + 1 < edges.size(); ++i)
      if (std::isfinite(s[i]) && (!peak || s[i] > s[*peak])) peak = i;
    if (!peak) continue;
    lines << tr("%1: densest between %2 and %3 (density %4)")
                 .arg(Labels::block(b), locale.toString(edges[*peak], 'f', 3), locale.toString(edges[*peak + 1], 'f', 3),
                      locale.toString(s[*peak], 'g', 3));
  }
  return lines.join(QLatin1Char('\n'));
}

void CosineSpectrumView::writeCsv(QTextStream& out) const {
  out << "layer,group,measure,block,bin_low,bin_high,density\n";
  if (!hasData()) return;
  const auto& sim = *drawnResults()->get<SimilarityResults>();
  // Every group and measure, not just the one on screen: the CSV is the whole spectrum.
  for (int l = 0; l < layersDone(); ++l)
    for (int g = 0; g < kGroups; ++g)
      for (int m = 0; m < kMeasures; ++m)
        for (int b = 0; b < kBlocks; ++b) {
          const auto& s = sim.layers[static_cast<size_t>(l)].spectra[static_cast<size_t>(g)][static_cast<size_t>(m)]
                                                                   [static_cast<size_t>(b)];
          for (size_t i = 0; i < s.size() && i + 1 < sim.binEdges.size(); ++i)
            out << l << ',' << Labels::groupKey(g) << ',' << Labels::measureKey(m) << ',' << Labels::blockKey(b) << ','
                << csv::number(sim.binEdges[i]) << ',' << csv::number(sim.binEdges[i + 1]) << ','
                << csv::number(s[i]) << '\n';
        }
}

void CosineSpectrumView::saveState(QSettings& s) const {
  s.setValue(QStringLiteral("spectrumGroup"), group());
  s.setValue(QStringLiteral("spectrumMeasure"), measure());
  s.setValue(QStringLiteral("spectrumBlock"), block());
  s.setValue(QStringLiteral("spectrumLog"), logScale());
}

void CosineSpectrumView::restoreState(const QSettings& s) {
  setSelection(s.value(QStringLiteral("spectrumGroup"), 0).toInt(), s.value(QStringLiteral("spectrumMeasure"), 0).toInt(),
               s.value(QStringLiteral("spectrumBlock"), 0).toInt());
  setLogScale(s.value(QStringLiteral("spectrumLog"), false).toBool());
}

}  // namespace laminar
