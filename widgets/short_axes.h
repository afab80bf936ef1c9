// What a short axis draws: its label in lines and tick labels that stay apart. QCustomPlot
// draws an axis label on one line however long the axis, so on a small window a Vietnamese
// "MI trên mức nền của bộ ước lượng (nats)" ran past both ends of a 250 px axis; and its
// tickers aim at a fixed number of ticks (5 by default) whatever an axis's length, so the
// 50 px profile of a small window (a 1024x768 projector with the banners shown) drew seven
// labels on top of each other.
#pragma once

#include <QString>

class QCustomPlot;
class QCPAxis;

namespace laminar {

// After a layout: every shown axis (of an axis rect or a colour scale) whose label is longer
// than the axis has it broken into lines at spaces, each no longer than the axis; a label that
// fits again (a larger window) is put back on one line. Returns whether any label changed, so
// that the caller recomputes the margins.
bool fitLabelsToAxisLength(QCustomPlot* plot);

// The label a view gave the axis, whether or not fitLabelsToAxisLength broke it into lines.
QString fullAxisLabel(const QCPAxis* axis);

// After a layout: every vertical axis with a computed ticker (not a text ticker, which places
// the labels it holds) asks for the most ticks, up to what its ticker asked for, whose labels
// stand 1.3 label heights apart at the axis's laid-out length. Returns whether any ticker changed, so that the caller
// recomputes the ticks and the margins their labels take.
bool fitTickCountsToAxisLength(QCustomPlot* plot);

}  // namespace laminar
