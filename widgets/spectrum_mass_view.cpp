#include "widgets/spectrum_mass_view.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSettings>
#include <QTextStream>

#include <algorithm>
#include <cmath>
#include <limits>

#include "widgets/csv.h"
#include "widgets/plot_style.h"
#include "widgets/result_labels.h"

namespace laminar {
namespace {
const char* const kMassKeys[kMassKinds] = {"high", "low"};

const SimilaritySettings* settingsOf(const RunResults* r) {
  const auto* sim = r ? r->get<SimilarityResults>() : nullptr;
  return sim ? &sim->settings : nullptr;
}
}  // namespace

SpectrumMassView::SpectrumMassView(LayerCursor* cursor, QWidget* parent) : FigureView(cursor, parent) {
  rect_ = new QCPAxisRect(plot());
  body()->addElement(0, 0, rect_);
  legend_ = addOuterLegend(1, 0, 2);  // run target / non-target, then the control's
  addLayerAxis(rect_->axis(QCPAxis::atBottom));
  massLabel_ = new QLabel(this);
  massBox_ = choiceBox(QStringLiteral("mass"));
  blockLabel_ = new QLabel(this);
  blockBox_ = choiceBox(QStringLiteral("block"));
  massLabel_->setBuddy(massBox_);
  blockLabel_->setBuddy(blockBox_);
  for (QWidget* w : {static_cast<QWidget*>(massLabel_), static_cast<QWidget*>(massBox_),
                     static_cast<QWidget*>(blockLabel_), static_cast<QWidget*>(blockBox_)})
    controls()->addWidget(w);
  controls()->addStretch(1);
  connect(massBox_, &QComboBox::activated, this, [this](int i) { setSelection(i, block_); });
  connect(blockBox_, &QComboBox::activated, this, [this](int i) { setSelection(mass_, i); });
  refresh();
}

void SpectrumMassView::setSelection(int mass, int block) {
  mass_ = std::clamp(mass, 0, kMassKinds - 1);
  block_ = std::clamp(block, 0, kBlocks - 1);
  refresh();
}

QStringList SpectrumMassView::choiceKeys() const {
  QStringList keys;
  for (int m = 0; m < kMassKinds; ++m)
    for (int b = 0; b < kBlocks; ++b) keys << QStringLiteral("%1-%2").arg(QLatin1String(kMassKeys[m]), Labels::block(b));
  return keys;
}

void SpectrumMassView::selectChoice(int index) {
  if (index >= 0 && index < kMassKinds * kBlocks) setSelection(index / kBlocks, index % kBlocks);
}

void SpectrumMassView::retranslateControls() {
  const SimilaritySettings* s = settingsOf(results().get());
  const QLocale locale;
  const QString high = locale.toString(s ? s->summaryHigh : 0.8), low = locale.toString(s ? s->summaryLow : 0.2);
  massLabel_->setText(tr("Mass:"));
  blockLabel_->setText(tr("Block:"));
  massBox_->clear();
  massBox_->addItem(tr("|cos| > %1 (large)").arg(high));
  massBox_->addItem(tr("|cos| < %1 (small)").arg(low));
  massBox_->setCurrentIndex(mass_);
  blockBox_->clear();
  for (int b = 0; b < kBlocks; ++b) blockBox_->addItem(Labels::block(b));
  blockBox_->setCurrentIndex(block_);
}

QString SpectrumMassView::title() const {
  const SimilaritySettings* s = settingsOf(results().get());
  const QString threshold = plot()->locale().toString(mass_ == 0 ? (s ? s->summaryHigh : 0.8) : (s ? s->summaryLow : 0.2));
  return (mass_ == 0 ? tr("Share of %1 similarities with |cos| > %2") : tr("Share of %1 similarities with |cos| < %2"))
      .arg(Labels::block(block_), threshold);
}

QString SpectrumMassView::caption() const {
  const SimilaritySettings* s = settingsOf(results().get());
  if (s && s->summaryReplicates == 0)
    return tr("This run has no spectrum summary (it was run with 0 summary replicates, or before the summary "
              "existed).");
  // Before a run the count is the settings' (not known here): the caption names no number.
  const QString replicates = s ? tr("seeded replicates: %1").arg(s->summaryReplicates) : tr("seeded replicates");
  const QString level = plot()->locale().toString(s ? 100 * s->summaryLevel : 95.0);
  return tr("For each layer, the share of the cosine similarities of block %1 (between dimensions of Q, K, V "
            "across sentences) beyond the threshold, at the target token (solid) and a non-target token "
            "(dashed). Bands: %2% bootstrap intervals over sentences (the share ± the normal quantile times its "
            "bootstrap standard error, %3). A high share of large values is the \"smile\" of "
            "the spectrum; a high share of small values a flat one. Shares depend on the number of sentences: "
            "compare runs on the same sentences.")
             .arg(Labels::block(block_), level, replicates) +
         Labels::controlCaption(results().get());
}

std::vector<std::vector<SpectrumMass>> SpectrumMassView::massesOf(const RunResults& results, int mass, int block) {
  std::vector<std::vector<SpectrumMass>> out(kGroups);
  const auto* sim = results.get<SimilarityResults>();
  if (!sim) return out;
  for (const SimilarityLayer& l : sim->layers) {
    if (!l.hasMasses) break;
    for (int g = 0; g < kGroups; ++g)
      out[static_cast<size_t>(g)].push_back(l.masses[static_cast<size_t>(g)][static_cast<size_t>(block)][static_cast<size_t>(mass)]);
  }
  return out;
}

void SpectrumMassView::clearPlot() {
  plot()->clearPlottables();
  series_.clear();
  controlSeries_.clear();
  rect_->axis(QCPAxis::atBottom)->setLabel(Labels::layerAxis());
  rect_->axis(QCPAxis::atLeft)->setLabel(tr("Share of similarities"));
  legend_->setVisible(false);
}

// One line per group with its interval as a filled band (the control's: greyed, lighter).
void SpectrumMassView::addSeriesWithBand(const RunResults& results, bool control, double& bottom, double& top) {
  const auto masses = massesOf(results, mass_, block_);
  QCPAxis* xAxis = rect_->axis(QCPAxis::atBottom);
  QCPAxis* yAxis = rect_->axis(QCPAxis::atLeft);
  const double scale = presentationScale();
  for (int g = 0; g < kGroups; ++g) {
    const auto& m = masses[static_cast<size_t>(g)];
    QVector<double> x, y, lo, hi;
    for (size_t l = 0; l < m.size(); ++l) {
      x.push_back(static_cast<double>(l) + 1);
      y.push_back(m[l].value), lo.push_back(m[l].lower), hi.push_back(m[l].upper);
      bottom = std::min({bottom, m[l].lower, m[l].value});
      top = std::max({top, m[l].upper, m[l].value});
    }
    const QColor base = plotstyle::seriesColor(g == 0 ? 0 : 1);
    const QColor color = control ? plotstyle::controlColor(base) : base;
    auto* lower = plot()->addGraph(xAxis, yAxis);
    lower->setData(x, lo, true);
    lower->setPen(Qt::NoPen);
    auto* upper = plot()->addGraph(xAxis, yAxis);
    upper->setData(x, hi, true);
    upper->setPen(Qt::NoPen);
    QColor fill = color;
    fill.setAlpha(control ? 35 : 55);
    upper->setBrush(fill);
    upper->setChannelFillGraph(lower);
    auto* line = plot()->addGraph(xAxis, yAxis);
    line->setData(x, y, true);
    line->setPen(QPen(color, (control ? 1.6 : 2.0) * scale,
                      control ? plotstyle::controlPenStyle(g) : plotstyle::groupPenStyle(g)));
    line->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, color, control ? QColor(Qt::white) : color, 4 * scale));
    line->setName(control ? tr("%1, %2").arg(Labels::groupShort(g), Labels::controlName(FigureView::results().get())) : Labels::groupShort(g));
    line->addToLegend(legend_);
    (control ? controlSeries_ : series_).push_back(line);
  }
}

void SpectrumMassView::rebuild() {
  clearPlot();
  double bottom = std::numeric_limits<double>::infinity(), top = -bottom;
  addSeriesWithBand(*results(), false, bottom, top);
  if (results()->control) addSeriesWithBand(*results()->control, true, bottom, top);
  legend_->setVisible(!series_.isEmpty() && series_.front()->dataCount() > 0);
  if (!std::isfinite(bottom)) bottom = 0, top = 1;
  const double pad = std::max(0.005, (top - bottom) * 0.08);
  rect_->axis(QCPAxis::atLeft)->setRange(std::max(-0.02, bottom - pad), std::min(1.02, top + pad));
}

QString SpectrumMassView::toolTipAt(const QPointF& pixel) const {
  if (!hasData() || !rect_->rect().contains(pixel.toPoint())) return {};
  const int layer = static_cast<int>(std::lround(rect_->axis(QCPAxis::atBottom)->pixelToCoord(pixel.x()))) - 1;
  if (layer < 0) return {};
  return layerToolTip(layer);
}

QString SpectrumMassView::layerSummary(int layer) const {
  QStringList lines;
  auto describe = [&](const RunResults& r, bool control) {
    const auto masses = massesOf(r, mass_, block_);
    for (int g = 0; g < kGroups; ++g) {
      const auto& m = masses[static_cast<size_t>(g)];
      if (static_cast<size_t>(layer) >= m.size()) continue;
      const SpectrumMass& v = m[static_cast<size_t>(layer)];
      const QString name = control ? tr("%1, %2").arg(Labels::groupShort(g), Labels::controlName(FigureView::results().get())) : Labels::groupShort(g);
      lines << tr("%1: %2 [%3, %4]")
                   .arg(name, plot()->locale().toString(v.value, 'g', 4), plot()->locale().toString(v.lower, 'g', 4),
                        plot()->locale().toString(v.upper, 'g', 4));
    }
  };
  describe(*results(), false);
  if (results()->control) describe(*results()->control, true);
  return lines.join(QLatin1Char('\n'));
}

void SpectrumMassView::writeCsv(QTextStream& out) const {
  // Every block and both masses, the run's and (when present) the control's.
  out << "source,layer,group,block,mass,value,lower,upper,se,bias\n";
  if (!results()) return;
  auto write = [&](const RunResults& r, const char* source) {
    for (int k = 0; k < kMassKinds; ++k)
      for (int b = 0; b < kBlocks; ++b) {
        const auto masses = massesOf(r, k, b);
        for (int g = 0; g < kGroups; ++g)
          for (size_t l = 0; l < masses[static_cast<size_t>(g)].size(); ++l) {
            const SpectrumMass& v = masses[static_cast<size_t>(g)][l];
            out << source << ',' << l << ',' << Labels::groupKey(g) << ',' << Labels::block(b) << ',' << kMassKeys[k]
                << ',' << csv::number(v.value) << ',' << csv::number(v.lower) << ',' << csv::number(v.upper) << ','
                << csv::number(v.se) << ',' << csv::number(v.bias) << '\n';
          }
      }
  };
  write(*results(), "run");
  if (results()->control) write(*results()->control, "untrained-control");
}

void SpectrumMassView::saveState(QSettings& s) const {
  s.setValue(QStringLiteral("spectrumMass"), mass_);
  s.setValue(QStringLiteral("spectrumMassBlock"), block_);
}

void SpectrumMassView::restoreState(const QSettings& s) {
  setSelection(s.value(QStringLiteral("spectrumMass"), 0).toInt(), s.value(QStringLiteral("spectrumMassBlock"), 0).toInt());
}

}  // namespace laminar
