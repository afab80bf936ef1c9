#include "app/number_format.h"

#include <cmath>

#include "hub/byte_format.h"

namespace laminar {

QString NumberFormat::dataSize(uint64_t bytes, const QLocale& locale) {
  const hub::ScaledBytes s = hub::scaleBytes(bytes);  // the CLI's units and decimals
  return locale.toString(s.value, 'f', s.decimals) + QLatin1Char(' ') + QLatin1String(s.unit);
}

QString NumberFormat::speed(double bytesPerSecond, const QLocale& locale) {
  if (!(bytesPerSecond >= 0) || !std::isfinite(bytesPerSecond)) return QStringLiteral("?");
  return tr("%1/s").arg(dataSize(static_cast<uint64_t>(bytesPerSecond), locale));
}

QString NumberFormat::duration(double seconds) {
  if (!(seconds >= 0) || !std::isfinite(seconds)) return QStringLiteral("?");
  const auto total = static_cast<long long>(std::llround(seconds));
  const long long h = total / 3600, m = (total % 3600) / 60, s = total % 60;
  const QChar zero(QLatin1Char('0'));
  if (h > 0) return tr("%1 h %2 min").arg(h).arg(m, 2, 10, zero);
  if (m > 0) return tr("%1 min %2 s").arg(m).arg(s, 2, 10, zero);
  return tr("%1 s").arg(s);
}

}  // namespace laminar
