#pragma once
// A whole file mapped read-only (mmap PROT_READ, MAP_PRIVATE): the kernel pages it in on
// demand and shares it with the page cache, so a 6.4 GB checkpoint is never copied.
// Writing through data() faults; tensors made from it must be treated as read-only.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>

namespace laminar {

class MappedFile {
 public:
  // Throws laminar::Error naming the file when it cannot be opened or mapped.
  static std::shared_ptr<MappedFile> open(const std::filesystem::path& path);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  const uint8_t* data() const { return data_; }
  size_t size() const { return size_; }
  const std::filesystem::path& path() const { return path_; }
  // Asks the kernel to start reading [offset, offset+length) ahead of use (best effort).
  void prefetch(size_t offset, size_t length) const;

 private:
  MappedFile() = default;
  std::filesystem::path path_;
  const uint8_t* data_ = nullptr;
  size_t size_ = 0;
};

}  // namespace laminar
