#pragma once
// Every view of the application, built once and shared by the main window and by the
// headless renderer (`laminar --render`), so both draw the same figures.
#include <QObject>

#include <memory>
#include <vector>

#include "app/run_request.h"
#include "widgets/figure_view.h"

class QWidget;

namespace laminar {

class LayerCursor;

class FigureSet : public QObject {
  Q_OBJECT
 public:
  // Views parented to `parent`, following `cursor` when one is given (the compared run's set
  // follows the main window's cursor), else a cursor of their own.
  explicit FigureSet(QWidget* parent = nullptr, LayerCursor* cursor = nullptr);

  LayerCursor* cursor() const { return cursor_; }
  const std::vector<FigureView*>& views() const { return views_; }
  // Views of these results' analysis that accept them (the others show their empty state).
  std::vector<FigureView*> viewsFor(const RunResults& results) const;
  // Views registered for an analysis (core registry key), in tab order.
  std::vector<FigureView*> viewsOf(const QString& analysis) const;
  void setResults(const ResultsPtr& results);
  const ResultsPtr& results() const { return results_; }
  void setPresentationScale(double scale);
  void setNumberLocale(const QLocale& locale);
  void setSentenceTexts(const std::shared_ptr<const FigureView::SentenceTexts>& texts);

 private:
  LayerCursor* cursor_;
  std::vector<FigureView*> views_;
  ResultsPtr results_;
};

}  // namespace laminar
