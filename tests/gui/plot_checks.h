// Checks of what a figure's plot draws, shared by the widget and window tests.
#pragma once

#include <QFontMetrics>
#include <QStringList>
#include <qcustomplot.h>

#include <algorithm>

namespace laminar::test {

// Every shown axis (of an axis rect or a colour scale) whose label, in the lines it is drawn
// in, is longer than the axis: such a label runs past the axis's ends, over the title or the
// legend, and its first and last words are cut off.
inline QStringList axisLabelsLongerThanTheirAxes(QCustomPlot* plot) {
  QList<QCPAxis*> axes;
  for (QCPAxisRect* rect : plot->axisRects())
    if (rect->visible()) axes += rect->axes();
  for (QCPLayoutElement* e : plot->plotLayout()->elements(true))
    if (auto* scale = qobject_cast<QCPColorScale*>(e); scale && scale->visible()) axes << scale->axis();
  QStringList problems;
  for (QCPAxis* axis : axes) {
    if (!axis->visible() || axis->label().isEmpty()) continue;
    const int length = axis->orientation() == Qt::Vertical ? axis->axisRect()->height() : axis->axisRect()->width();
    int longest = 0;
    for (const QString& line : axis->label().split(QLatin1Char('\n')))
      longest = std::max(longest, QFontMetrics(axis->labelFont()).horizontalAdvance(line));
    if (longest > length)
      problems << QStringLiteral("axis label \"%1\": %2 px on a %3 px axis").arg(axis->label()).arg(longest).arg(length);
  }
  return problems;
}

}  // namespace laminar::test
