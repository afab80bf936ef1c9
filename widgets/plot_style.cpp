#include "widgets/plot_style.h"

#include <array>
#include <cmath>

namespace laminar::plotstyle {

QFont font(double pointSize, bool bold) {
  QFont f(kFontFamily);
  f.setPointSizeF(pointSize);
  f.setBold(bold);
  f.setStyleHint(QFont::SansSerif);
  return f;
}

void applyAxisRect(QCPAxisRect* rect, double scale) {
  for (QCPAxis* axis : rect->axes()) {
    axis->setLabelFont(font(10 * scale));
    axis->setTickLabelFont(font(9 * scale));
    axis->setBasePen(QPen(QColor(60, 60, 60), scale));
    axis->setTickPen(QPen(QColor(60, 60, 60), scale));
    axis->setSubTickPen(QPen(QColor(60, 60, 60), scale));
    axis->grid()->setPen(QPen(QColor(225, 225, 225), 1, Qt::SolidLine));
    axis->grid()->setZeroLinePen(QPen(QColor(190, 190, 190), 1, Qt::SolidLine));
  }
}

void apply(QCustomPlot* plot, double scale) {
  plot->setFont(font(9 * scale));
  for (QCPAxisRect* rect : plot->axisRects()) {
    applyAxisRect(rect, scale);
    if (rect->insetLayout()) {
      for (int i = 0; i < rect->insetLayout()->elementCount(); ++i)
        if (auto* legend = qobject_cast<QCPLegend*>(rect->insetLayout()->elementAt(i))) {
          legend->setBorderPen(QPen(QColor(200, 200, 200)));
          legend->setBrush(QColor(255, 255, 255, 220));
        }
    }
  }
  // Every legend (inset or in the layout grid, beside the plots) and every colour scale grows
  // with the axes: in presentation mode and in export presets, nothing stays at 9 pt.
  for (QCPLayoutElement* element : plot->plotLayout()->elements(true)) {
    if (auto* legend = qobject_cast<QCPLegend*>(element)) {  // recursion reaches inset layouts too
      applyLegend(legend, scale);
    } else if (auto* colorScale = qobject_cast<QCPColorScale*>(element)) {
      colorScale->axis()->setLabelFont(font(10 * scale));
      colorScale->axis()->setTickLabelFont(font(9 * scale));
      colorScale->setBarWidth(static_cast<int>(std::lround(20 * scale)));
    }
  }
  plot->setBackground(Qt::white);
}

void applyLegend(QCPLegend* legend, double scale) {
  legend->setFont(font(9 * scale));
  legend->setIconSize(QSize(static_cast<int>(std::lround(32 * scale)), static_cast<int>(std::lround(18 * scale))));
}

QColor matrixColor(int matrix) {
  static const std::array<QColor, 3> colors{QColor(31, 119, 180), QColor(44, 160, 44), QColor(214, 39, 40)};
  return colors[static_cast<size_t>(matrix) % colors.size()];
}

QColor siteColor(int site) { return site == 0 ? QColor(31, 119, 180) : QColor(255, 127, 14); }

QColor blockColor(int block) {
  static const std::array<QColor, 6> colors{QColor(31, 119, 180),  QColor(44, 160, 44),  QColor(214, 39, 40),
                                            QColor(148, 103, 189), QColor(140, 86, 75), QColor(23, 190, 207)};
  return colors[static_cast<size_t>(block) % colors.size()];
}

QColor seriesColor(int index) {
  static const std::array<QColor, 8> colors{QColor(31, 119, 180), QColor(255, 127, 14), QColor(44, 160, 44),
                                            QColor(214, 39, 40),  QColor(148, 103, 189), QColor(140, 86, 75),
                                            QColor(227, 119, 194), QColor(127, 127, 127)};
  return colors[static_cast<size_t>(index) % colors.size()];
}

Qt::PenStyle groupPenStyle(int group) { return group == 0 ? Qt::SolidLine : Qt::DashLine; }

QColor controlColor(const QColor& base) {
  const QColor grey(150, 150, 150);  // two parts grey, one part the series' own colour
  return QColor((base.red() + 2 * grey.red()) / 3, (base.green() + 2 * grey.green()) / 3,
                (base.blue() + 2 * grey.blue()) / 3);
}

Qt::PenStyle controlPenStyle(int group) { return group == 0 ? Qt::DashDotLine : Qt::DotLine; }

QCPColorGradient sequentialGradient() {
  QCPColorGradient g;
  g.clearColorStops();
  // viridis at 0, .25, .5, .75, 1
  g.setColorStopAt(0.00, QColor(68, 1, 84));
  g.setColorStopAt(0.25, QColor(59, 82, 139));
  g.setColorStopAt(0.50, QColor(33, 145, 140));
  g.setColorStopAt(0.75, QColor(94, 201, 98));
  g.setColorStopAt(1.00, QColor(253, 231, 37));
  g.setColorInterpolation(QCPColorGradient::ciRGB);
  g.setNanHandling(QCPColorGradient::nhNanColor);
  g.setNanColor(QColor(240, 240, 240));
  return g;
}

QCPColorGradient divergingGradient() {
  QCPColorGradient g;
  g.clearColorStops();
  g.setColorStopAt(0.0, QColor(5, 48, 97));
  g.setColorStopAt(0.25, QColor(67, 147, 195));
  g.setColorStopAt(0.5, QColor(247, 247, 247));
  g.setColorStopAt(0.75, QColor(214, 96, 77));
  g.setColorStopAt(1.0, QColor(103, 0, 31));
  g.setColorInterpolation(QCPColorGradient::ciRGB);
  g.setNanHandling(QCPColorGradient::nhNanColor);
  g.setNanColor(QColor(240, 240, 240));
  return g;
}

}  // namespace laminar::plotstyle
