#pragma once
// Reading and writing the safetensors format (https://huggingface.co/docs/safetensors),
// with every check its specification states. Reading memory-maps the file: tensor data is
// never copied here, so GPT-2 XL (6.4 GB) stays in the page cache once.
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace laminar {

enum class DType { F64, F32, F16, BF16, I64, I32, I16, I8, U8, BOOL };
const char* dtypeName(DType t);          // "F32", ...
size_t dtypeSize(DType t);
bool parseDType(const std::string& name, DType* out);

struct TensorView {
  std::string name;
  DType dtype = DType::F32;
  std::vector<int64_t> shape;
  const void* data = nullptr;  // into the mapping; valid while the file object lives
  size_t byteSize = 0;
  int64_t numel() const;
};

class MappedFile;  // read-only mmap, defined in mapped_file.h

class SafetensorsFile {
 public:
  // Validates the whole header (size, JSON, dtypes, shapes, offsets in range, contiguous and
  // non-overlapping, data region fully covered) and throws laminar::Error naming the file and
  // tensor on any defect.
  static std::shared_ptr<SafetensorsFile> open(const std::filesystem::path& path);

  const std::filesystem::path& path() const { return path_; }
  const std::vector<TensorView>& tensors() const { return tensors_; }
  const TensorView* find(const std::string& name) const;  // nullptr if absent
  const std::map<std::string, std::string>& metadata() const { return metadata_; }

 private:
  std::filesystem::path path_;
  std::shared_ptr<MappedFile> mapping_;
  std::vector<TensorView> tensors_;
  std::map<std::string, size_t> index_;
  std::map<std::string, std::string> metadata_;
};

// A tensor to write: the bytes are copied from `data` at write time.
struct TensorToWrite {
  std::string name;
  DType dtype = DType::F32;
  std::vector<int64_t> shape;
  const void* data = nullptr;
  size_t byteSize = 0;
};

// Writes atomically (temporary name, then rename). Tensors are stored in the given order,
// header padded to 8 bytes as the reference implementation does.
void writeSafetensors(const std::filesystem::path& path, const std::vector<TensorToWrite>& tensors,
                      const std::map<std::string, std::string>& metadata = {});

}  // namespace laminar
