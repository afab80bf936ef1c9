#pragma once
#include <cmath>
// Base of every view: one QCustomPlot (so a figure exports as one vector drawing), a title
// inside the plot, a control row above and a caption below that says what is plotted and
// how to read it. Views follow the shared LayerCursor; clicking a layer axis moves it.
#include <QLocale>
#include <QString>
#include <QWidget>

#include <memory>
#include <vector>

#include <qcustomplot.h>

#include "analysis/run_results.h"

class QComboBox;
class QHBoxLayout;
class QLabel;
class QSettings;
class QTextStream;

namespace laminar {

class ControlToggle;
class LayerCursor;

class FigureView : public QWidget {
  Q_OBJECT
 public:
  explicit FigureView(LayerCursor* cursor, QWidget* parent = nullptr);
  ~FigureView() override;

  // A snapshot of the results (layers fill in as a run proceeds). Views ignore results of
  // the other experiment (accepts() == false) and show an empty state.
  void setResults(std::shared_ptr<const RunResults> results);
  const std::shared_ptr<const RunResults>& results() const { return results_; }
  // The results the figure draws: results(), or the run's control when the view offers
  // offerControlToggle() and it is ticked. Exports take their provenance from it.
  const RunResults* drawnResults() const;
  bool offersControlToggle() const { return controlToggle_ != nullptr; }
  bool hasData() const;  // results accepted and at least one layer done

  virtual QString figureId() const = 0;  // file-name stem, English, stable: "cosine-spectrum"
  virtual QString tabTitle() const = 0;  // translated, short: the view's tab
  virtual QString title() const = 0;     // translated, shown inside the figure
  virtual QString caption() const = 0;   // translated: what is plotted, how to read it
  // The analysis (core registry key) this view was registered for (view_registry.h).
  const QString& analysis() const { return analysis_; }
  void setAnalysis(const QString& analysis);
  // Results of that analysis; views that draw several analyses check the results' type.
  virtual bool accepts(const RunResults& results) const { return QString::fromStdString(results.experiment) == analysis_; }
  // The user's choices in the view (statistic, block, group...), kept across sessions; the
  // caller has opened the view's QSettings group.
  virtual void saveState(QSettings& /*settings*/) const {}
  virtual void restoreState(const QSettings& /*settings*/) {}
  // The data behind the figure as CSV, numbers in the C locale, layers 0-based as in files.
  virtual void writeCsv(QTextStream& out) const = 0;
  // Exact values under a pixel of the plot (empty when nothing is there).
  virtual QString toolTipAt(const QPointF& pixel) const;
  // What the view shows at `layer` (0-based) in words, what a screen reader hears after the
  // caption: a view over layers gives a line a series (its tooltip over that layer); a map of
  // one layer gives a digest (its strongest and weakest cells; every cell is in the CSV). Empty
  // where a view has none (a figure of one layer whose legend holds its numbers).
  virtual QString layerSummary(int /*layer*/) const { return {}; }
  // A click on the plot; true when the view used it (else a click on a layer axis moves the cursor).
  virtual bool clickAt(const QPointF& /*pixel*/) { return false; }
  // The figures a report should hold: every choice the view offers (choiceKeys: each profile
  // statistic, each spectrum block...), and with the control toggle and a control each choice
  // once more for the control ("QK-untrained-control"). English file-name suffixes, stable
  // across languages; one empty key: no choices. selectVariant(i) shows variant i, as if the
  // user had picked it.
  QStringList variantKeys() const;
  void selectVariant(int index);
  virtual QStringList choiceKeys() const { return {QString()}; }
  virtual void selectChoice(int /*index*/) {}

  QCustomPlot* plot() const { return plot_; }
  LayerCursor* cursor() const { return cursor_; }
  QLabel* captionLabel() const { return captionLabel_; }
  double presentationScale() const { return scale_; }
  // Type scale of everything the view draws: plot text, legends, caption and its control row
  // (presentation mode, big text, export presets).
  void setPresentationScale(double scale);
  // The layer cursor's line in per-layer plots: on screen, off in exports unless asked.
  bool layerCursorShown() const { return cursorShown_; }
  void setLayerCursorShown(bool shown);
  // Number formatting of tick labels: the user's locale on screen, C for exports.
  void setNumberLocale(const QLocale& locale);
  // The texts of the sentence file the results came from (index = the results' text index),
  // with their file lines, so per-text views can show a text's words on hover. Null when
  // that file is not at hand (moved, or changed since the run).
  struct SentenceTexts {
    std::vector<int> lines;
    std::vector<QString> texts;
  };
  void setSentenceTexts(std::shared_ptr<const SentenceTexts> texts) { sentences_ = std::move(texts); }
  // Lazy views rebuild only when shown (or exported): while a run streams layers in, only
  // the visible view spends GUI-thread time on them.
  void setLazy(bool lazy) { lazy_ = lazy; }
  bool lazy() const { return lazy_; }
  void ensureUpToDate();

 public slots:
  void refresh();  // rebuild everything from the results, then replot

 public:
  // Text fitted to a figure `width` pixels wide: the outer legends re-wrap to as many entries
  // a row as fit (at most the perRow they were made with), or fill down the columns where that
  // takes fewer rows, and the title breaks into lines,
  // so a journal column gets short rows instead of text cut at its edge. Exports call it
  // with the figure's width before drawing; 0 means the widget's own width.
  void fitTextTo(int width);
  // The least height the figure's layout (title, legends, axes with their labels) needs
  // as last fitted, before any room for the data inside the axes.
  int minimumLayoutHeight() const;

 protected:
  virtual void rebuild() = 0;  // fill plottables from results_ (hasData() is true)
  virtual void clearPlot() = 0;  // empty state
  virtual void updateLayer() {}  // the cursor moved: update per-layer parts
  virtual void retranslateControls() {}
  void changeEvent(QEvent* event) override;
  void showEvent(QShowEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;

  QHBoxLayout* controls() const { return controls_; }
  // A choice box for the control row: as wide as its longest item where the row has room,
  // narrower (its text cut, the list still whole) where it has not. Without it the row's
  // widest items set the window's least width, and at 1024 px the side panels were squeezed to
  // a sliver as soon as the laminar profile showed its "Difference from ..." box.
  QComboBox* choiceBox(const QString& objectName);
  // For a view that cannot overlay the run's control (a map, a histogram of one layer): a
  // "Show the untrained control" box under its control row swaps what it draws
  // (drawnResults(), layersDone()) to the control. Call after adding the view's own controls;
  // title() and caption() append controlTitleSuffix() and controlCaptionNote().
  void offerControlToggle();
  QString controlTitleSuffix() const;
  QString controlCaptionNote() const;
  QCPLayoutGrid* body() const { return body_; }  // where subclasses put axis rects
  // A view over layers' tooltip at `layer`: "Layer N" over layerSummary(layer); empty without one.
  QString layerToolTip(int layer) const;
  // A legend in cell (row, column) of body(), `perRow` entries a row: outside every axis
  // rect, so it never hides a layer's values.
  QCPLegend* addOuterLegend(int row, int column, int perRow);
  // A legend below the whole body, as wide as the plot (under a colour scale too).
  QCPLegend* addLegendBelow(int perRow);
  // Registers an x axis whose coordinates are 1-based layers: it gets a cursor line, a
  // fixed integer ticker, and clicks on its axis rect move the cursor.
  void addLayerAxis(QCPAxis* axis);
  void setLayerAxisRange(int nLayer);
  int nLayerOf() const;  // layers of the accepted results (0 if none)
  int layersDone() const;  // of drawnResults()
  void replotSoon();
  // For a tooltip: "\ntext N (line L): “its words…”", or "\ntext N" when the texts are not at hand.
  QString sentenceNote(int textIndex) const;
  // The same for the two texts of a pair (one note when both are the same text).
  QString pairNote(int textI, int textJ) const {
    return sentenceNote(textI) + (textI == textJ ? QString() : sentenceNote(textJ));
  }
  // For a scatter's tooltip: among `count` points (x(k), y(k)) in the coordinates of `rect`'s
  // bottom and left axes, the index of the one nearest `pixel` if it is closer than `best`
  // pixels (`best` then becomes its distance), else -1. Call once per series with the same
  // `best` to find the nearest point of all.
  template <typename X, typename Y>
  static int nearerPoint(QCPAxisRect* rect, const QPointF& pixel, size_t count, X x, Y y, double& best) {
    int found = -1;
    for (size_t k = 0; k < count; ++k) {
      const double d = std::hypot(rect->axis(QCPAxis::atBottom)->coordToPixel(x(k)) - pixel.x(),
                                  rect->axis(QCPAxis::atLeft)->coordToPixel(y(k)) - pixel.y());
      if (d < best) {
        best = d;
        found = static_cast<int>(k);
      }
    }
    return found;
  }

 private:
  void layOutAt(int width);  // the plot's layout at this width (and at least 400 px tall)
  void updateChrome();  // title, caption, cursor lines, accessible text
  void updateAccessibleText();  // the plot's name (title) and description (caption, layer, values)
  QStringList legendEntries() const;  // the names in the plot's visible legends, in order
  void updateControlRow();  // the control toggle, then the view's own controls
  void reserveCaptionLines();
  void onMousePress(QMouseEvent* event);
  void onMouseMove(QMouseEvent* event);

  LayerCursor* cursor_;
  std::shared_ptr<const RunResults> results_;
  std::shared_ptr<const SentenceTexts> sentences_;
  QString analysis_;
  QCustomPlot* plot_;
  QCPTextElement* title_;
  QCPLayoutGrid* body_;
  QLabel* captionLabel_;
  QHBoxLayout* controls_;
  ControlToggle* controlToggle_ = nullptr;  // offerControlToggle()
  struct LayerAxis {
    QCPAxis* axis;
    QCPItemStraightLine* line;
  };
  std::vector<LayerAxis> layerAxes_;
  struct OuterLegend {
    QCPLegend* legend;
    int perRow;  // the most entries a row, when the width allows
    int column;  // its column in body(): the other columns' widths are not its to use
  };
  std::vector<OuterLegend> legends_;
  int textWidth_ = 0;  // fitTextTo's width (0: the widget's)
  double scale_ = 1.0;
  bool cursorShown_ = true;
  bool lazy_ = false;
  bool stale_ = false;
};

}  // namespace laminar
