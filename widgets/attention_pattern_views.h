#pragma once
// The attention-pattern analysis's two views: every head's token-by-token attention map at
// the cursor's layer (click a head to enlarge it, click again for the grid), and, across
// layers, how much attention the target token pays to each token (mean over heads).
#include "analysis/attention_pattern_results.h"
#include "widgets/figure_view.h"

namespace laminar {

class AttentionHeadsView : public FigureView {
  Q_OBJECT
 public:
  explicit AttentionHeadsView(LayerCursor* cursor, QWidget* parent = nullptr);

  QString figureId() const override { return QStringLiteral("attention-heads"); }
  QString tabTitle() const override { return tr("Attention heads"); }
  QString title() const override;
  QString caption() const override;
  bool accepts(const RunResults& results) const override { return results.get<AttentionPatternResults>() != nullptr; }
  void writeCsv(QTextStream& out) const override;
  QString toolTipAt(const QPointF& pixel) const override;
  QString layerSummary(int layer) const override;
  bool clickAt(const QPointF& pixel) override;
  int enlargedHead() const { return enlarged_; }  // -1: the grid of every head
  void setEnlargedHead(int head);
  int shownLayer() const;
  const std::vector<QCPColorMap*>& maps() const { return maps_; }

 protected:
  void rebuild() override;
  void clearPlot() override;
  void updateLayer() override;

 private:
  const AttentionPatternResults& patterns() const { return *drawnResults()->get<AttentionPatternResults>(); }
  int headAt(const QPointF& pixel, int64_t* query, int64_t* key) const;
  QCPLayoutGrid* grid_ = nullptr;
  QCPColorScale* scale_;
  std::vector<QCPAxisRect*> rects_;
  std::vector<QCPColorMap*> maps_;
  std::vector<int> heads_;  // head shown in rects_[i]
  int enlarged_ = -1;
};

class AttentionTargetView : public FigureView {
  Q_OBJECT
 public:
  explicit AttentionTargetView(LayerCursor* cursor, QWidget* parent = nullptr);

  QString figureId() const override { return QStringLiteral("attention-target"); }
  QString tabTitle() const override { return tr("Target's attention"); }
  QString title() const override;
  QString caption() const override;
  bool accepts(const RunResults& results) const override { return results.get<AttentionPatternResults>() != nullptr; }
  void writeCsv(QTextStream& out) const override;
  QString toolTipAt(const QPointF& pixel) const override;
  QString layerSummary(int layer) const override;
  QCPColorMap* map() const { return map_; }

 protected:
  void rebuild() override;
  void clearPlot() override;

 private:
  const AttentionPatternResults& patterns() const { return *drawnResults()->get<AttentionPatternResults>(); }
  QCPAxisRect* rect_;
  QCPColorScale* scale_;
  QCPColorMap* map_ = nullptr;
};

}  // namespace laminar
