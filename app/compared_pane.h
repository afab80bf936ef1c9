#pragma once
// The right half of the window while two runs are compared side by side (issue 14 item 7):
// the compared run in its own copy of every view, following the main window's layer cursor
// and current tab, each view linked to its twin on the left (same choices, same scales).
#include <QWidget>

#include "app/run_request.h"

class QLabel;
class QStackedWidget;

namespace laminar {

class FigureSet;
class FigureView;
class LayerCursor;
class LinkedViews;

class ComparedPane : public QWidget {
  Q_OBJECT
 public:
  ComparedPane(LayerCursor* cursor, QWidget* parent = nullptr);

  FigureSet* figures() const { return figures_; }
  const ResultsPtr& results() const { return results_; }
  // Shows `results` (null: nothing), read from folder `source`.
  void setResults(const ResultsPtr& results, const QString& source);
  // Shows the twin of `shown` (a view of the main window's set, same registry order) and
  // links the two; null unlinks.
  void follow(FigureView* shown, int index);
  FigureView* currentView() const;
  LinkedViews* links() const { return links_; }
  void retranslate();

 protected:
  void changeEvent(QEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;

 private:
  void updateHeading();  // one line, as high as the tab bar beside it: the folder elided to fit
  QLabel* heading_;
  QStackedWidget* stack_;
  FigureSet* figures_;
  LinkedViews* links_;
  ResultsPtr results_;
  QString source_;
};

}  // namespace laminar
