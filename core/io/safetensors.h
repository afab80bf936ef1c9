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

// Every dtype the format defines (the spec's list); only F32/F16/BF16 make GPT-2 weights.
enum class DType { F64, F32, F16, BF16, I64, I32, I16, I8, U8, BOOL, U64, U32, U16, F8_E5M2, F8_E4M3 };
const char* dtypeName(DType t);          // "F32", ...
size_t dtypeSize(DType t);
bool parseDType(const std::string& name, DType* out);
// "[50257, 768]": a shape as messages print it.
std::string shapeString(const std::vector<int64_t>& shape);

// The specification's bound on the JSON header (the reference implementation's
// MAX_HEADER_SIZE): larger headers are refused before anything is parsed.
constexpr uint64_t kSafetensorsMaxHeaderSize = 100'000'000;

struct TensorView {
  std::string name;
  DType dtype = DType::F32;
  std::vector<int64_t> shape;
  const void* data = nullptr;  // into the mapping; valid while the file object lives
  size_t byteSize = 0;
  size_t fileOffset = 0;  // where the data starts in the file (8 + header + begin)
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
  const std::vector<TensorView>& tensors() const { return tensors_; }  // by data offset
  const TensorView* find(const std::string& name) const;  // nullptr if absent
  const std::map<std::string, std::string>& metadata() const { return metadata_; }
  const std::shared_ptr<MappedFile>& mapping() const { return mapping_; }
  size_t fileSize() const;
  uint64_t headerSize() const { return headerSize_; }

 private:
  std::filesystem::path path_;
  std::shared_ptr<MappedFile> mapping_;
  std::vector<TensorView> tensors_;
  std::map<std::string, size_t> index_;
  std::map<std::string, std::string> metadata_;
  uint64_t headerSize_ = 0;
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

// The description of a tensor before its bytes exist (for the streaming writer).
struct TensorSpec {
  std::string name;
  DType dtype = DType::F32;
  std::vector<int64_t> shape;
  size_t byteSize() const;  // numel * dtypeSize; throws laminar::Error on overflow
};

// Streams a safetensors file: the header is written first from the specs, then each
// tensor's bytes in the same order, so no more than one tensor is ever held in memory.
// The file appears (atomically) only on commit(); destroying an uncommitted writer
// leaves nothing behind.
class SafetensorsWriter {
 public:
  SafetensorsWriter(const std::filesystem::path& path, std::vector<TensorSpec> specs,
                    const std::map<std::string, std::string>& metadata = {});
  ~SafetensorsWriter();
  SafetensorsWriter(const SafetensorsWriter&) = delete;
  SafetensorsWriter& operator=(const SafetensorsWriter&) = delete;

  // The next tensor's bytes, in spec order (may be given in several pieces).
  void write(const void* data, size_t size);
  // The name of the tensor whose bytes are expected next ("" when all are written).
  std::string nextTensor() const;
  void commit();  // throws laminar::Error if some tensor's bytes are missing

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace laminar
