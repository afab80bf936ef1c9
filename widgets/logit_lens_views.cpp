#include "widgets/logit_lens_views.h"

#include <QTextStream>

#include <algorithm>
#include <cmath>
#include <limits>

#include "widgets/csv.h"
#include "widgets/map_with_scale.h"
#include "widgets/plot_style.h"
#include "widgets/result_labels.h"

namespace laminar {

namespace {

// The end of the text up to the chosen position, about as long as eight tokens of English.
// From the tokens decoded together: each token alone holds only its own bytes of a letter
// that BPE split between tokens (Vietnamese "ữ", Cyrillic, emoji), as <0xNN> or, in results
// saved before 2026-12-07, "�".
QString contextText(const LogitLensResults& r) {
  constexpr qsizetype kShown = 40;  // characters
  QString text;
  if (!r.chosenDecoded.empty()) {
    text = QString::fromStdString(r.chosenDecoded).simplified();
  } else {  // saved before chosenDecoded existed
    for (const std::string& t : r.chosenTokens) text += QString::fromStdString(t);
    text = text.simplified();
  }
  if (text.size() <= kShown) return text;
  qsizetype from = text.size() - kShown;
  if (text.at(from).isLowSurrogate()) ++from;  // never half an emoji
  return QStringLiteral("…") + text.mid(from).trimmed();
}

}  // namespace

// ---------------------------------------------------------------- top tokens per layer

LogitLensTopView::LogitLensTopView(LayerCursor* cursor, QWidget* parent) : FigureView(cursor, parent) {
  const MapWithScale map = addMapWithScale(plot(), body(), plotstyle::sequentialGradient(), QCPRange(0, 1));
  rect_ = map.rect;  // rank 1 on top
  scale_ = map.scale;
  addLayerAxis(rect_->axis(QCPAxis::atBottom));
  offerControlToggle();
  refresh();
}

QString LogitLensTopView::title() const {
  if (!hasData()) return {};
  const LogitLensResults& r = lens();
  return tr("Logit lens — text %1, after “%2”").arg(r.chosenText + 1).arg(contextText(r)) + controlTitleSuffix();
}

QString LogitLensTopView::caption() const {
  QString actual;
  if (hasData() && lens().chosenNextId >= 0) actual = tr(" The token that actually follows is “%1”.").arg(Labels::token(lens().chosenNextToken));
  return tr("Each column is one layer: the residual stream after that block, read through the final layer norm and "
            "the output layer, gives a next-token distribution. Rows are its most probable tokens (rank 1 on top), "
            "colour is the probability. Early layers of a trained model guess vaguely; the last layer is the "
            "model's own prediction.") + actual + controlCaptionNote();
}

void LogitLensTopView::clearPlot() {
  plot()->clearPlottables();
  for (QCPItemText* label : labels_) plot()->removeItem(label);  // not clearItems(): the cursor line is an item too
  labels_.clear();
  map_ = nullptr;
  rect_->axis(QCPAxis::atBottom)->setLabel(Labels::layerAxis());
  rect_->axis(QCPAxis::atLeft)->setLabel(tr("Rank"));
  scale_->axis()->setLabel(tr("Probability"));
}

void LogitLensTopView::rebuild() {
  clearPlot();
  const LogitLensResults& r = lens();
  const int k = r.settings.topK;
  const int n = r.nLayer;
  map_ = new QCPColorMap(rect_->axis(QCPAxis::atBottom), rect_->axis(QCPAxis::atLeft));
  map_->setColorScale(scale_);
  map_->setInterpolate(false);
  map_->data()->setSize(std::max(n, 1), std::max(k, 1));
  map_->data()->setRange(QCPRange(1, std::max(n, 1)), QCPRange(1, std::max(k, 1)));
  for (int l = 0; l < n; ++l)
    for (int i = 0; i < k; ++i) map_->data()->setCell(l, i, std::nan(""));
  const double fontSize = std::clamp(8.0 * presentationScale() * 12.0 / std::max(12, n), 5.0, 9.0 * presentationScale());
  for (const LogitLensLayer& layer : r.layers)
    for (size_t i = 0; i < layer.topProbs.size(); ++i) {
      map_->data()->setCell(layer.layer, static_cast<int>(i), layer.topProbs[i]);
      auto* label = new QCPItemText(plot());
      labels_.push_back(label);
      label->setClipAxisRect(rect_);
      label->position->setAxes(rect_->axis(QCPAxis::atBottom), rect_->axis(QCPAxis::atLeft));
      label->position->setCoords(layer.layer + 1, static_cast<double>(i) + 1);
      label->setText(Labels::token(layer.topTokens[i]));
      label->setFont(plotstyle::font(fontSize));
      // Dark text on the light end of the scale, white on the dark end.
      label->setColor(layer.topProbs[i] > 0.6 ? Qt::black : Qt::white);
      label->setRotation(n > 16 ? -90 : 0);
    }
  rect_->axis(QCPAxis::atLeft)->setRange(0.5, k + 0.5);
  QSharedPointer<QCPAxisTickerFixed> ticker(new QCPAxisTickerFixed);
  ticker->setTickStep(1);
  rect_->axis(QCPAxis::atLeft)->setTicker(ticker);
  scale_->setDataRange(QCPRange(0, 1));
}

// The layer's top tokens in rank order with their probabilities: what a screen reader hears.
QString LogitLensTopView::layerSummary(int l) const {
  const LogitLensResults& r = lens();
  if (l < 0 || l >= static_cast<int>(r.layers.size())) return {};
  const LogitLensLayer& layer = r.layers[static_cast<size_t>(l)];
  QStringList tokens;
  for (size_t i = 0; i < layer.topIds.size(); ++i)
    tokens << Labels::spokenTokenValue(layer.topTokens[i], layer.topProbs[i], plot()->locale());
  return tr("Top tokens: %1").arg(tokens.join(QStringLiteral(", ")));
}

QString LogitLensTopView::toolTipAt(const QPointF& pixel) const {
  if (!hasData() || !rect_->rect().contains(pixel.toPoint())) return {};
  const int l = static_cast<int>(std::lround(rect_->axis(QCPAxis::atBottom)->pixelToCoord(pixel.x()))) - 1;
  const int i = static_cast<int>(std::lround(rect_->axis(QCPAxis::atLeft)->pixelToCoord(pixel.y()))) - 1;
  const LogitLensResults& r = lens();
  if (l < 0 || l >= static_cast<int>(r.layers.size()) || i < 0 || i >= static_cast<int>(r.layers[static_cast<size_t>(l)].topIds.size()))
    return {};
  const LogitLensLayer& layer = r.layers[static_cast<size_t>(l)];
  return tr("%1, rank %2\ntoken “%3” (id %4)\nprobability %5")
      .arg(Labels::layer(l))
      .arg(i + 1)
      .arg(Labels::token(layer.topTokens[static_cast<size_t>(i)]))
      .arg(layer.topIds[static_cast<size_t>(i)])
      .arg(plot()->locale().toString(layer.topProbs[static_cast<size_t>(i)], 'g', 4));
}

void LogitLensTopView::writeCsv(QTextStream& out) const {
  out << "layer,rank,token_id,token,prob\n";
  if (!hasData()) return;
  for (const LogitLensLayer& l : lens().layers)
    for (size_t i = 0; i < l.topIds.size(); ++i)
      out << l.layer << ',' << i + 1 << ',' << l.topIds[i] << ',' << csv::text(QString::fromStdString(l.topTokens[i])) << ','
          << csv::number(l.topProbs[i]) << '\n';
}

// ---------------------------------------------------------------- next-token profile

LogitLensProfileView::LogitLensProfileView(LayerCursor* cursor, QWidget* parent) : FigureView(cursor, parent) {
  probRect_ = new QCPAxisRect(plot());
  rankRect_ = new QCPAxisRect(plot());
  body()->addElement(0, 0, probRect_);
  body()->addElement(1, 0, rankRect_);
  auto* margins = new QCPMarginGroup(plot());
  probRect_->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
  rankRect_->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
  QSharedPointer<QCPAxisTickerLog> log(new QCPAxisTickerLog);
  rankRect_->axis(QCPAxis::atLeft)->setScaleType(QCPAxis::stLogarithmic);
  rankRect_->axis(QCPAxis::atLeft)->setTicker(log);
  rankRect_->axis(QCPAxis::atLeft)->setRangeReversed(true);  // rank 1 (best) on top
  addLayerAxis(probRect_->axis(QCPAxis::atBottom));
  addLayerAxis(rankRect_->axis(QCPAxis::atBottom));
  legend_ = addOuterLegend(2, 0, 1);  // names the control's lines, when there is one
  refresh();
}

const LogitLensResults* LogitLensProfileView::other() const {
  const RunResults* control = results() ? results()->control.get() : nullptr;
  return control && control->layersDone > 0 ? control->get<LogitLensResults>() : nullptr;
}

QString LogitLensProfileView::title() const {
  return hasData() ? tr("Logit lens — the token after the target, %n text(s)", nullptr, static_cast<int>(lens().textIndex.size()))
                   : QString();
}

QString LogitLensProfileView::caption() const {
  return tr("For every text, the residual stream at the target word is read through the output layer at each "
            "layer. Top: mean probability of the token that actually follows (bars: ± one standard error over "
            "texts). Bottom: its median rank among all tokens (1 = the model's first guess; log scale). A random "
            "model stays near rank vocabulary/2 at every layer.") +
         Labels::controlCaption(results().get());
}

void LogitLensProfileView::clearPlot() {
  plot()->clearPlottables();
  prob_ = rank_ = otherProb_ = otherRank_ = nullptr;
  probError_ = nullptr;
  probRect_->axis(QCPAxis::atBottom)->setLabel(Labels::layerAxis());
  probRect_->axis(QCPAxis::atLeft)->setLabel(tr("P(actual next token)"));
  rankRect_->axis(QCPAxis::atBottom)->setLabel(Labels::layerAxis());
  rankRect_->axis(QCPAxis::atLeft)->setLabel(tr("Median rank"));
}

QCPGraph* LogitLensProfileView::addGraph(QCPAxisRect* rect, const QString& name, const QPen& pen,
                                         const QCPScatterStyle& scatter) {
  auto* graph = new QCPGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
  graph->setName(name);
  graph->setPen(pen);
  graph->setScatterStyle(scatter);
  graph->removeFromLegend();  // QCustomPlot's own legend; ours is legend_
  return graph;
}

void LogitLensProfileView::rebuild() {
  clearPlot();
  const LogitLensResults& r = lens();
  const double s = presentationScale();
  const QColor probColor = plotstyle::seriesColor(0), rankColor = plotstyle::seriesColor(1);
  prob_ = addGraph(probRect_, tr("P(actual next token)"), QPen(probColor, 2 * s),
                   QCPScatterStyle(QCPScatterStyle::ssCircle, 5 * s));
  probError_ = new QCPErrorBars(probRect_->axis(QCPAxis::atBottom), probRect_->axis(QCPAxis::atLeft));
  probError_->setDataPlottable(prob_);
  probError_->setPen(QPen(probColor));
  probError_->removeFromLegend();
  rank_ = addGraph(rankRect_, tr("Median rank"), QPen(rankColor, 2 * s), QCPScatterStyle(QCPScatterStyle::ssSquare, 5 * s));
  double top = 0, worst = 1;
  for (const LogitLensLayer& l : r.layers) {
    prob_->addData(l.layer + 1, l.meanNextProb);
    const double se = std::isfinite(l.seNextProb) ? l.seNextProb : 0;
    probError_->addData(se);
    rank_->addData(l.layer + 1, l.medianNextRank);
    top = std::max(top, l.meanNextProb + se);
    worst = std::max(worst, l.medianNextRank);
  }
  // The control as the laminar profile draws it: the series' colour greyed, dash-dotted, open
  // circles, no error bars (the run's stay readable). Its layers fill in after the run's. One
  // legend entry names it (the axes say which line is which): four entries took four rows in
  // Vietnamese at 1024x768 and squeezed both plots.
  if (const LogitLensResults* o = other()) {
    const QString name = Labels::controlName(results().get());
    auto greyed = [&](QCPAxisRect* rect, const QString& lineName, const QColor& base) {
      const QColor c = plotstyle::controlColor(base);
      return addGraph(rect, lineName, QPen(c, 1.6 * s, plotstyle::controlPenStyle(0)),
                      QCPScatterStyle(QCPScatterStyle::ssCircle, c, Qt::white, 4 * s));
    };
    otherProb_ = greyed(probRect_, tr("P(actual next token), %1").arg(name), probColor);
    otherRank_ = greyed(rankRect_, tr("Median rank, %1").arg(name), rankColor);
    for (const LogitLensLayer& l : o->layers) {
      otherProb_->addData(l.layer + 1, l.meanNextProb);
      otherRank_->addData(l.layer + 1, l.medianNextRank);
      top = std::max(top, l.meanNextProb);
      worst = std::max(worst, l.medianNextRank);
    }
    const QColor grey = plotstyle::controlColor(QColor(Qt::darkGray));
    QCPGraph* entry = addGraph(probRect_, name, QPen(grey, 1.6 * s, plotstyle::controlPenStyle(0)),
                               QCPScatterStyle(QCPScatterStyle::ssCircle, grey, Qt::white, 4 * s));  // no data: legend only
    entry->addToLegend(legend_);
  }
  probRect_->axis(QCPAxis::atLeft)->setRange(0, std::max(0.05, top * 1.1));
  rankRect_->axis(QCPAxis::atLeft)->setRange(0.8, std::max(10.0, worst * 1.5));
}

int LogitLensProfileView::layerAt(const QCPAxisRect* rect, const QPointF& pixel) const {
  return static_cast<int>(std::lround(rect->axis(QCPAxis::atBottom)->pixelToCoord(pixel.x()))) - 1;
}

QString LogitLensProfileView::toolTipAt(const QPointF& pixel) const {
  if (!hasData()) return {};
  const QCPAxisRect* rect = probRect_->rect().contains(pixel.toPoint())   ? probRect_
                            : rankRect_->rect().contains(pixel.toPoint()) ? rankRect_
                                                                          : nullptr;
  if (!rect) return {};
  const int l = layerAt(rect, pixel);
  return layerToolTip(l);
}

QString LogitLensProfileView::layerSummary(int l) const {
  const LogitLensResults& r = lens();
  if (l < 0 || l >= static_cast<int>(r.layers.size())) return {};
  const LogitLensLayer& layer = r.layers[static_cast<size_t>(l)];
  const QLocale& loc = plot()->locale();
  QString tip = tr("mean P(next) %1 ± %2\nmedian rank %3")
                    .arg(loc.toString(layer.meanNextProb, 'g', 4), loc.toString(layer.seNextProb, 'g', 3),
                         loc.toString(layer.medianNextRank, 'g', 6));
  const LogitLensResults* o = other();
  if (o && l < static_cast<int>(o->layers.size())) {
    const LogitLensLayer& c = o->layers[static_cast<size_t>(l)];
    tip += tr("\n%1: mean P(next) %2 ± %3, median rank %4")
               .arg(Labels::controlName(results().get()), loc.toString(c.meanNextProb, 'g', 4),
                    loc.toString(c.seNextProb, 'g', 3), loc.toString(c.medianNextRank, 'g', 6));
  }
  return tip;
}

// The control's columns (control_*, as the laminar profile names them) when the run has one,
// NaN in layers it has not reached yet.
void LogitLensProfileView::writeCsv(QTextStream& out) const {
  const bool withControl = results() && results()->control && results()->control->get<LogitLensResults>();
  out << "layer,mean_next_prob,se_next_prob,median_next_rank";
  if (withControl) out << ",control_mean_next_prob,control_se_next_prob,control_median_next_rank";
  out << '\n';
  if (!hasData()) return;
  const LogitLensResults* o = other();
  for (const LogitLensLayer& l : lens().layers) {
    out << l.layer << ',' << csv::number(l.meanNextProb) << ',' << csv::number(l.seNextProb) << ','
        << csv::number(l.medianNextRank);
    if (withControl) {
      const bool done = o && l.layer < static_cast<int>(o->layers.size());
      const LogitLensLayer* c = done ? &o->layers[static_cast<size_t>(l.layer)] : nullptr;
      const double nan = std::numeric_limits<double>::quiet_NaN();
      out << ',' << csv::number(c ? c->meanNextProb : nan) << ',' << csv::number(c ? c->seNextProb : nan) << ','
          << csv::number(c ? c->medianNextRank : nan);
    }
    out << '\n';
  }
}

}  // namespace laminar
