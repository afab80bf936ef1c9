#include "widgets/wrapped_text.h"

#include <QFontMetrics>
#include <QStringList>

namespace laminar {

QString wrappedToWidth(const QString& text, const QFontMetrics& metrics, int width) {
  QStringList lines{QString()};
  for (const QString& word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
    const QString longer = lines.back().isEmpty() ? word : lines.back() + QLatin1Char(' ') + word;
    if (!lines.back().isEmpty() && metrics.horizontalAdvance(longer) > width)
      lines << word;
    else
      lines.back() = longer;
  }
  return lines.join(QLatin1Char('\n'));
}

}  // namespace laminar
