#pragma once
// SHA-256 of large files (GPT-2 XL weights: 6.4 GB) computed once per file version: results
// are cached by absolute path, size, modification time and inode, in memory and in
// $XDG_CACHE_HOME/laminar/sha256-cache.json (~/.cache/... when unset). A cache that cannot be
// read or written is ignored: the checksum is then simply recomputed.
#include <filesystem>
#include <string>

namespace laminar {

// Throws laminar::Error (naming the file) when the file cannot be read.
std::string cachedSha256OfFile(const std::filesystem::path& path);

}  // namespace laminar
