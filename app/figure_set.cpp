#include "app/figure_set.h"

#include <QWidget>

#include "widgets/figure_view.h"
#include "widgets/layer_cursor.h"
#include "widgets/view_registry.h"

namespace laminar {

FigureSet::FigureSet(QWidget* parent, LayerCursor* cursor)
    : QObject(parent), cursor_(cursor ? cursor : new LayerCursor(this)) {
  views_ = makeRegisteredViews(cursor_, parent);
  for (FigureView* v : views_) v->setLazy(true);  // only the visible view redraws as layers arrive
}

std::vector<FigureView*> FigureSet::viewsFor(const RunResults& results) const {
  std::vector<FigureView*> out;
  for (FigureView* v : viewsOf(QString::fromStdString(results.experiment)))
    if (v->accepts(results)) out.push_back(v);
  return out;
}

std::vector<FigureView*> FigureSet::viewsOf(const QString& analysis) const {
  std::vector<FigureView*> out;
  for (FigureView* v : views_)
    if (v->analysis() == analysis) out.push_back(v);
  return out;
}

void FigureSet::setResults(const ResultsPtr& results) {
  results_ = results;
  // A shared cursor's layer count is its owner's to set.
  if (cursor_->parent() == this) cursor_->setCount(results ? results->nLayer : 0);
  for (FigureView* v : views_) v->setResults(results);
}

void FigureSet::setPresentationScale(double scale) {
  for (FigureView* v : views_) v->setPresentationScale(scale);
}

void FigureSet::setSentenceTexts(const std::shared_ptr<const FigureView::SentenceTexts>& texts) {
  for (FigureView* v : views_) v->setSentenceTexts(texts);
}

void FigureSet::setNumberLocale(const QLocale& locale) {
  for (FigureView* v : views_) v->setNumberLocale(locale);
}

}  // namespace laminar
