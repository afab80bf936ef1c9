#include "widgets/text_similarity_view.h"

#include <QSettings>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QTextStream>

#include <cmath>
#include <optional>
#include <utility>

#include "widgets/csv.h"
#include "widgets/layer_cursor.h"
#include "widgets/map_with_scale.h"
#include "widgets/plot_style.h"
#include "widgets/result_labels.h"

namespace laminar {

TextSimilarityView::TextSimilarityView(LayerCursor* cursor, QWidget* parent) : FigureView(cursor, parent) {
  const MapWithScale map = addMapWithScale(plot(), body(), plotstyle::divergingGradient(), QCPRange(-1, 1));
  rect_ = map.rect;  // text 1 on top, as in a matrix
  scale_ = map.scale;

  groupLabel_ = new QLabel(this);
  groupBox_ = choiceBox(QStringLiteral("group"));
  groupLabel_->setBuddy(groupBox_);
  controls()->addWidget(groupLabel_);
  controls()->addWidget(groupBox_);
  controls()->addStretch(1);
  connect(groupBox_, &QComboBox::activated, this, &TextSimilarityView::setGroup);
  offerControlToggle();
  refresh();
}

void TextSimilarityView::setGroup(int group) {
  group_ = std::clamp(group, 0, kGroups - 1);
  refresh();
}

void TextSimilarityView::retranslateControls() {
  groupLabel_->setText(tr("Group:"));
  groupBox_->clear();
  for (int g = 0; g < kGroups; ++g) groupBox_->addItem(Labels::group(g));
  groupBox_->setCurrentIndex(group_);
}

int TextSimilarityView::shownLayer() const {
  return std::min(cursor() ? cursor()->layer() : 0, std::max(0, layersDone() - 1));
}

int TextSimilarityView::rows() const {
  if (!hasData()) return 0;
  return drawnResults()->get<SimilarityResults>()->layers[static_cast<size_t>(shownLayer())].rows[static_cast<size_t>(group_)];
}

QString TextSimilarityView::title() const {
  return tr("Text-by-text cosine similarity — %1, %2").arg(Labels::group(group_), Labels::layer(shownLayer())) +
         controlTitleSuffix();
}

QString TextSimilarityView::caption() const {
  return tr("Cosine similarity between the texts' [Q | K | V] vectors at the chosen token, at the selected "
            "layer. Red cells: two texts give the token similar representations; blue: opposite; white: "
            "unrelated. A uniformly red map means the layer barely depends on context.") +
         controlCaptionNote();
}

void TextSimilarityView::clearPlot() {
  plot()->clearPlottables();
  map_ = nullptr;
  rect_->axis(QCPAxis::atBottom)->setLabel(Labels::textAxis());
  rect_->axis(QCPAxis::atLeft)->setLabel(Labels::textAxis());
  scale_->axis()->setLabel(Labels::measure(0));
}

void TextSimilarityView::rebuild() {
  clearPlot();
  map_ = new QCPColorMap(rect_->axis(QCPAxis::atBottom), rect_->axis(QCPAxis::atLeft));
  map_->setColorScale(scale_);
  map_->setInterpolate(false);
}

void TextSimilarityView::updateLayer() {
  if (!map_) return;
  const int n = rows();
  const auto& m = drawnResults()->get<SimilarityResults>()->layers[static_cast<size_t>(shownLayer())].textSimilarity[static_cast<size_t>(group_)];
  map_->data()->setSize(std::max(n, 1), std::max(n, 1));
  map_->data()->setRange(QCPRange(1, std::max(n, 1)), QCPRange(1, std::max(n, 1)));
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) {
      const size_t k = static_cast<size_t>(i) * static_cast<size_t>(n) + static_cast<size_t>(j);
      map_->data()->setCell(j, i, k < m.size() ? m[k] : std::nan(""));
    }
  rect_->axis(QCPAxis::atBottom)->setRange(0.5, n + 0.5);
  rect_->axis(QCPAxis::atLeft)->setRange(0.5, n + 0.5);
  scale_->setDataRange(QCPRange(-1, 1));
}

// The text (1-based, as on screen) behind row `row` of the drawn map.
int TextSimilarityView::textNumber(int row) const {
  const auto& idx = drawnResults()->get<SimilarityResults>()->textIndex[static_cast<size_t>(group_)];
  return row < static_cast<int>(idx.size()) ? idx[static_cast<size_t>(row)] + 1 : row + 1;
}

QString TextSimilarityView::toolTipAt(const QPointF& pixel) const {
  if (!hasData() || !rect_->rect().contains(pixel.toPoint())) return {};
  const int n = rows();
  const int j = static_cast<int>(std::lround(rect_->axis(QCPAxis::atBottom)->pixelToCoord(pixel.x()))) - 1;
  const int i = static_cast<int>(std::lround(rect_->axis(QCPAxis::atLeft)->pixelToCoord(pixel.y()))) - 1;
  if (i < 0 || j < 0 || i >= n || j >= n) return {};
  const auto& sim = *drawnResults()->get<SimilarityResults>();
  const auto& m = sim.layers[static_cast<size_t>(shownLayer())].textSimilarity[static_cast<size_t>(group_)];
  return tr("texts %1 and %2\ncosine %3")
             .arg(textNumber(i))
             .arg(textNumber(j))
             .arg(plot()->locale().toString(m[static_cast<size_t>(i) * static_cast<size_t>(n) + static_cast<size_t>(j)], 'g', 6)) +
         pairNote(textNumber(i) - 1, textNumber(j) - 1);
}

// The most and the least similar pair of texts at the layer (the map's reddest and bluest cell
// off the diagonal): what a screen reader says of the map.
QString TextSimilarityView::layerSummary(int l) const {
  if (!hasData() || l < 0 || l >= layersDone()) return {};
  const auto& sim = *drawnResults()->get<SimilarityResults>();
  const auto& layer = sim.layers[static_cast<size_t>(l)];
  const int n = layer.rows[static_cast<size_t>(group_)];
  const auto& m = layer.textSimilarity[static_cast<size_t>(group_)];
  if (m.size() != static_cast<size_t>(n) * static_cast<size_t>(n)) return {};
  std::optional<std::pair<int, int>> most, least;
  auto at = [&](const std::pair<int, int>& c) { return m[static_cast<size_t>(c.first) * static_cast<size_t>(n) + static_cast<size_t>(c.second)]; };
  for (int i = 0; i < n; ++i)
    for (int j = i + 1; j < n; ++j) {
      const std::pair<int, int> cell{i, j};
      if (!std::isfinite(at(cell))) continue;
      if (!most || at(cell) > at(*most)) most = cell;
      if (!least || at(cell) < at(*least)) least = cell;
    }
  if (!most) return {};
  const QLocale locale = plot()->locale();
  return tr("Most similar: texts %1 and %2, cosine %3; least similar: texts %4 and %5, cosine %6")
      .arg(textNumber(most->first))
      .arg(textNumber(most->second))
      .arg(locale.toString(at(*most), 'g', 4))
      .arg(textNumber(least->first))
      .arg(textNumber(least->second))
      .arg(locale.toString(at(*least), 'g', 4));
}

void TextSimilarityView::writeCsv(QTextStream& out) const {
  out << "layer,group,row_i,row_j,text_i,text_j,cosine\n";
  if (!hasData()) return;
  const auto& sim = *drawnResults()->get<SimilarityResults>();
  const int l = shownLayer();
  const int n = rows();
  const auto& m = sim.layers[static_cast<size_t>(l)].textSimilarity[static_cast<size_t>(group_)];
  const auto& idx = sim.textIndex[static_cast<size_t>(group_)];
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) {
      const size_t k = static_cast<size_t>(i) * static_cast<size_t>(n) + static_cast<size_t>(j);
      out << l << ',' << Labels::groupKey(group_) << ',' << i << ',' << j << ','
          << (i < static_cast<int>(idx.size()) ? idx[static_cast<size_t>(i)] : -1) << ','
          << (j < static_cast<int>(idx.size()) ? idx[static_cast<size_t>(j)] : -1) << ','
          << csv::number(k < m.size() ? m[k] : std::nan("")) << '\n';
    }
}

void TextSimilarityView::saveState(QSettings& s) const {
  s.setValue(QStringLiteral("textGroup"), group());
}

void TextSimilarityView::restoreState(const QSettings& s) {
  setGroup(s.value(QStringLiteral("textGroup"), 0).toInt());
}

}  // namespace laminar
