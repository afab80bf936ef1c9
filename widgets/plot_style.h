#pragma once
// One look for every figure: DejaVu Sans (it has every Vietnamese diacritic, on screen and
// embedded in PDF/SVG), colours that stay apart in print, and a presentation scale.
#include <QColor>
#include <QFont>
#include <QPen>

#include <qcustomplot.h>

namespace laminar::plotstyle {

constexpr const char* kFontFamily = "DejaVu Sans";

QFont font(double pointSize, bool bold = false);
// Fonts, pens and margins for a whole plot; scale > 1 for presentation mode.
void apply(QCustomPlot* plot, double scale);
void applyAxisRect(QCPAxisRect* rect, double scale);
void applyLegend(QCPLegend* legend, double scale);  // font and icon size

QColor matrixColor(int matrix);  // Q, K, V
QColor siteColor(int site);      // attention, MLP
QColor blockColor(int block);    // QQ .. KV
QColor seriesColor(int index);   // anything else, in order
Qt::PenStyle groupPenStyle(int group);  // target solid, non-target dashed
// The untrained control's series: the colour of the series it pairs with, greyed, and a
// dash-dot (target) or dot (non-target, the other site) line, so it never reads as data.
QColor controlColor(const QColor& base);
Qt::PenStyle controlPenStyle(int group);

QCPColorGradient sequentialGradient();  // viridis-like, for densities and MI
QCPColorGradient divergingGradient();   // blue-white-red, for signed statistics

}  // namespace laminar::plotstyle
