#pragma once
// SHA-256 (OpenSSL) for checkpoint and sentence-set checksums and download verification.
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>

namespace laminar {

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  void update(const void* data, size_t size);
  std::string hexDigest();  // finishes the hash

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

std::string sha256Hex(const void* data, size_t size);
std::string sha256OfFile(const std::filesystem::path& path);  // throws laminar::Error

}  // namespace laminar
