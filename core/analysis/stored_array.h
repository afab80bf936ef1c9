#pragma once
// A named array kept with the results (the exact vectors each statistic was computed
// from), written to and read from vectors.safetensors. Plain bytes, no torch, so results
// load without the engine.
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "io/safetensors.h"

namespace laminar {

struct StoredArray {
  std::string name;                // e.g. "layer3.target.qkv"
  DType dtype = DType::F32;        // F32 or I64
  std::vector<int64_t> shape;
  std::vector<unsigned char> bytes;  // little-endian, row-major

  int64_t numel() const {
    int64_t n = 1;
    for (auto s : shape) n *= s;
    return n;
  }
  template <class T>
  static StoredArray from(std::string name, DType dtype, std::vector<int64_t> shape, const T* data) {
    StoredArray a{std::move(name), dtype, std::move(shape), {}};
    a.bytes.resize(static_cast<size_t>(a.numel()) * sizeof(T));
    if (!a.bytes.empty()) std::memcpy(a.bytes.data(), data, a.bytes.size());
    return a;
  }
  template <class T>
  std::vector<T> values() const {
    std::vector<T> v(bytes.size() / sizeof(T));
    if (!v.empty()) std::memcpy(v.data(), bytes.data(), v.size() * sizeof(T));
    return v;
  }
  bool operator==(const StoredArray& o) const {
    return name == o.name && dtype == o.dtype && shape == o.shape && bytes == o.bytes;
  }
};

}  // namespace laminar
