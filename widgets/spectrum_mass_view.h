#pragma once
// Spectrum summary (issue 10): per layer, the share of one block's cosine similarities that
// are large (|cos| > 0.8) or small (|cos| < 0.2), for the target and the non-target token,
// each with its bootstrap interval over sentences as a band; the untrained control's masses
// beside them when the run has one. Core computes every number (analysis/spectrum_summary.h).
#include "analysis/similarity_results.h"
#include "widgets/figure_view.h"

class QComboBox;
class QLabel;

namespace laminar {

class SpectrumMassView : public FigureView {
  Q_OBJECT
 public:
  explicit SpectrumMassView(LayerCursor* cursor, QWidget* parent = nullptr);

  QString figureId() const override { return QStringLiteral("spectrum-mass"); }
  QString tabTitle() const override { return tr("Spectrum masses"); }
  void saveState(QSettings& settings) const override;
  void restoreState(const QSettings& settings) override;
  QString title() const override;
  QString caption() const override;
  bool accepts(const RunResults& results) const override { return results.get<SimilarityResults>() != nullptr; }
  void writeCsv(QTextStream& out) const override;
  QString toolTipAt(const QPointF& pixel) const override;
  QString layerSummary(int layer) const override;
  QStringList choiceKeys() const override;  // "high-QQ" ... "low-KV"
  void selectChoice(int index) override;

  void setSelection(int mass, int block);  // mass: 0 = |cos| > high, 1 = |cos| < low
  int mass() const { return mass_; }
  int block() const { return block_; }
  QList<QCPGraph*> series() const { return series_; }           // run: target, non-target
  QList<QCPGraph*> controlSeries() const { return controlSeries_; }  // control: target, non-target

 protected:
  void rebuild() override;
  void clearPlot() override;
  void retranslateControls() override;

 private:
  // Masses of the selected block and kind per finished layer of `results`, [group][layer].
  static std::vector<std::vector<SpectrumMass>> massesOf(const RunResults& results, int mass, int block);
  void addSeriesWithBand(const RunResults& results, bool control, double& bottom, double& top);

  QCPAxisRect* rect_;
  QCPLegend* legend_;
  QComboBox* massBox_;
  QComboBox* blockBox_;
  QLabel* massLabel_;
  QLabel* blockLabel_;
  QList<QCPGraph*> series_, controlSeries_;
  int mass_ = 0, block_ = 0;
};

}  // namespace laminar
