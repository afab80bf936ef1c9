#include "widgets/attention_pattern_views.h"

#include <QTextStream>

#include <algorithm>
#include <cmath>

#include "widgets/csv.h"
#include "widgets/layer_cursor.h"
#include "widgets/map_with_scale.h"
#include "widgets/plot_style.h"
#include "widgets/result_labels.h"

namespace laminar {

namespace {

// Token labels on an axis: "3 ␣cat" (position, token).
QSharedPointer<QCPAxisTickerText> tokenTicker(const AttentionPatternResults& r, int every) {
  QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
  for (int64_t p = 0; p < r.length(); p += every) ticker->addTick(static_cast<double>(p), Labels::token(r.tokens[static_cast<size_t>(p)]));
  return ticker;
}

// The target as the reader typed it ("chữ"): its last token alone may be a byte of a split
// character (<0xAF>). The token's label where the settings hold no word.
QString targetWord(const AttentionPatternResults& r) {
  if (!r.settings.target.empty()) return QString::fromStdString(r.settings.target);
  return Labels::token(r.tokens[static_cast<size_t>(r.targetPosition)]);
}

}  // namespace

// ---------------------------------------------------------------- heads of one layer

AttentionHeadsView::AttentionHeadsView(LayerCursor* cursor, QWidget* parent) : FigureView(cursor, parent) {
  scale_ = new QCPColorScale(plot());
  scale_->setType(QCPAxis::atRight);
  scale_->setGradient(plotstyle::sequentialGradient());
  scale_->setDataRange(QCPRange(0, 1));
  grid_ = new QCPLayoutGrid;
  body()->addElement(0, 0, grid_);
  body()->addElement(0, 1, scale_);
  body()->setColumnStretchFactor(1, 0.03);
  offerControlToggle();
  refresh();
}

int AttentionHeadsView::shownLayer() const {
  return std::min(cursor() ? cursor()->layer() : 0, std::max(0, layersDone() - 1));
}

void AttentionHeadsView::setEnlargedHead(int head) {
  enlarged_ = head;
  refresh();
}

QString AttentionHeadsView::title() const {
  if (!hasData()) return {};
  const QString which = enlarged_ >= 0 ? tr("head %1").arg(enlarged_ + 1) : tr("all %n head(s)", nullptr, patterns().nHead);
  return tr("Attention patterns — %1, text %2, %3").arg(Labels::layer(shownLayer()), QString::number(patterns().text + 1), which) +
         controlTitleSuffix();
}

QString AttentionHeadsView::caption() const {
  return tr("Each square is one attention head at the selected layer: row = the token that attends (query), column "
            "= the token attended to (key), colour = the attention weight (each row sums to 1; GPT-2 cannot look "
            "ahead, so the upper triangle is empty). Click a head to enlarge it, click again for all heads. Many "
            "heads put most weight on the first token: a resting place, not a meaning.") +
         controlCaptionNote();
}

void AttentionHeadsView::clearPlot() {
  plot()->clearPlottables();
  grid_->clear();
  rects_.clear();
  maps_.clear();
  heads_.clear();
  scale_->axis()->setLabel(tr("Attention weight"));
  scale_->setVisible(false);  // with no head beside it, it was squeezed over the title (no results yet)
}

void AttentionHeadsView::rebuild() {
  clearPlot();
  const AttentionPatternResults& r = patterns();
  if (enlarged_ >= r.nHead) enlarged_ = -1;
  if (enlarged_ >= 0) heads_ = {enlarged_};
  else
    for (int h = 0; h < r.nHead; ++h) heads_.push_back(h);
  const int columns = static_cast<int>(std::ceil(std::sqrt(static_cast<double>(heads_.size()))));
  const int64_t t = r.length();
  const bool single = heads_.size() == 1;
  for (size_t i = 0; i < heads_.size(); ++i) {
    auto* rect = new QCPAxisRect(plot());
    grid_->addElement(static_cast<int>(i) / columns, static_cast<int>(i) % columns, rect);
    rect->setupFullAxesBox(false);
    for (QCPAxis* axis : rect->axes()) {
      axis->setTickLabels(single && (axis->axisType() == QCPAxis::atLeft || axis->axisType() == QCPAxis::atBottom));
      axis->setTicks(single);
    }
    rect->axis(QCPAxis::atLeft)->setRangeReversed(true);
    rect->axis(QCPAxis::atLeft)->setRange(-0.5, static_cast<double>(t) - 0.5);
    rect->axis(QCPAxis::atBottom)->setRange(-0.5, static_cast<double>(t) - 0.5);
    if (single) {
      const int every = std::max<int>(1, static_cast<int>(t / 24) + 1);
      rect->axis(QCPAxis::atLeft)->setTicker(tokenTicker(r, every));
      rect->axis(QCPAxis::atBottom)->setTicker(tokenTicker(r, every));
      rect->axis(QCPAxis::atBottom)->setTickLabelRotation(-60);
    } else {
      rect->axis(QCPAxis::atTop)->setLabel(tr("head %1").arg(heads_[i] + 1));
      rect->axis(QCPAxis::atTop)->setLabelPadding(1);
      rect->setAutoMargins(QCP::msTop);
      rect->setMargins(QMargins(2, 0, 2, 2));
    }
    auto* map = new QCPColorMap(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    map->setColorScale(scale_);
    map->setInterpolate(false);
    map->data()->setSize(static_cast<int>(t), static_cast<int>(t));
    map->data()->setRange(QCPRange(0, static_cast<double>(t - 1)), QCPRange(0, static_cast<double>(t - 1)));
    rects_.push_back(rect);
    maps_.push_back(map);
  }
  scale_->setVisible(!heads_.empty());
}

void AttentionHeadsView::updateLayer() {
  if (maps_.empty()) return;
  const AttentionPatternResults& r = patterns();
  const AttentionPatternLayer& layer = r.layers[static_cast<size_t>(shownLayer())];
  const int64_t t = r.length();
  for (size_t i = 0; i < maps_.size(); ++i)
    for (int64_t q = 0; q < t; ++q)
      for (int64_t k = 0; k < t; ++k)
        maps_[i]->data()->setCell(static_cast<int>(k), static_cast<int>(q),
                                  k > q ? std::nan("") : static_cast<double>(r.weight(layer, heads_[i], q, k)));
  scale_->setDataRange(QCPRange(0, 1));
}

int AttentionHeadsView::headAt(const QPointF& pixel, int64_t* query, int64_t* key) const {
  for (size_t i = 0; i < rects_.size(); ++i) {
    if (!rects_[i]->rect().contains(pixel.toPoint())) continue;
    if (query) *query = std::lround(rects_[i]->axis(QCPAxis::atLeft)->pixelToCoord(pixel.y()));
    if (key) *key = std::lround(rects_[i]->axis(QCPAxis::atBottom)->pixelToCoord(pixel.x()));
    return heads_[i];
  }
  return -1;
}

bool AttentionHeadsView::clickAt(const QPointF& pixel) {
  const int head = headAt(pixel, nullptr, nullptr);
  if (head < 0) return false;
  setEnlargedHead(enlarged_ >= 0 ? -1 : head);
  return true;
}

QString AttentionHeadsView::toolTipAt(const QPointF& pixel) const {
  if (!hasData()) return {};
  int64_t q = -1, k = -1;
  const int head = headAt(pixel, &q, &k);
  const AttentionPatternResults& r = patterns();
  if (head < 0 || q < 0 || k < 0 || q >= r.length() || k >= r.length()) return {};
  const AttentionPatternLayer& layer = r.layers[static_cast<size_t>(shownLayer())];
  return tr("head %1\n“%2” (position %3) attends to\n“%4” (position %5)\nweight %6")
      .arg(head + 1)
      .arg(Labels::token(r.tokens[static_cast<size_t>(q)]))
      .arg(q)
      .arg(Labels::token(r.tokens[static_cast<size_t>(k)]))
      .arg(k)
      .arg(plot()->locale().toString(k > q ? 0.0 : static_cast<double>(r.weight(layer, head, q, k)), 'g', 4));
}

// Where the target's row of each shown head puts most weight at the layer: what a screen
// reader says of the maps (the row the "Target's attention" view averages over heads).
QString AttentionHeadsView::layerSummary(int l) const {
  if (!hasData()) return {};
  const AttentionPatternResults& r = patterns();
  if (l < 0 || l >= static_cast<int>(r.layers.size()) || r.targetPosition >= r.length()) return {};
  const AttentionPatternLayer& layer = r.layers[static_cast<size_t>(l)];
  QStringList lines{tr("Where the target “%1” attends most:").arg(targetWord(r))};
  for (const int head : heads_) {
    int64_t top = 0;
    for (int64_t k = 1; k <= r.targetPosition; ++k)
      if (r.weight(layer, head, r.targetPosition, k) > r.weight(layer, head, r.targetPosition, top)) top = k;
    lines << tr("head %1: %2").arg(head + 1).arg(Labels::spokenTokenValue(r.tokens[static_cast<size_t>(top)],
                                                                         r.weight(layer, head, r.targetPosition, top),
                                                                         plot()->locale()));
  }
  return lines.join(QLatin1Char('\n'));
}

void AttentionHeadsView::writeCsv(QTextStream& out) const {
  out << "layer,head,query_position,key_position,query_token,key_token,weight\n";
  if (!hasData()) return;
  const AttentionPatternResults& r = patterns();
  const AttentionPatternLayer& layer = r.layers[static_cast<size_t>(shownLayer())];
  for (int h = 0; h < r.nHead; ++h)
    for (int64_t q = 0; q < r.length(); ++q)
      for (int64_t k = 0; k <= q; ++k)
        out << layer.layer << ',' << h << ',' << q << ',' << k << ','
            << csv::text(QString::fromStdString(r.tokens[static_cast<size_t>(q)])) << ','
            << csv::text(QString::fromStdString(r.tokens[static_cast<size_t>(k)])) << ','
            << csv::number(r.weight(layer, h, q, k)) << '\n';
}

// ---------------------------------------------------------------- the target's attention

AttentionTargetView::AttentionTargetView(LayerCursor* cursor, QWidget* parent) : FigureView(cursor, parent) {
  const MapWithScale map = addMapWithScale(plot(), body(), plotstyle::sequentialGradient(), QCPRange(0, 1));
  rect_ = map.rect;  // tokens down, layers across
  scale_ = map.scale;
  addLayerAxis(rect_->axis(QCPAxis::atBottom));
  offerControlToggle();
  refresh();
}

QString AttentionTargetView::title() const {
  if (!hasData()) return {};
  const AttentionPatternResults& r = patterns();
  return tr("Where the target “%1” looks — text %2, mean over heads")
      .arg(targetWord(r))
      .arg(r.text + 1) +
         controlTitleSuffix();
}

QString AttentionTargetView::caption() const {
  return tr("Columns are layers, rows the tokens of the text up to the target word: colour is the attention the "
            "target token pays to each of them, averaged over the heads (each column sums to 1). Watch which earlier "
            "words the target gathers information from as depth grows.") +
         controlCaptionNote();
}

void AttentionTargetView::clearPlot() {
  plot()->clearPlottables();
  map_ = nullptr;
  rect_->axis(QCPAxis::atBottom)->setLabel(Labels::layerAxis());
  rect_->axis(QCPAxis::atLeft)->setLabel(tr("Token attended to"));
  scale_->axis()->setLabel(tr("Attention weight"));
}

void AttentionTargetView::rebuild() {
  clearPlot();
  const AttentionPatternResults& r = patterns();
  const int rows = static_cast<int>(r.targetPosition) + 1;  // later tokens get no weight (causal)
  map_ = new QCPColorMap(rect_->axis(QCPAxis::atBottom), rect_->axis(QCPAxis::atLeft));
  map_->setColorScale(scale_);
  map_->setInterpolate(false);
  map_->data()->setSize(std::max(1, r.nLayer), rows);
  map_->data()->setRange(QCPRange(1, std::max(1, r.nLayer)), QCPRange(0, rows - 1));
  for (int l = 0; l < r.nLayer; ++l)
    for (int k = 0; k < rows; ++k) map_->data()->setCell(l, k, std::nan(""));
  for (const AttentionPatternLayer& l : r.layers)
    for (int k = 0; k < rows; ++k) map_->data()->setCell(l.layer, k, l.targetMass[static_cast<size_t>(k)]);
  rect_->axis(QCPAxis::atLeft)->setRange(-0.5, rows - 0.5);
  rect_->axis(QCPAxis::atLeft)->setTicker(tokenTicker(r, std::max(1, rows / 30 + 1)));
  scale_->setDataRange(QCPRange(0, 1));
}

// The tokens the target attends to most at the layer, largest first: a digest a screen
// reader can say (every weight is in the tooltip and the CSV).
QString AttentionTargetView::layerSummary(int l) const {
  const AttentionPatternResults& r = patterns();
  if (l < 0 || l >= static_cast<int>(r.layers.size())) return {};
  const std::vector<double>& mass = r.layers[static_cast<size_t>(l)].targetMass;
  std::vector<size_t> order(std::min(mass.size(), static_cast<size_t>(r.targetPosition + 1)));
  for (size_t k = 0; k < order.size(); ++k) order[k] = k;
  const size_t shown = std::min<size_t>(order.size(), 5);
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(shown), order.end(),
                    [&](size_t a, size_t b) { return mass[a] > mass[b]; });
  QStringList tokens;
  for (size_t i = 0; i < shown; ++i)
    tokens << Labels::spokenTokenValue(r.tokens[order[i]], mass[order[i]], plot()->locale());
  return tr("Most attended from the target: %1").arg(tokens.join(QStringLiteral(", ")));
}

QString AttentionTargetView::toolTipAt(const QPointF& pixel) const {
  if (!hasData() || !rect_->rect().contains(pixel.toPoint())) return {};
  const AttentionPatternResults& r = patterns();
  const int l = static_cast<int>(std::lround(rect_->axis(QCPAxis::atBottom)->pixelToCoord(pixel.x()))) - 1;
  const int64_t k = std::lround(rect_->axis(QCPAxis::atLeft)->pixelToCoord(pixel.y()));
  if (l < 0 || l >= static_cast<int>(r.layers.size()) || k < 0 || k > r.targetPosition) return {};
  return tr("%1\n“%2” (position %3)\nattention from the target %4")
      .arg(Labels::layer(l))
      .arg(Labels::token(r.tokens[static_cast<size_t>(k)]))
      .arg(k)
      .arg(plot()->locale().toString(r.layers[static_cast<size_t>(l)].targetMass[static_cast<size_t>(k)], 'g', 4));
}

void AttentionTargetView::writeCsv(QTextStream& out) const {
  out << "layer,key_position,token,target_mass\n";
  if (!hasData()) return;
  const AttentionPatternResults& r = patterns();
  for (const AttentionPatternLayer& l : r.layers)
    for (size_t k = 0; k < l.targetMass.size(); ++k)
      out << l.layer << ',' << k << ',' << csv::text(QString::fromStdString(r.tokens[k])) << ','
          << csv::number(l.targetMass[k]) << '\n';
}

}  // namespace laminar
