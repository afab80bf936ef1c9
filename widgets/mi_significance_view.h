#pragma once
// t (attention vs MLP MI) and Fisher Z (attention tau vs MLP tau) across layers: a two-row
// heatmap and the two profiles, with the significance mask of the chosen correction.
#include "analysis/mi_distance_results.h"
#include "widgets/figure_view.h"

class QComboBox;
class QLabel;

namespace laminar {

class MiSignificanceView : public FigureView {
  Q_OBJECT
 public:
  explicit MiSignificanceView(LayerCursor* cursor, QWidget* parent = nullptr);

  QString figureId() const override { return QStringLiteral("mi-significance"); }
  QString tabTitle() const override { return tr("t and Z"); }
  void saveState(QSettings& settings) const override;
  void restoreState(const QSettings& settings) override;
  QString title() const override;
  QString caption() const override;
  bool accepts(const RunResults& results) const override { return results.get<MiDistanceResults>() != nullptr; }
  void writeCsv(QTextStream& out) const override;
  QString toolTipAt(const QPointF& pixel) const override;
  QString layerSummary(int layer) const override;
  QStringList choiceKeys() const override { return {QStringLiteral("bonferroni"), QStringLiteral("fdr")}; }
  void selectChoice(int index) override { setCorrection(index); }

  int correction() const { return correction_; }  // 0 Bonferroni, 1 FDR
  void setCorrection(int correction);
  QCPColorMap* heatmap() const { return map_; }
  QCPGraph* profile(int row) const { return profiles_[row]; }  // 0 t, 1 Z
  // Issue 10: the paired t-test beside the original one, and diamonds on the layers whose
  // sign-flip permutation p stays significant after Benjamini-Hochberg (null without controls).
  QCPGraph* pairedProfile() const { return paired_; }
  QCPGraph* permutationMarkers() const { return permutationMarkers_; }
  // Layers significant under the chosen correction, per row; `available` false while FDR
  // still waits for the last layer.
  std::vector<bool> mask(int row, bool* available) const;
  std::vector<double> adjustedP(int row, bool* available) const;

 protected:
  void rebuild() override;
  void clearPlot() override;
  void retranslateControls() override;

 private:
  QCPAxisRect* mapRect_;
  QCPAxisRect* profileRect_;
  QCPColorScale* scale_;
  QCPLegend* legend_;
  QCPColorMap* map_ = nullptr;
  QCPGraph* profiles_[2] = {nullptr, nullptr};
  QCPGraph* markers_[2] = {nullptr, nullptr};
  QCPGraph* mapMarkers_ = nullptr;
  QCPGraph* paired_ = nullptr;
  QCPGraph* permutationMarkers_ = nullptr;
  double fillMap(QVector<double>& x, QVector<double> (&y)[2]);
  void drawProfileRow(int row, const QVector<double>& x, const QVector<double>& y, QVector<double>& mx,
                      QVector<double>& my);
  void drawControls(const QVector<double>& x, double& extent);
  QComboBox* correctionBox_;
  QLabel* correctionLabel_;
  int correction_ = 0;
};

}  // namespace laminar
