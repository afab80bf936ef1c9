// The layout of a figure that draws one colour map: the map's axis rect with its colour scale
// at its right, their tops and bottoms aligned so the scale spans exactly the map.
#pragma once

#include <qcustomplot.h>

namespace laminar {

struct MapWithScale {
  QCPAxisRect* rect = nullptr;
  QCPColorScale* scale = nullptr;
};

// Adds both to row 0 of `body` (columns 0 and 1, the scale narrow). Rows run top to bottom
// (row 0 of the data on top, as in a matrix); the scale shows `range` before any data, so an
// empty figure already reads as, e.g., attention weights from 0 to 1.
MapWithScale addMapWithScale(QCustomPlot* plot, QCPLayoutGrid* body, const QCPColorGradient& gradient,
                             const QCPRange& range);

}  // namespace laminar
