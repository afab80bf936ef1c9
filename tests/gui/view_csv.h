#pragma once
// A view's CSV (FigureView::writeCsv: the numbers behind its figure) as one string.
#include <QString>
#include <QTextStream>

#include "widgets/figure_view.h"

namespace laminar::test {

inline QString csvOf(const FigureView& view) {
  QString text;
  QTextStream out(&text);
  view.writeCsv(out);
  out.flush();
  return text;
}

}  // namespace laminar::test
