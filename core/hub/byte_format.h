#pragma once
// Human-readable sizes, speeds and durations for progress lines and dialogs.
#include <cstdint>
#include <string>

namespace laminar::hub {

// A size in SI units as the hub shows it: the value scaled to its unit and the decimals to
// print (two under 10, one under 100, none above; none for plain bytes). The GUI prints the
// same numbers in the interface language's format.
struct ScaledBytes {
  double value;
  const char* unit;  // "B", "kB", "MB", "GB", "TB"
  int decimals;
};
ScaledBytes scaleBytes(uint64_t bytes);

std::string formatBytes(uint64_t bytes);          // "6.43 GB" (SI units, as the hub shows)
std::string formatSpeed(double bytesPerSecond);   // "12.3 MB/s"
std::string formatDuration(double seconds);       // "1h 02m", "3m 07s", "42s"; "?" if < 0

}  // namespace laminar::hub
