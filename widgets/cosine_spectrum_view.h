#pragma once
// Cosine spectrum: layer x similarity colour map of the stacked per-layer histograms of one
// block (QQ ... KV), group and measure; linear or log colour scale with a colour bar.
// Beside it, the selected layer's histograms of all six blocks overlaid.
#include "analysis/similarity_results.h"
#include "widgets/figure_view.h"

class QCheckBox;
class QComboBox;
class QLabel;

namespace laminar {

class CosineSpectrumView : public FigureView {
  Q_OBJECT
 public:
  explicit CosineSpectrumView(LayerCursor* cursor, QWidget* parent = nullptr);

  QString figureId() const override { return QStringLiteral("cosine-spectrum"); }
  QString tabTitle() const override { return tr("Cosine spectrum"); }
  void saveState(QSettings& settings) const override;
  void restoreState(const QSettings& settings) override;
  QString title() const override;
  QString caption() const override;
  bool accepts(const RunResults& results) const override { return results.get<SimilarityResults>() != nullptr; }
  void writeCsv(QTextStream& out) const override;
  QString toolTipAt(const QPointF& pixel) const override;
  QString layerSummary(int layer) const override;
  QStringList choiceKeys() const override;  // "target-cosine-QK": every group, measure, block
  void selectChoice(int index) override;

  void setSelection(int group, int measure, int block);
  void setLogScale(bool log);
  int group() const { return group_; }
  int measure() const { return measure_; }
  int block() const { return block_; }
  bool logScale() const { return log_; }
  QCPColorMap* colorMap() const { return map_; }
  QCPColorScale* colorScale() const { return scale_; }
  QList<QCPGraph*> histograms() const { return histograms_; }  // one per block, selected layer

 protected:
  void rebuild() override;
  void clearPlot() override;
  void updateLayer() override;
  void retranslateControls() override;

 private:
  const std::vector<double>& spectrum(int layer, int block) const;

  QCPAxisRect* mapRect_;
  QCPAxisRect* histRect_;
  QCPColorMap* map_ = nullptr;
  QCPColorScale* scale_;
  QCPLegend* legend_;
  QList<QCPGraph*> histograms_;
  QComboBox* groupBox_;
  QComboBox* measureBox_;
  QComboBox* blockBox_;
  QCheckBox* logBox_;
  QLabel* groupLabel_;
  QLabel* measureLabel_;
  QLabel* blockLabel_;
  int group_ = 0, measure_ = 0, block_ = 0;
  bool log_ = false;
};

}  // namespace laminar
