#include "widgets/short_axes.h"

#include <QFontMetrics>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

#include "widgets/wrapped_text.h"

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

// The most ticks, up to `preferred`, whose labels stand at least 1.3 label heights apart on
// this axis as it is laid out: the ticker's own steps are tried (they round to 1, 2, 2.5, 5 x
// 10^n, so the spacing is not simply the length over the count).
int fittingTickCount(QCPAxis* axis, const QSharedPointer<QCPAxisTicker>& ticker, int preferred) {
  const double length = axis->axisRect()->height();
  const double needed = 1.3 * QFontMetrics(axis->tickLabelFont()).height();
  const QCPRange range = axis->range();
  const int original = ticker->tickCount();
  int fit = 1;
  for (int count = std::max(1, preferred); count > 1; --count) {
    ticker->setTickCount(count);
    QVector<double> ticks;
    ticker->generate(range, axis->parentPlot()->locale(), QLatin1Char('g'), 6, ticks, nullptr, nullptr);
    double gap = length;  // one tick (or none): nothing to overlap
    for (int t = 1; t < ticks.size(); ++t)
      gap = std::min(gap, std::abs(axis->coordToPixel(ticks[t]) - axis->coordToPixel(ticks[t - 1])));  // log axes too
    if (gap >= needed) {
      fit = count;
      break;
    }
  }
  ticker->setTickCount(original);
  return fit;
}

QList<QCPAxis*> shownAxes(QCustomPlot* plot, Qt::Orientations orientations) {
  QList<QCPAxis*> axes;
  for (QCPAxisRect* rect : plot->axisRects())
    if (rect->visible()) axes += rect->axes();
  // A colour scale's axis rect is not one of the plot's axisRects().
  for (QCPLayoutElement* e : plot->plotLayout()->elements(true))
    if (auto* scale = qobject_cast<QCPColorScale*>(e); scale && scale->visible()) axes << scale->axis();
  axes.removeIf([orientations](QCPAxis* axis) { return !axis->visible() || !(orientations & axis->orientation()); });
  return axes;
}

// The label as the view set it, and as fitLabelsToAxisLength last set it: a label unlike the
// latter was set by the view since.
constexpr const char* kFullLabel = "laminarFullAxisLabel";
constexpr const char* kFittedLabel = "laminarFittedAxisLabel";

}  // namespace

bool fitLabelsToAxisLength(QCustomPlot* plot) {
  bool changed = false;
  for (QCPAxis* axis : shownAxes(plot, Qt::Horizontal | Qt::Vertical)) {
    const QString full = fullAxisLabel(axis);
    const int length = axis->orientation() == Qt::Vertical ? axis->axisRect()->height() : axis->axisRect()->width();
    const QFontMetrics metrics(axis->labelFont());
    // A few pixels short of the axis: the label is centred on it.
    const QString fitted = metrics.horizontalAdvance(full) <= length - 4 ? full : wrappedToWidth(full, metrics, length - 4);
    axis->setProperty(kFullLabel, full);
    axis->setProperty(kFittedLabel, fitted);
    if (axis->label() == fitted) continue;
    axis->setLabel(fitted);
    changed = true;
  }
  return changed;
}

QString fullAxisLabel(const QCPAxis* axis) {
  const QString label = axis->label();
  if (axis->property(kFittedLabel).toString() != label) return label;
  return axis->property(kFullLabel).toString();
}

bool fitTickCountsToAxisLength(QCustomPlot* plot) {
  bool changed = false;
  for (QCPAxis* axis : shownAxes(plot, Qt::Vertical)) {
    const QSharedPointer<QCPAxisTicker> ticker = axis->ticker();
    if (!ticker || ticker.dynamicCast<QCPAxisTickerText>()) continue;
    const int fit = fittingTickCount(axis, ticker, preferredTickCount(axis, ticker));
    if (ticker->tickCount() == fit) continue;
    ticker->setTickCount(fit);
    changed = true;
  }
  return changed;
}

}  // namespace laminar
