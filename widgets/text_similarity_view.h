#pragma once
// Text-by-text view: the N x N cosine similarity of the texts' [q|k|v] vectors at the
// selected layer, for the target or the non-target group.
#include "analysis/similarity_results.h"
#include "widgets/figure_view.h"

class QComboBox;
class QLabel;

namespace laminar {

class TextSimilarityView : public FigureView {
  Q_OBJECT
 public:
  explicit TextSimilarityView(LayerCursor* cursor, QWidget* parent = nullptr);

  QString figureId() const override { return QStringLiteral("text-similarity"); }
  QString tabTitle() const override { return tr("Text by text"); }
  void saveState(QSettings& settings) const override;
  void restoreState(const QSettings& settings) override;
  QString title() const override;
  QString caption() const override;
  bool accepts(const RunResults& results) const override { return results.get<SimilarityResults>() != nullptr; }
  void writeCsv(QTextStream& out) const override;
  QString toolTipAt(const QPointF& pixel) const override;
  QString layerSummary(int layer) const override;
  QStringList choiceKeys() const override { return {QStringLiteral("target"), QStringLiteral("nontarget")}; }
  void selectChoice(int index) override { setGroup(index); }

  void setGroup(int group);
  int group() const { return group_; }
  QCPColorMap* map() const { return map_; }
  int shownLayer() const;

 protected:
  void rebuild() override;
  void clearPlot() override;
  void updateLayer() override;
  void retranslateControls() override;

 private:
  int rows() const;
  int textNumber(int row) const;
  QCPAxisRect* rect_;
  QCPColorScale* scale_;
  QCPColorMap* map_ = nullptr;
  QComboBox* groupBox_;
  QLabel* groupLabel_;
  int group_ = 0;
};

}  // namespace laminar
