#include "app/figure_set.h"

#include <QWidget>

#include "widgets/cosine_spectrum_view.h"
#include "widgets/laminar_profile_view.h"
#include "widgets/layer_cursor.h"
#include "widgets/mi_distance_view.h"
#include "widgets/mi_matrix_view.h"
#include "widgets/mi_significance_view.h"
#include "widgets/text_similarity_view.h"

namespace laminar {

FigureSet::FigureSet(QWidget* parent) : QObject(parent), cursor_(new LayerCursor(this)) {
  views_ = {new LaminarProfileView(cursor_, parent), new CosineSpectrumView(cursor_, parent),
            new TextSimilarityView(cursor_, parent),  new MiDistanceView(cursor_, parent),
            new MiMatrixView(cursor_, parent),        new MiSignificanceView(cursor_, parent)};
  for (FigureView* v : views_) v->setLazy(true);  // only the visible view redraws as layers arrive
}

std::vector<FigureView*> FigureSet::viewsFor(const RunResults& results) const {
  std::vector<FigureView*> out;
  for (FigureView* v : views_)
    if (v->accepts(results)) out.push_back(v);
  return out;
}

void FigureSet::setResults(const ResultsPtr& results) {
  results_ = results;
  int nLayer = 0;
  if (results && results->similarity) nLayer = results->similarity->nLayer;
  if (results && results->miDistance) nLayer = results->miDistance->nLayer;
  cursor_->setCount(nLayer);
  for (FigureView* v : views_) v->setResults(results);
}

void FigureSet::setPresentationScale(double scale) {
  for (FigureView* v : views_) v->setPresentationScale(scale);
}

void FigureSet::setNumberLocale(const QLocale& locale) {
  for (FigureView* v : views_) v->setNumberLocale(locale);
}

}  // namespace laminar
