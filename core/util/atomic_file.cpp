#include "util/atomic_file.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>

#include "util/error.h"

namespace laminar {
namespace fs = std::filesystem;

namespace {
fs::path temporaryFor(const fs::path& target) {
  return fs::path(target.string() + ".tmp-" + std::to_string(::getpid()));
}
}  // namespace

AtomicFile::AtomicFile(fs::path target) : target_(std::move(target)), temp_(temporaryFor(target_)) {
  file_ = std::fopen(temp_.c_str(), "wb");
  if (!file_) throw Error(fileError(target_.string(), std::string("cannot create: ") + std::strerror(errno)));
}

AtomicFile::~AtomicFile() {
  if (file_) std::fclose(file_);
  if (!committed_) {
    std::error_code ec;
    fs::remove(temp_, ec);
  }
}

void AtomicFile::write(const void* data, size_t size) {
  if (size && std::fwrite(data, 1, size, file_) != size)
    throw Error(fileError(target_.string(), std::string("write failed: ") + std::strerror(errno)));
}

void AtomicFile::commit() {
  if (std::fflush(file_) != 0 || ::fsync(fileno(file_)) != 0)
    throw Error(fileError(target_.string(), std::string("write failed: ") + std::strerror(errno)));
  std::fclose(file_);
  file_ = nullptr;
  std::error_code ec;
  fs::rename(temp_, target_, ec);
  if (ec) throw Error(fileError(target_.string(), "cannot rename into place: " + ec.message()));
  committed_ = true;
}

void writeFileAtomically(const fs::path& target, std::string_view content) {
  AtomicFile f(target);
  f.write(content);
  f.commit();
}

AtomicDirectory::AtomicDirectory(fs::path target) : target_(std::move(target)), temp_(temporaryFor(target_)) {
  std::error_code ec;
  fs::remove_all(temp_, ec);
  fs::create_directories(temp_, ec);
  if (ec) throw Error(fileError(target_.string(), "cannot create directory: " + ec.message()));
}

AtomicDirectory::~AtomicDirectory() {
  if (!committed_) {
    std::error_code ec;
    fs::remove_all(temp_, ec);
  }
}

void AtomicDirectory::commit() {
  std::error_code ec;
  fs::path old;
  if (fs::exists(target_)) {
    old = fs::path(target_.string() + ".old-" + std::to_string(::getpid()));
    fs::rename(target_, old, ec);
    if (ec) throw Error(fileError(target_.string(), "cannot replace existing directory: " + ec.message()));
  }
  fs::rename(temp_, target_, ec);
  if (ec) {
    if (!old.empty()) fs::rename(old, target_, ec);
    throw Error(fileError(target_.string(), "cannot rename into place: " + ec.message()));
  }
  if (!old.empty()) fs::remove_all(old, ec);
  committed_ = true;
}

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(fileError(path.string(), std::string("cannot open: ") + std::strerror(errno)));
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw Error(fileError(path.string(), "read failed"));
  return ss.str();
}

}  // namespace laminar
