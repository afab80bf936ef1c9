#pragma once
// Free space where a download will land (statvfs), checked before any byte is fetched.
#include <cstdint>
#include <filesystem>

namespace laminar::hub {

// Bytes available to this user on the file system holding `path` (its nearest existing
// ancestor). Throws laminar::Error naming the path when it cannot be queried.
uint64_t freeDiskBytes(const std::filesystem::path& path);

// Throws laminar::Error ("not enough free space in DIR: need X, Y available") when fewer
// than `needed` bytes are free.
void requireFreeSpace(const std::filesystem::path& path, uint64_t needed);

}  // namespace laminar::hub
