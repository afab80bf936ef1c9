// Text broken into lines at spaces to fit a width in pixels: figure titles, legend entries of
// narrow exports, and axis labels longer than their axis.
#pragma once

#include <QString>

class QFontMetrics;

namespace laminar {

// Words to lines no wider than `width` pixels (a word longer than that keeps its own line).
QString wrappedToWidth(const QString& text, const QFontMetrics& metrics, int width);

}  // namespace laminar
