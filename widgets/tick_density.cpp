#include "widgets/tick_density.h"

#include <QFontMetrics>
#include <qcustomplot.h>

#include <algorithm>

namespace laminar {

namespace {

// The count the view (or QCustomPlot) chose for a ticker, remembered on the axis beside the
// ticker it belongs to: a view that swaps tickers (linear / log) starts again from the new one.
constexpr const char* kTicker = "laminarFittedTicker";
constexpr const char* kPreferred = "laminarPreferredTickCount";

int preferredTickCount(QCPAxis* axis, const QSharedPointer<QCPAxisTicker>& ticker) {
  const auto id = reinterpret_cast<quintptr>(ticker.data());
  if (axis->property(kTicker).value<quintptr>() != id) {
    axis->setProperty(kTicker, QVariant::fromValue(id));
    axis->setProperty(kPreferred, ticker->tickCount());
  }
  return axis->property(kPreferred).toInt();
}

QList<QCPAxis*> verticalAxes(QCustomPlot* plot) {
  QList<QCPAxis*> axes;
  for (QCPAxisRect* rect : plot->axisRects())
    if (rect->visible()) axes += rect->axes(QCPAxis::atLeft | QCPAxis::atRight);
  // A colour scale's axis rect is not one of the plot's axisRects().
  for (QCPLayoutElement* e : plot->plotLayout()->elements(true))
    if (auto* scale = qobject_cast<QCPColorScale*>(e); scale && scale->visible() && scale->type() != QCPAxis::atBottom &&
                                                       scale->type() != QCPAxis::atTop)
      axes << scale->axis();
  return axes;
}

}  // namespace

bool fitTickCountsToAxisLength(QCustomPlot* plot) {
  bool changed = false;
  for (QCPAxis* axis : verticalAxes(plot)) {
    const QSharedPointer<QCPAxisTicker> ticker = axis->ticker();
    if (!ticker || ticker.dynamicCast<QCPAxisTickerText>()) continue;
    const int preferred = preferredTickCount(axis, ticker);
    const int label = QFontMetrics(axis->tickLabelFont()).height();
    const int fit = std::clamp(axis->axisRect()->height() / std::max(1, 2 * label), 2, std::max(2, preferred));
    if (ticker->tickCount() == fit) continue;
    ticker->setTickCount(fit);
    changed = true;
  }
  return changed;
}

}  // namespace laminar
