#pragma once
// The logit lens's two views: what the chosen text's chosen position predicts at each layer
// (the top tokens with their probabilities, filling in layer by layer), and, across every
// text of the set, how probable the token that actually follows the target is at each layer.
#include "analysis/logit_lens_results.h"
#include "widgets/figure_view.h"

namespace laminar {

class LogitLensTopView : public FigureView {
  Q_OBJECT
 public:
  explicit LogitLensTopView(LayerCursor* cursor, QWidget* parent = nullptr);

  QString figureId() const override { return QStringLiteral("logit-lens-top"); }
  QString tabTitle() const override { return tr("Top tokens"); }
  QString title() const override;
  QString caption() const override;
  bool accepts(const RunResults& results) const override { return results.get<LogitLensResults>() != nullptr; }
  void writeCsv(QTextStream& out) const override;
  QString toolTipAt(const QPointF& pixel) const override;
  QString layerSummary(int layer) const override;
  QCPColorMap* map() const { return map_; }
  const std::vector<QCPItemText*>& tokenLabels() const { return labels_; }  // in layer, then rank order

 protected:
  void rebuild() override;
  void clearPlot() override;

 private:
  const LogitLensResults& lens() const { return *drawnResults()->get<LogitLensResults>(); }
  QCPAxisRect* rect_;
  QCPColorScale* scale_;
  QCPColorMap* map_ = nullptr;
  std::vector<QCPItemText*> labels_;  // one token per cell
};

class LogitLensProfileView : public FigureView {
  Q_OBJECT
 public:
  explicit LogitLensProfileView(LayerCursor* cursor, QWidget* parent = nullptr);

  QString figureId() const override { return QStringLiteral("logit-lens-profile"); }
  QString tabTitle() const override { return tr("Next-token profile"); }
  QString title() const override;
  QString caption() const override;
  bool accepts(const RunResults& results) const override { return results.get<LogitLensResults>() != nullptr; }
  void writeCsv(QTextStream& out) const override;
  QString toolTipAt(const QPointF& pixel) const override;
  QString layerSummary(int layer) const override;
  QCPGraph* probabilityGraph() const { return prob_; }
  QCPGraph* rankGraph() const { return rank_; }
  QCPGraph* controlProbabilityGraph() const { return otherProb_; }
  QCPGraph* controlRankGraph() const { return otherRank_; }

 protected:
  void rebuild() override;
  void clearPlot() override;

 private:
  const LogitLensResults& lens() const { return *results()->get<LogitLensResults>(); }
  // The untrained control's (or compared run's) results, when it has a layer done.
  const LogitLensResults* other() const;
  int layerAt(const QCPAxisRect* rect, const QPointF& pixel) const;
  QCPGraph* addGraph(QCPAxisRect* rect, const QString& name, const QPen& pen, const QCPScatterStyle& scatter);
  QCPAxisRect* probRect_;
  QCPAxisRect* rankRect_;
  QCPLegend* legend_;
  QCPGraph* prob_ = nullptr;
  QCPErrorBars* probError_ = nullptr;
  QCPGraph* rank_ = nullptr;
  QCPGraph* otherProb_ = nullptr;  // the control's lines (null without one)
  QCPGraph* otherRank_ = nullptr;
};

}  // namespace laminar
