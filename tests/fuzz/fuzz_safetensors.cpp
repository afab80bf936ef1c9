// The safetensors reader (header JSON, dtypes, shapes, offsets) on arbitrary files. Every
// tensor it accepts must lie inside the mapping with numel * dtype size bytes.
#include "fuzz_support.h"
#include "io/safetensors.h"
#include "util/error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto path = fuzz::writeScratch("input.safetensors", std::string(reinterpret_cast<const char*>(data), size));
  try {
    auto file = laminar::SafetensorsFile::open(path);
    FUZZ_CHECK(file->fileSize() == size);
    FUZZ_CHECK(8 + file->headerSize() <= size);
    for (const auto& t : file->tensors()) {
      FUZZ_CHECK(file->find(t.name) != nullptr);
      FUZZ_CHECK(t.numel() >= 0);
      FUZZ_CHECK(static_cast<size_t>(t.numel()) * laminar::dtypeSize(t.dtype) == t.byteSize);
      FUZZ_CHECK(t.fileOffset >= 8 + file->headerSize() && t.fileOffset <= size && t.byteSize <= size - t.fileOffset);
      // Touch the first and last byte: outside the mapping this faults.
      const auto* bytes = static_cast<const volatile uint8_t*>(t.data);
      if (t.byteSize > 0) (void)(bytes[0] + bytes[t.byteSize - 1]);
    }
  } catch (const laminar::Error&) {
  }
  return 0;
}
