#pragma once
// A view that cannot draw a run and its control in one figure the way the profiles overlay
// grey lines (a map or histogram of one layer or one text) gets this check box from
// FigureView::offerControlToggle: "Show the untrained control" (or "the compared run",
// RunResults::control) swaps the whole figure, title, caption, tooltips and CSV to that run.
// Like the laminar profile's "Difference from ..." box it is hidden without a control and
// keeps its tick while the control has no layer to draw yet (its pass runs after the run's).
#include <QCheckBox>
#include <QString>
#include <QStringList>

#include "analysis/run_results.h"

namespace laminar {

class FigureView;

class ControlToggle : public QCheckBox {
  Q_OBJECT
 public:
  // Ticking it refreshes `view`, which places it (FigureView::offerControlToggle).
  explicit ControlToggle(FigureView* view);

  // Label, visibility and state for the view's results (FigureView::refresh calls it).
  void update(const FigureView& view);
  // What the view draws: its results' control when ticked and drawable, else its results.
  const RunResults* drawn(const FigureView& view) const;
  bool showsControl(const FigureView& view) const;
  // Title and caption additions while the control is drawn (empty otherwise).
  QString titleSuffix(const FigureView& view) const;
  QString captionNote(const FigureView& view) const;
  // Export variants: the run, and its control when it has one ("untrained-control" or
  // "compared-run"); select(i) shows variant i.
  QStringList variantKeys(const FigureView& view) const;
  void select(int index) { setChecked(index == 1); }

 private:
  static bool drawable(const FigureView& view);  // a control of the view's type with a layer done
};

}  // namespace laminar
