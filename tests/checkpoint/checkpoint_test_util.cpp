#include "checkpoint_test_util.h"

#include <unistd.h>

#include "io/safetensors.h"
#include "util/atomic_file.h"

namespace laminar::test {
namespace fs = std::filesystem;

fs::path referenceDir() { return fs::path(LAMINAR_SHARED_DIR) / "reference"; }

static fs::path scratchRoot() {
  return fs::temp_directory_path() / ("laminar-checkpoint-test-" + std::to_string(::getpid()));
}

fs::path scratchDir(const std::string& name) {
  fs::path p = scratchRoot() / name;
  fs::remove_all(p);
  fs::create_directories(p);
  return p;
}

void removeScratch() {
  std::error_code ec;
  fs::remove_all(scratchRoot(), ec);
}

NamedTensors referenceTensors() {
  auto file = SafetensorsFile::open(referenceDir() / "gpt2-tiny" / "model.safetensors");
  NamedTensors out;
  for (const auto& v : file->tensors())
    out.emplace_back(v.name, torch::from_blob(const_cast<void*>(v.data), v.shape, torch::kFloat32).clone());
  return out;
}

nlohmann::json referenceConfig() {
  return nlohmann::json::parse(readFile(referenceDir() / "gpt2-tiny" / "config.json"));
}

void writeTensors(const fs::path& file, const NamedTensors& tensors) {
  std::vector<TensorToWrite> items;
  std::vector<torch::Tensor> keep;
  for (const auto& [name, t] : tensors) {
    torch::Tensor c = t.contiguous();
    keep.push_back(c);
    DType dtype;
    switch (c.scalar_type()) {
      case torch::kFloat32: dtype = DType::F32; break;
      case torch::kFloat64: dtype = DType::F64; break;
      case torch::kFloat16: dtype = DType::F16; break;
      case torch::kBFloat16: dtype = DType::BF16; break;
      case torch::kInt32: dtype = DType::I32; break;
      case torch::kInt64: dtype = DType::I64; break;
      case torch::kUInt8: dtype = DType::U8; break;
      default: throw std::logic_error("writeTensors: unsupported dtype");
    }
    items.push_back({name, dtype, c.sizes().vec(), c.data_ptr(), static_cast<size_t>(c.numel() * c.element_size())});
  }
  writeSafetensors(file, items, {{"format", "pt"}});
}

void writeCheckpoint(const fs::path& dir, const nlohmann::json& config, const NamedTensors& tensors) {
  fs::create_directories(dir);
  writeFileAtomically(dir / "config.json", config.dump(2));
  writeTensors(dir / "model.safetensors", tensors);
}

}  // namespace laminar::test
