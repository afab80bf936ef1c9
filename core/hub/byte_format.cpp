#include "hub/byte_format.h"

#include <cmath>
#include <cstdio>

namespace laminar::hub {

ScaledBytes scaleBytes(uint64_t bytes) {
  static const char* units[] = {"B", "kB", "MB", "GB", "TB"};
  double value = static_cast<double>(bytes);
  int unit = 0;
  while (value >= 1000.0 && unit < 4) {
    value /= 1000.0;
    ++unit;
  }
  return {value, units[unit], unit == 0 ? 0 : value < 10 ? 2 : value < 100 ? 1 : 0};
}

std::string formatBytes(uint64_t bytes) {
  const ScaledBytes s = scaleBytes(bytes);
  char buf[32];
  if (s.decimals == 0 && s.unit[0] == 'B')
    std::snprintf(buf, sizeof buf, "%llu B", static_cast<unsigned long long>(bytes));
  else
    std::snprintf(buf, sizeof buf, "%.*f %s", s.decimals, s.value, s.unit);
  return buf;
}

std::string formatSpeed(double bytesPerSecond) {
  if (!(bytesPerSecond >= 0) || !std::isfinite(bytesPerSecond)) return "?";
  return formatBytes(static_cast<uint64_t>(bytesPerSecond)) + "/s";
}

std::string formatDuration(double seconds) {
  if (!(seconds >= 0) || !std::isfinite(seconds)) return "?";
  const auto total = static_cast<long long>(std::llround(seconds));
  const long long h = total / 3600, m = (total % 3600) / 60, s = total % 60;
  char buf[48];
  if (h > 0)
    std::snprintf(buf, sizeof buf, "%lldh %02lldm", h, m);
  else if (m > 0)
    std::snprintf(buf, sizeof buf, "%lldm %02llds", m, s);
  else
    std::snprintf(buf, sizeof buf, "%llds", s);
  return buf;
}

}  // namespace laminar::hub
