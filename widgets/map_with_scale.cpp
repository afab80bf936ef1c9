#include "widgets/map_with_scale.h"

namespace laminar {

MapWithScale addMapWithScale(QCustomPlot* plot, QCPLayoutGrid* body, const QCPColorGradient& gradient,
                             const QCPRange& range) {
  MapWithScale m;
  m.rect = new QCPAxisRect(plot);
  m.rect->axis(QCPAxis::atLeft)->setRangeReversed(true);
  m.scale = new QCPColorScale(plot);
  m.scale->setType(QCPAxis::atRight);
  m.scale->setGradient(gradient);
  m.scale->setDataRange(range);
  body->addElement(0, 0, m.rect);
  body->addElement(0, 1, m.scale);
  body->setColumnStretchFactor(1, 0.05);
  auto* margins = new QCPMarginGroup(plot);
  m.rect->setMarginGroup(QCP::msTop | QCP::msBottom, margins);
  m.scale->setMarginGroup(QCP::msTop | QCP::msBottom, margins);
  return m;
}

}  // namespace laminar
