#pragma once
// Sizes, speeds and durations written as the interface language writes numbers ("1.52 GB",
// "1,52 GB"): the same units and decimals as core's hub::formatBytes (hub::scaleBytes), which
// is the CLI's C-locale form.
#include <QCoreApplication>
#include <QLocale>
#include <QString>

#include <cstdint>

namespace laminar {

class NumberFormat {
  Q_DECLARE_TR_FUNCTIONS(laminar::NumberFormat)
 public:
  static QString dataSize(uint64_t bytes, const QLocale& locale = QLocale());
  static QString speed(double bytesPerSecond, const QLocale& locale = QLocale());
  static QString duration(double seconds);  // "2 min 05 s"; "?" when unknown
};

}  // namespace laminar
