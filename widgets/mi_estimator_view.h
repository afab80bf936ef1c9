#pragma once
// The estimator comparison of experiment 2 (issue 10, item 4): histogram MI (horizontal)
// against KSG MI (vertical) for every pair at the selected layer, one colour per site, with
// the correlations core computed across the pairs (legend) and across layers (title line).
#include "analysis/mi_distance_results.h"
#include "widgets/figure_view.h"

namespace laminar {

class MiEstimatorView : public FigureView {
  Q_OBJECT
 public:
  explicit MiEstimatorView(LayerCursor* cursor, QWidget* parent = nullptr);

  QString figureId() const override { return QStringLiteral("mi-estimators"); }
  QString tabTitle() const override { return tr("Histogram vs KSG"); }
  QString title() const override;
  QString caption() const override;
  // Only runs that computed both estimators (compare-ksg on).
  bool accepts(const RunResults& results) const override;
  void writeCsv(QTextStream& out) const override;
  QString toolTipAt(const QPointF& pixel) const override;

  QCPGraph* points(int site) const { return points_[site]; }
  int shownLayer() const;

 protected:
  void rebuild() override;
  void clearPlot() override;
  void updateLayer() override;

 private:
  QCPAxisRect* rect_;
  QCPLegend* legend_;
  QCPGraph* points_[kSites] = {nullptr, nullptr};
  QCPGraph* diagonal_ = nullptr;
};

}  // namespace laminar
