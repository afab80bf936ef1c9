#pragma once
// MI against token distance at the selected layer: one point per occurrence pair for the
// attention and the MLP output, each with its Theil-Sen line (the slope that goes with
// Kendall's tau) and tau, p in the legend.
#include "analysis/mi_distance_results.h"
#include "widgets/figure_view.h"

namespace laminar {

class MiDistanceView : public FigureView {
  Q_OBJECT
 public:
  explicit MiDistanceView(LayerCursor* cursor, QWidget* parent = nullptr);

  QString figureId() const override { return QStringLiteral("mi-vs-distance"); }
  QString tabTitle() const override { return tr("MI vs distance"); }
  QString title() const override;
  QString caption() const override;
  bool accepts(const RunResults& results) const override { return results.get<MiDistanceResults>() != nullptr; }
  void writeCsv(QTextStream& out) const override;
  QString toolTipAt(const QPointF& pixel) const override;

  QCPGraph* points(int site) const { return points_[site]; }
  QCPGraph* trend(int site) const { return trends_[site]; }
  int shownLayer() const;

 protected:
  void rebuild() override;
  void clearPlot() override;
  void updateLayer() override;

 private:
  QCPAxisRect* rect_;
  QCPLegend* legend_;
  QCPGraph* points_[kSites] = {nullptr, nullptr};
  QCPGraph* trends_[kSites] = {nullptr, nullptr};
};

}  // namespace laminar
