// Tick labels that stay apart on short axes. QCustomPlot's tickers aim at a fixed number of
// ticks (5 by default) whatever an axis's length, so the 50 px profile of a small window (a
// 1024x768 projector with the banners shown) drew seven labels on top of each other.
#pragma once

class QCustomPlot;

namespace laminar {

// After a layout: every vertical axis with a computed ticker (not a text ticker, which places
// the labels it holds) asks for the most ticks, up to what its ticker asked for, whose labels
// stand 1.3 label heights apart at the axis's laid-out length. Returns whether any ticker changed, so that the caller
// recomputes the ticks and the margins their labels take.
bool fitTickCountsToAxisLength(QCustomPlot* plot);

}  // namespace laminar
