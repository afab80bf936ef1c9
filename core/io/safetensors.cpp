#include "io/safetensors.h"

#include <algorithm>
#include <cstring>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "io/mapped_file.h"
#include "util/atomic_file.h"
#include "util/error.h"
#include "util/json_excerpt.h"

namespace laminar {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

struct DTypeInfo {
  DType type;
  const char* name;
  size_t size;
};

constexpr DTypeInfo kDTypes[] = {
    {DType::F64, "F64", 8},        {DType::F32, "F32", 4},         {DType::F16, "F16", 2},
    {DType::BF16, "BF16", 2},      {DType::I64, "I64", 8},         {DType::I32, "I32", 4},
    {DType::I16, "I16", 2},        {DType::I8, "I8", 1},           {DType::U8, "U8", 1},
    {DType::BOOL, "BOOL", 1},      {DType::U64, "U64", 8},         {DType::U32, "U32", 4},
    {DType::U16, "U16", 2},        {DType::F8_E5M2, "F8_E5M2", 1}, {DType::F8_E4M3, "F8_E4M3", 1},
};

const DTypeInfo& infoOf(DType t) {
  for (const auto& i : kDTypes)
    if (i.type == t) return i;
  throw std::logic_error("unknown DType");
}

// numel * element size, or false when it does not fit in 64 bits.
bool checkedByteSize(const std::vector<int64_t>& shape, size_t elementSize, uint64_t* out) {
  uint64_t n = elementSize;
  for (int64_t d : shape)
    if (d < 0 || __builtin_mul_overflow(n, static_cast<uint64_t>(d), &n)) return false;
  *out = n;
  return true;
}

// A non-negative JSON integer (the spec's usize), or false.
bool asUnsigned(const json& v, uint64_t* out) {
  if (v.is_number_unsigned()) {
    *out = v.get<uint64_t>();
    return true;
  }
  if (v.is_number_integer() && v.get<int64_t>() >= 0) {
    *out = static_cast<uint64_t>(v.get<int64_t>());
    return true;
  }
  return false;
}

uint64_t readLittleEndian64(const uint8_t* p) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

// Every defect throws one code, so the GUI says "damaged safetensors file" and quotes the detail.
[[noreturn]] void damaged(const std::string& where, const std::string& detail) {
  throw Error(fileMessage(where, msg::kSafetensorsDamaged, {{"detail", detail}}, detail));
}

// The layout: 8 bytes of N (little-endian u64), N bytes of JSON, then the data buffer. Returns
// the JSON text without its padding (the spec allows trailing spaces, 0x20, only); N goes to
// *headerSize.
std::string headerText(const uint8_t* bytes, size_t size, const std::string& where, uint64_t* headerSize) {
  if (size < 8)
    damaged(where, "truncated: the file has " + std::to_string(size) +
                       " bytes, fewer than the 8-byte header length of a safetensors file");
  const uint64_t n = readLittleEndian64(bytes);
  if (n > kSafetensorsMaxHeaderSize)
    damaged(where, "header length " + std::to_string(n) + " bytes exceeds the safetensors limit of " +
                       std::to_string(kSafetensorsMaxHeaderSize) + " bytes (not a safetensors file, or corrupt)");
  if (n > size - 8)
    damaged(where, "truncated: the header length says " + std::to_string(n) + " bytes but only " +
                       std::to_string(size - 8) + " bytes follow it");
  *headerSize = n;
  std::string header(reinterpret_cast<const char*>(bytes + 8), n);
  const size_t end = header.find_last_not_of(' ');
  if (header.empty() || header[0] != '{' || end == std::string::npos || header[end] != '}')
    damaged(where, "header is not a JSON object (it must start with '{' and end with '}', padded only with spaces)");
  header.resize(end + 1);
  return header;
}

// Duplicate keys are forbidden by the spec but silently merged by JSON parsers: watch for them.
json parseHeaderJson(const std::string& header, const std::string& where) {
  std::vector<std::set<std::string>> keysPerObject;
  std::string duplicate;
  auto watchKeys = [&](int, json::parse_event_t event, json& parsed) {
    if (event == json::parse_event_t::object_start) keysPerObject.emplace_back();
    else if (event == json::parse_event_t::object_end && !keysPerObject.empty()) keysPerObject.pop_back();
    else if (event == json::parse_event_t::key && !keysPerObject.empty() && duplicate.empty())
      if (!keysPerObject.back().insert(parsed.get<std::string>()).second) duplicate = parsed.get<std::string>();
    return true;
  };
  json root;
  try {
    root = json::parse(header, watchKeys);
  } catch (const json::exception& e) {
    damaged(where, std::string("header is not valid JSON: ") + e.what());
  }
  if (!duplicate.empty())
    damaged(where, "header has the key '" + duplicate + "' more than once (duplicate keys are not allowed)");
  if (!root.is_object()) damaged(where, "header is not a JSON object");
  return root;
}

std::map<std::string, std::string> parseMetadata(const json& value, const std::string& where) {
  std::map<std::string, std::string> metadata;
  if (value.is_null()) return metadata;
  if (!value.is_object()) damaged(where, "__metadata__ is not a JSON object of strings");
  for (const auto& [key, text] : value.items()) {
    if (!text.is_string()) damaged(where, "__metadata__: the value of '" + key + "' is not a string");
    metadata[key] = text.get<std::string>();
  }
  return metadata;
}

// One tensor's header entry and its byte range [begin, end) in the data buffer.
struct HeaderEntry {
  TensorView view;
  uint64_t begin = 0, end = 0;
};

std::vector<int64_t> parseShape(const json& shape, const std::string& t, const std::string& where) {
  if (!shape.is_array()) damaged(where, t + "shape is not an array");
  std::vector<int64_t> dims;
  for (const auto& d : shape) {
    uint64_t v;
    if (!asUnsigned(d, &v) || v > static_cast<uint64_t>(INT64_MAX))
      damaged(where, t + "shape " + jsonExcerpt(shape) + " has an entry that is not a non-negative integer");
    dims.push_back(static_cast<int64_t>(v));
  }
  return dims;
}

// Checks one entry on its own: its fields, dtype, shape, and that its byte range holds exactly
// the bytes its dtype and shape need. Where it sits among the others is placeEntries' job.
HeaderEntry parseTensorEntry(const std::string& key, const json& value, const std::string& where) {
  const std::string t = "tensor '" + key + "': ";
  if (!value.is_object()) damaged(where, t + "entry is not a JSON object with dtype, shape and data_offsets");
  for (const char* field : {"dtype", "shape", "data_offsets"})
    if (!value.contains(field)) damaged(where, t + "missing field '" + field + "'");
  HeaderEntry e;
  e.view.name = key;
  const json& dt = value["dtype"];
  if (!dt.is_string()) damaged(where, t + "dtype is not a string");
  if (!parseDType(dt.get<std::string>(), &e.view.dtype))
    damaged(where, t + "unknown dtype '" + dt.get<std::string>() + "'");
  e.view.shape = parseShape(value["shape"], t, where);
  const json& offsets = value["data_offsets"];
  if (!offsets.is_array() || offsets.size() != 2 || !asUnsigned(offsets[0], &e.begin) ||
      !asUnsigned(offsets[1], &e.end))
    damaged(where, t + "data_offsets " + jsonExcerpt(offsets) + " is not a pair of non-negative integers");
  if (e.end < e.begin) damaged(where, t + "data_offsets " + jsonExcerpt(offsets) + " end before they begin");
  uint64_t needed;
  if (!checkedByteSize(e.view.shape, dtypeSize(e.view.dtype), &needed))
    damaged(where, t + "shape " + shapeString(e.view.shape) + " is too large (byte size overflows)");
  if (e.end - e.begin != needed)
    damaged(where, t + "data_offsets " + jsonExcerpt(offsets) + " hold " + std::to_string(e.end - e.begin) +
                       " bytes but dtype " + dtypeName(e.view.dtype) + " with shape " + shapeString(e.view.shape) +
                       " needs " + std::to_string(needed) + " bytes");
  return e;
}

// The data buffer must be entirely indexed: sorted by offset, each tensor starts where the
// previous one ended (no overlap, no hole) and the last one ends at the end of the file. Sorts
// the entries and points each view into the buffer that starts at `data`.
void placeEntries(std::vector<HeaderEntry>& entries, const uint8_t* data, uint64_t dataOffset, uint64_t bufferSize,
                  const std::string& where) {
  std::stable_sort(entries.begin(), entries.end(), [](const HeaderEntry& a, const HeaderEntry& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
  });
  uint64_t expected = 0;
  std::string previous;
  for (HeaderEntry& e : entries) {
    const std::string t = "tensor '" + e.view.name + "': ";
    const std::string range = "data_offsets [" + std::to_string(e.begin) + ", " + std::to_string(e.end) + "]";
    if (e.begin < expected)
      damaged(where, t + range + " overlap the data of tensor '" + previous + "' (which ends at " +
                         std::to_string(expected) + ")");
    if (e.begin > expected)
      damaged(where, t + range + " leave bytes [" + std::to_string(expected) + ", " + std::to_string(e.begin) +
                         ") of the data buffer unindexed (holes are not allowed)");
    if (e.end > bufferSize)
      damaged(where, t + range + " run past the end of the data buffer (" + std::to_string(bufferSize) +
                         " bytes): the file is truncated or the offsets are out of range");
    expected = e.end;
    if (e.begin != e.end) previous = e.view.name;
    e.view.byteSize = e.end - e.begin;
    e.view.fileOffset = dataOffset + e.begin;
    e.view.data = data + e.begin;
  }
  if (expected != bufferSize)
    damaged(where, "bytes [" + std::to_string(expected) + ", " + std::to_string(bufferSize) +
                       ") of the data buffer, after the last tensor, are not indexed by any tensor (holes are not "
                       "allowed)");
}

}  // namespace

std::string shapeString(const std::vector<int64_t>& shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + "]";
}

const char* dtypeName(DType t) { return infoOf(t).name; }
size_t dtypeSize(DType t) { return infoOf(t).size; }

bool parseDType(const std::string& name, DType* out) {
  for (const auto& i : kDTypes)
    if (name == i.name) {
      *out = i.type;
      return true;
    }
  return false;
}

int64_t TensorView::numel() const {
  int64_t n = 1;
  for (int64_t d : shape) n *= d;
  return n;
}

size_t SafetensorsFile::fileSize() const { return mapping_ ? mapping_->size() : 0; }

const TensorView* SafetensorsFile::find(const std::string& name) const {
  auto it = index_.find(name);
  return it == index_.end() ? nullptr : &tensors_[it->second];
}

std::shared_ptr<SafetensorsFile> SafetensorsFile::open(const fs::path& path) {
  auto file = std::shared_ptr<SafetensorsFile>(new SafetensorsFile());
  file->path_ = path;
  file->mapping_ = MappedFile::open(path);
  const std::string where = path.string();
  const uint8_t* bytes = file->mapping_->data();
  const size_t size = file->mapping_->size();

  const json root = parseHeaderJson(headerText(bytes, size, where, &file->headerSize_), where);
  std::vector<HeaderEntry> entries;
  for (const auto& [key, value] : root.items()) {
    if (key == "__metadata__") file->metadata_ = parseMetadata(value, where);
    else entries.push_back(parseTensorEntry(key, value, where));
  }
  const uint64_t dataOffset = 8 + file->headerSize_;
  placeEntries(entries, bytes + dataOffset, dataOffset, size - dataOffset, where);
  for (HeaderEntry& e : entries) {
    file->index_[e.view.name] = file->tensors_.size();
    file->tensors_.push_back(std::move(e.view));
  }
  return file;
}

// ---------------------------------------------------------------------------------------------

size_t TensorSpec::byteSize() const {
  uint64_t n;
  if (!checkedByteSize(shape, dtypeSize(dtype), &n))
    throw Error("tensor '" + name + "': shape " + shapeString(shape) + " is invalid or too large");
  return n;
}

struct SafetensorsWriter::Impl {
  explicit Impl(const fs::path& path) : file(path) {}
  AtomicFile file;
  std::vector<TensorSpec> specs;
  std::vector<size_t> sizes;
  size_t current = 0;  // index of the tensor whose bytes come next
  size_t writtenOfCurrent = 0;
  void skipEmpty() {
    while (current < specs.size() && writtenOfCurrent == sizes[current]) {
      ++current;
      writtenOfCurrent = 0;
    }
  }
};

SafetensorsWriter::SafetensorsWriter(const fs::path& path, std::vector<TensorSpec> specs,
                                     const std::map<std::string, std::string>& metadata) {
  const std::string where = path.string();
  nlohmann::ordered_json header = nlohmann::ordered_json::object();
  if (!metadata.empty()) header["__metadata__"] = metadata;
  std::set<std::string> names;
  std::vector<size_t> sizes;
  uint64_t offset = 0;
  for (const auto& s : specs) {
    if (s.name.empty() || s.name == "__metadata__")
      throw Error(fileError(where, "cannot write a tensor named '" + s.name + "'"));
    if (!names.insert(s.name).second) throw Error(fileError(where, "tensor '" + s.name + "' given twice"));
    size_t n = s.byteSize();
    header[s.name] = {{"dtype", dtypeName(s.dtype)}, {"shape", s.shape}, {"data_offsets", {offset, offset + n}}};
    offset += n;
    sizes.push_back(n);
  }
  std::string text = header.dump();
  // Pad with spaces so the data buffer starts 8-byte aligned, as the reference writer does.
  text.append((8 - text.size() % 8) % 8, ' ');
  impl_ = std::make_unique<Impl>(path);
  impl_->specs = std::move(specs);
  impl_->sizes = std::move(sizes);
  uint8_t length[8];
  uint64_t n = text.size();
  for (int i = 0; i < 8; ++i) length[i] = static_cast<uint8_t>(n >> (8 * i));
  impl_->file.write(length, 8);
  impl_->file.write(text);
  impl_->skipEmpty();
}

SafetensorsWriter::~SafetensorsWriter() = default;

std::string SafetensorsWriter::nextTensor() const {
  return impl_->current < impl_->specs.size() ? impl_->specs[impl_->current].name : std::string();
}

void SafetensorsWriter::write(const void* data, size_t size) {
  const auto* p = static_cast<const uint8_t*>(data);
  while (size > 0) {
    if (impl_->current >= impl_->specs.size())
      throw std::logic_error("SafetensorsWriter: more bytes written than the header declares");
    size_t n = std::min(size, impl_->sizes[impl_->current] - impl_->writtenOfCurrent);
    impl_->file.write(p, n);
    p += n;
    size -= n;
    impl_->writtenOfCurrent += n;
    impl_->skipEmpty();
  }
}

void SafetensorsWriter::commit() {
  impl_->skipEmpty();
  if (impl_->current < impl_->specs.size())
    throw Error(fileError(impl_->file.target().string(),
                          "tensor '" + impl_->specs[impl_->current].name + "' was not completely written"));
  impl_->file.commit();
}

void writeSafetensors(const fs::path& path, const std::vector<TensorToWrite>& tensors,
                      const std::map<std::string, std::string>& metadata) {
  std::vector<TensorSpec> specs;
  for (const auto& t : tensors) {
    TensorSpec s{t.name, t.dtype, t.shape};
    if (s.byteSize() != t.byteSize)
      throw std::logic_error("writeSafetensors: tensor '" + t.name + "' byteSize does not match dtype and shape");
    specs.push_back(std::move(s));
  }
  SafetensorsWriter writer(path, std::move(specs), metadata);
  for (const auto& t : tensors) writer.write(t.data, t.byteSize);
  writer.commit();
}

}  // namespace laminar
