#pragma once
// Laminar profile: a per-layer statistic against layer, several series at once, error
// bands where defined, significance markers from the chosen correction. Layers fill in as
// they finish (the layer axis always spans the whole model).
#include "analysis/similarity_results.h"
#include "analysis/mi_distance_results.h"
#include "widgets/figure_view.h"

#include <functional>

class QCheckBox;
class QComboBox;
class QLabel;

namespace laminar {

class LaminarProfileView : public FigureView {
  Q_OBJECT
 public:
  // Statistics offered, by experiment.
  // SiteDifference (issue 10): mean attention - MLP compared MI with its sign-flip null.
  enum class Statistic { Variance, Mean, MeanAbs, MeanMi, Tau, TStatistic, FisherZ, SiteDifference };
  enum class Correction { Bonferroni = 0, Fdr = 1 };

  explicit LaminarProfileView(LayerCursor* cursor, QWidget* parent = nullptr);

  QString figureId() const override { return QStringLiteral("laminar-profile"); }
  QString tabTitle() const override { return tr("Laminar profile"); }
  void saveState(QSettings& settings) const override;
  void restoreState(const QSettings& settings) override;
  QString title() const override;
  QString caption() const override;
  bool accepts(const RunResults& results) const override;
  void writeCsv(QTextStream& out) const override;
  QString toolTipAt(const QPointF& pixel) const override;
  QString layerSummary(int layer) const override;
  QStringList choiceKeys() const override;  // one per available statistic
  void selectChoice(int index) override;

  Statistic statistic() const { return statistic_; }
  void setStatistic(Statistic statistic);
  Correction correction() const { return correction_; }
  void setCorrection(Correction correction);
  // Issue 14 item 7: with a compared run or an untrained control, draw the run minus it, one
  // line per series around zero, instead of both. Off when there is nothing to compare with.
  bool differenceShown() const;
  void setDifferenceShown(bool on);
  QList<Statistic> availableStatistics() const;
  static QString statisticName(Statistic statistic);
  static QString statisticKey(Statistic statistic);  // English, for file names
  QCPAxisRect* axisRect() const { return rect_; }
  // The plotted series (band edges and markers excluded), for tests and tooltips.
  QList<QCPGraph*> series() const { return series_; }
  QCPGraph* significanceMarkers() const { return markers_; }
  // The untrained control's series (empty without one; --control untrained), for tests; not the
  // floor and permutation-null graphs of controlGraphs().
  QList<QCPGraph*> controlSeries() const { return controlSeries_; }
  // The controls of issue 10, for tests: floor series and permutation-null band edges
  // (2.5-97.5% of the null, from core; lower then upper per band), in drawing order, and the
  // layers a permutation test finds significant after Benjamini-Hochberg.
  QList<QCPGraph*> controlGraphs() const { return bands_; }
  // One marker series per tested statistic: the site difference has one, tau one per site.
  QList<QCPGraph*> permutationMarkers() const { return permutationMarkers_; }

 protected:
  void rebuild() override;
  void clearPlot() override;
  void retranslateControls() override;

 private:
  struct Column {
    QString name;  // CSV header
    std::vector<double> values;  // per finished layer
  };
  QString captionWithoutControl() const;
  std::vector<Column> columns(Statistic statistic) const;  // the numbers behind a statistic
  static std::vector<Column> similarityColumns(const SimilarityResults& sim, Statistic statistic,
                                               const QString& prefix);
  // The untrained control's lines of a statistic (empty without a control), CSV keys control_*.
  std::vector<Column> controlColumns(Statistic statistic) const;
  using Grow = std::function<void(const QVector<double>&)>;  // widens the y range to cover a series
  void addControlSeries(const QVector<double>& x, const Grow& grow);
  void addControlLegend();  // one legend entry per group for experiment 1's six control lines
  // The difference view: run minus control for every series of `cols` (columns(statistic_)).
  void drawDifference(const std::vector<Column>& cols, const QVector<double>& x, const Grow& grow);
  // The run's own series of the statistic shown, by experiment; `cols` is columns(statistic_).
  void drawSimilarity(const std::vector<Column>& cols, const QVector<double>& x, const Grow& grow);
  void drawMiSites(const std::vector<Column>& cols, const QVector<double>& x, const Grow& grow);
  void addErrorBand(const QVector<double>& x, const QVector<double>& y, const std::vector<double>& se,
                    const QColor& color, const Grow& grow);
  void drawTestStatistic(const std::vector<Column>& cols, const QVector<double>& x, const Grow& grow);
  double addSignificanceStars(const std::vector<bool>& mask, double top, double pad);
  double stackPermutationMarkers(double top, double pad);
  std::vector<bool> significanceMask(Statistic statistic, Correction correction, bool* available) const;
  // Mean MI is drawn above the estimator floor when the run compared MI above the floor (the
  // default since issue 10), so the curves show the quantity the stars were tested on.
  bool meanMiAboveFloor() const;
  QCPGraph* addSeries(const QString& name, const QColor& color, Qt::PenStyle style, const QVector<double>& x,
                      const QVector<double>& y);
  // A filled band between lo and hi (one legend entry), and markers at the layers in `mask`.
  void addNullBand(const QString& name, const QColor& color, const QVector<double>& x, const QVector<double>& lo,
                   const QVector<double>& hi);
  void addPermutationMarkers(const QString& name, const QColor& color, const std::vector<bool>& mask,
                             const QVector<double>& y);
  // `cols`: columns(statistic_), as rebuild() already computed them.
  void drawControls(const std::vector<Column>& cols, const QVector<double>& x, const Grow& grow);

  QCPAxisRect* rect_;
  QCPLegend* legend_;
  QComboBox* statisticBox_;
  QComboBox* correctionBox_;
  QLabel* statisticLabel_;
  QLabel* correctionLabel_;
  QCheckBox* differenceBox_;
  bool difference_ = false;  // asked for; shown only while there is something to compare with
  Statistic statistic_ = Statistic::Variance;
  Correction correction_ = Correction::Bonferroni;
  QList<QCPGraph*> series_;
  QList<QCPGraph*> controlSeries_;
  QCPGraph* markers_ = nullptr;
  QList<QCPGraph*> bands_;
  QList<QCPGraph*> permutationMarkers_;
};

}  // namespace laminar
