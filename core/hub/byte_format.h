#pragma once
// Human-readable sizes, speeds and durations for progress lines and dialogs.
#include <cstdint>
#include <string>

namespace laminar::hub {

std::string formatBytes(uint64_t bytes);          // "6.43 GB" (SI units, as the hub shows)
std::string formatSpeed(double bytesPerSecond);   // "12.3 MB/s"
std::string formatDuration(double seconds);       // "1h 02m", "3m 07s", "42s"; "?" if < 0

}  // namespace laminar::hub
