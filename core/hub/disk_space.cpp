#include "hub/disk_space.h"

#include <sys/statvfs.h>

#include <cerrno>
#include <cstring>
#include <system_error>

#include "hub/byte_format.h"
#include "util/error.h"

namespace laminar::hub {
namespace fs = std::filesystem;

uint64_t freeDiskBytes(const fs::path& path) {
  // The download folder may not exist yet: ask about the nearest existing ancestor.
  fs::path probe = path.empty() ? fs::current_path() : fs::absolute(path);
  std::error_code ec;
  while (!fs::exists(probe, ec) && probe.has_parent_path() && probe != probe.parent_path())
    probe = probe.parent_path();
  struct statvfs info {};
  if (::statvfs(probe.c_str(), &info) != 0) {
    const std::string reason = std::strerror(errno);
    throw Error(systemFileMessage(probe.string(), msg::kDiskCannotQuery, "cannot query free disk space", reason));
  }
  return static_cast<uint64_t>(info.f_bavail) * static_cast<uint64_t>(info.f_frsize);
}

void requireFreeSpace(const fs::path& path, uint64_t needed) {
  const uint64_t available = freeDiskBytes(path);
  if (available < needed)
    throw Error(Message(msg::kDiskNotEnoughSpace,
                        {{"folder", path.string()}, {"neededBytes", std::to_string(needed)}, {"freeBytes", std::to_string(available)}},
                        "not enough free disk space in " + path.string() + ": the download needs " + formatBytes(needed) +
                            ", only " + formatBytes(available) +
                            " are free (free some space, or choose another cache folder with --cache-dir or HF_HUB_CACHE)"));
}

}  // namespace laminar::hub
