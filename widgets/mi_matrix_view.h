#pragma once
// The selected layer's pairwise MI between the target's occurrences, as two heatmaps
// (attention output, MLP output) on one colour scale.
#include "analysis/mi_distance_results.h"
#include "widgets/figure_view.h"

namespace laminar {

class MiMatrixView : public FigureView {
  Q_OBJECT
 public:
  explicit MiMatrixView(LayerCursor* cursor, QWidget* parent = nullptr);

  QString figureId() const override { return QStringLiteral("mi-matrices"); }
  QString tabTitle() const override { return tr("MI matrices"); }
  QString title() const override;
  QString caption() const override;
  bool accepts(const RunResults& results) const override { return results.get<MiDistanceResults>() != nullptr; }
  void writeCsv(QTextStream& out) const override;
  QString toolTipAt(const QPointF& pixel) const override;
  QString layerSummary(int layer) const override;

  QCPColorMap* map(int site) const { return maps_[site]; }
  QCPColorScale* colorScale() const { return scale_; }
  int occurrences() const;
  int shownLayer() const;

 protected:
  void rebuild() override;
  void clearPlot() override;
  void updateLayer() override;

 private:
  QCPAxisRect* rects_[kSites];
  QCPTextElement* headings_[kSites];
  QCPColorMap* maps_[kSites] = {nullptr, nullptr};
  QCPColorScale* scale_;
};

}  // namespace laminar
