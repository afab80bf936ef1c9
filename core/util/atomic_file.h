#pragma once
// Output files appear complete or not at all: writers fill "<name>.tmp-<pid>" and rename
// it over the final name on commit(); an uncommitted AtomicFile removes its temporary.
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>

namespace laminar {

class AtomicFile {
 public:
  explicit AtomicFile(std::filesystem::path target);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  void write(const void* data, size_t size);
  void write(std::string_view text) { write(text.data(), text.size()); }
  // Flushes, fsyncs and renames onto the target. Throws laminar::Error on failure.
  void commit();
  const std::filesystem::path& target() const { return target_; }
  const std::filesystem::path& temporary() const { return temp_; }

 private:
  std::filesystem::path target_;
  std::filesystem::path temp_;
  std::FILE* file_ = nullptr;
  bool committed_ = false;
};

// Convenience: the whole content at once.
void writeFileAtomically(const std::filesystem::path& target, std::string_view content);

// A directory that appears complete or not at all: filled under "<dir>.tmp-<pid>", then
// renamed onto the target (an existing target is replaced only after the new one is whole).
class AtomicDirectory {
 public:
  explicit AtomicDirectory(std::filesystem::path target);
  ~AtomicDirectory();
  AtomicDirectory(const AtomicDirectory&) = delete;
  AtomicDirectory& operator=(const AtomicDirectory&) = delete;
  const std::filesystem::path& path() const { return temp_; }  // write files here
  void commit();

 private:
  std::filesystem::path target_;
  std::filesystem::path temp_;
  bool committed_ = false;
};

std::string readFile(const std::filesystem::path& path);  // throws laminar::Error naming the file

}  // namespace laminar
