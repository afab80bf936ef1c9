#include "checkpoint/checkpoint.h"

#include <ATen/Parallel.h>

#include <atomic>
#include <cmath>
#include <cstring>
#include <map>
#include <regex>
#include <set>

#include <nlohmann/json.hpp>

#include "io/mapped_file.h"
#include "util/atomic_file.h"
#include "util/error.h"

namespace laminar {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const std::string kPrefix = "transformer.";

std::string shapeString(const std::vector<int64_t>& shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + "]";
}

std::string tensorError(const StoredTensor& t, const std::string& message) {
  return fileError(t.file->path().string(), "tensor '" + t.storedName + "': " + message);
}

// The same, coded: parameters file, tensor, then `params`.
Message tensorMessage(const StoredTensor& t, MessageCode code, MessageParams params, const std::string& message) {
  params.insert(params.begin(), {"tensor", t.storedName});
  return fileMessage(t.file->path().string(), code, std::move(params), "tensor '" + t.storedName + "': " + message);
}

bool isFile(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec);
}

// Shard names from the index must stay inside the checkpoint directory.
bool isPlainRelative(const fs::path& p) {
  if (p.empty() || p.is_absolute()) return false;
  for (const auto& part : p)
    if (part == "..") return false;
  return true;
}

// weight_map of a model.safetensors.index.json: tensor key -> shard file name.
std::map<std::string, std::string> readWeightMap(const fs::path& index) {
  const std::string where = index.string();
  json j;
  try {
    j = json::parse(readFile(index));
  } catch (const json::exception& e) {
    throw Error(fileMessage(where, msg::kFileInvalidJson, {{"detail", e.what()}}, std::string("not valid JSON: ") + e.what()));
  }
  if (!j.is_object() || !j.contains("weight_map") || !j["weight_map"].is_object())
    throw Error(fileMessage(where, msg::kCheckpointIndexNoWeightMap, {}, "no \"weight_map\" object (tensor name -> shard file)"));
  std::map<std::string, std::string> map;
  for (const auto& [key, value] : j["weight_map"].items()) {
    if (!value.is_string())
      throw Error(fileMessage(where, msg::kCheckpointIndexShardNotName, {{"tensor", key}},
                              "weight_map: the shard of tensor '" + key + "' is not a file name"));
    std::string shard = value.get<std::string>();
    if (!isPlainRelative(shard))
      throw Error(fileMessage(where, msg::kCheckpointIndexShardOutside, {{"tensor", key}, {"shard", shard}},
                              "weight_map: tensor '" + key + "' names shard '" + shard +
                                  "', which is outside the checkpoint directory"));
    map[key] = shard;
  }
  if (map.empty()) throw Error(fileMessage(where, msg::kCheckpointIndexEmpty, {}, "weight_map is empty"));
  return map;
}

// First non-finite float in [begin, end), or -1. Scans in parallel blocks; a block's test is
// a branch-free OR so the compiler can vectorize the common (all finite) case.
int64_t firstNonFinite(const float* data, int64_t n) {
  constexpr int64_t kBlock = 1 << 14;
  const int64_t blocks = (n + kBlock - 1) / kBlock;
  std::atomic<int64_t> firstBad{-1};
  at::parallel_for(0, blocks, 16, [&](int64_t b0, int64_t b1) {
    for (int64_t b = b0; b < b1; ++b) {
      const int64_t lo = b * kBlock, hi = std::min(n, lo + kBlock);
      uint32_t bad = 0;
      for (int64_t i = lo; i < hi; ++i) {
        uint32_t bits;
        std::memcpy(&bits, data + i, 4);
        bad |= static_cast<uint32_t>((bits & 0x7f800000u) == 0x7f800000u);
      }
      if (!bad) continue;
      for (int64_t i = lo; i < hi; ++i)
        if (!std::isfinite(data[i])) {
          int64_t expected = firstBad.load();
          while ((expected < 0 || i < expected) && !firstBad.compare_exchange_weak(expected, i)) {
          }
          break;
        }
    }
  });
  return firstBad.load();
}

std::string elementIndex(int64_t flat, const std::vector<int64_t>& shape) {
  std::vector<int64_t> idx(shape.size());
  for (size_t k = shape.size(); k-- > 0;) {
    idx[k] = flat % shape[k];
    flat /= shape[k];
  }
  return shapeString(idx);
}

void checkFinite(const StoredTensor& t, const torch::Tensor& values) {
  int64_t bad = firstNonFinite(values.data_ptr<float>(), values.numel());
  if (bad < 0) return;
  float v = values.data_ptr<float>()[bad];
  const std::string value = std::isnan(v) ? "NaN" : v > 0 ? "+Inf" : "-Inf", index = elementIndex(bad, t.view->shape);
  throw Error(tensorMessage(t, msg::kCheckpointNonFinite, {{"found", value}, {"position", index}},
                            "contains " + value + " at index " + index +
                                " (weights must be finite numbers; the file is corrupt)"));
}

}  // namespace

std::vector<std::pair<std::string, std::vector<int64_t>>> gpt2TensorShapes(const Gpt2Config& c) {
  const int64_t d = c.nEmbd, inner = c.innerDim();
  std::vector<std::pair<std::string, std::vector<int64_t>>> shapes = {{"wte.weight", {c.vocabSize, d}},
                                                                      {"wpe.weight", {c.nPositions, d}}};
  for (int64_t l = 0; l < c.nLayer; ++l) {
    const std::string h = "h." + std::to_string(l) + ".";
    shapes.insert(shapes.end(), {{h + "ln_1.weight", {d}},
                                 {h + "ln_1.bias", {d}},
                                 {h + "attn.c_attn.weight", {d, 3 * d}},
                                 {h + "attn.c_attn.bias", {3 * d}},
                                 {h + "attn.c_proj.weight", {d, d}},
                                 {h + "attn.c_proj.bias", {d}},
                                 {h + "ln_2.weight", {d}},
                                 {h + "ln_2.bias", {d}},
                                 {h + "mlp.c_fc.weight", {d, inner}},
                                 {h + "mlp.c_fc.bias", {inner}},
                                 {h + "mlp.c_proj.weight", {inner, d}},
                                 {h + "mlp.c_proj.bias", {d}}});
  }
  shapes.push_back({"ln_f.weight", {d}});
  shapes.push_back({"ln_f.bias", {d}});
  return shapes;
}

CheckpointFiles locateCheckpoint(const fs::path& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) throw Error(fileMessage(dir.string(), msg::kCheckpointNoSuchDirectory, {}, "no such checkpoint directory"));
  if (!fs::is_directory(dir, ec))
    throw Error(fileMessage(dir.string(), msg::kCheckpointNotADirectory, {},
                            "not a directory (give the checkpoint folder that holds config.json)"));
  CheckpointFiles files;
  files.directory = dir;
  files.config = dir / "config.json";
  if (!isFile(files.config))
    throw Error(fileMessage(dir.string(), msg::kCheckpointNoConfig, {}, "no config.json: not a Hugging Face checkpoint directory"));
  if (isFile(dir / "model.safetensors")) {
    files.weightFiles.push_back(dir / "model.safetensors");
  } else if (isFile(dir / "model.safetensors.index.json")) {
    files.weightIndex = dir / "model.safetensors.index.json";
    std::set<std::string> shards;
    for (const auto& [tensor, shard] : readWeightMap(files.weightIndex)) shards.insert(shard);
    for (const auto& shard : shards) {
      if (!isFile(dir / shard))
        throw Error(fileMessage(files.weightIndex.string(), msg::kCheckpointShardMissing,
                                {{"shard", shard}, {"folder", dir.string()}},
                                "shard '" + shard + "' listed in weight_map does not exist in " + dir.string()));
      files.weightFiles.push_back(dir / shard);
    }
  } else if (isFile(dir / "pytorch_model.bin")) {
    throw Error(fileMessage(dir.string(), msg::kCheckpointOnlyPytorchBin, {},
                            "has only pytorch_model.bin; Laminar reads model.safetensors (convert the "
                            "checkpoint, e.g. with transformers' save_pretrained(safe_serialization=True))"));
  } else {
    throw Error(fileMessage(dir.string(), msg::kCheckpointNoWeights, {}, "no model.safetensors or model.safetensors.index.json"));
  }
  if ((isFile(dir / "vocab.json") && isFile(dir / "merges.txt")) ||
      (isFile(dir / "encoder.json") && isFile(dir / "vocab.bpe")))
    files.tokenizerDirectory = dir;
  return files;
}

CheckpointTensors openCheckpointTensors(const CheckpointFiles& files, const Gpt2Config& config) {
  CheckpointTensors result;
  std::map<std::string, std::string> weightMap;
  if (!files.weightIndex.empty()) weightMap = readWeightMap(files.weightIndex);
  const auto shapes = gpt2TensorShapes(config);
  std::map<std::string, size_t> expected;
  for (size_t i = 0; i < shapes.size(); ++i) expected[shapes[i].first] = i;
  std::vector<std::optional<StoredTensor>> found(shapes.size());
  static const std::regex legacyBuffer(R"(h\.[0-9]+\.attn\.(masked_)?bias)");
  std::set<std::string> seenKeys;

  for (const auto& path : files.weightFiles) {
    auto file = SafetensorsFile::open(path);
    result.files.push_back(file);
    const std::string shardName = path.filename().string();
    for (const auto& view : file->tensors()) {
      StoredTensor t{"", view.name, file, &view};
      if (!files.weightIndex.empty()) {
        auto it = weightMap.find(view.name);
        if (it == weightMap.end())
          throw Error(tensorMessage(t, msg::kCheckpointTensorNotInIndex, {{"index", files.weightIndex.string()}},
                                    "is not listed in the weight_map of " + files.weightIndex.string()));
        if (fs::path(it->second) != fs::path(shardName))
          throw Error(tensorMessage(t, msg::kCheckpointTensorOtherShard, {{"index", files.weightIndex.string()}, {"shard", it->second}},
                                    "is listed in " + files.weightIndex.string() + " as stored in '" + it->second +
                                        "', not in this file"));
      }
      if (!seenKeys.insert(view.name).second)
        throw Error(tensorMessage(t, msg::kCheckpointTensorTwice, {}, "is stored in more than one shard"));
      if (view.name == "lm_head.weight") {
        result.lmHead = t;
        continue;
      }
      t.name = view.name.rfind(kPrefix, 0) == 0 ? view.name.substr(kPrefix.size()) : view.name;
      if (std::regex_match(t.name, legacyBuffer)) {  // causal-mask buffers of old checkpoints
        result.ignoredBuffers.push_back(view.name);
        continue;
      }
      auto e = expected.find(t.name);
      if (e == expected.end())
        throw Error(tensorMessage(t, msg::kCheckpointUnexpectedTensor, {{"count", std::to_string(config.nLayer)}},
                                  "is not a parameter of GPT-2 with n_layer=" + std::to_string(config.nLayer) +
                                      " (unexpected tensor; config: " + files.config.string() + ")"));
      auto& slot = found[e->second];
      if (slot)
        throw Error(tensorMessage(t, msg::kCheckpointTensorDuplicates,
                                  {{"other", slot->storedName}, {"otherFile", slot->file->path().string()}},
                                  "duplicates '" + slot->storedName + "' (" + slot->file->path().string() +
                                      "): the same parameter is stored twice"));
      const auto& want = shapes[e->second].second;
      if (view.shape != want)
        throw Error(tensorMessage(t, msg::kCheckpointTensorShape, {{"shape", shapeString(view.shape)}, {"needed", shapeString(want)}},
                                  "has shape " + shapeString(view.shape) + " but config.json (n_embd=" +
                                      std::to_string(config.nEmbd) + ", vocab_size=" + std::to_string(config.vocabSize) +
                                      ", n_positions=" + std::to_string(config.nPositions) + ") needs " +
                                      shapeString(want)));
      if (view.dtype != DType::F32 && view.dtype != DType::F16 && view.dtype != DType::BF16)
        throw Error(tensorMessage(t, msg::kCheckpointTensorDtype, {{"dtype", dtypeName(view.dtype)}},
                                  std::string("has dtype ") + dtypeName(view.dtype) +
                                      "; GPT-2 weights must be F32, F16 or BF16"));
      slot = t;
    }
  }
  for (const auto& [key, shard] : weightMap)
    if (!seenKeys.count(key))
      throw Error(fileMessage(files.weightIndex.string(), msg::kCheckpointIndexTensorAbsent, {{"tensor", key}, {"shard", shard}},
                              "weight_map lists tensor '" + key + "' in '" + shard + "', but that file does not contain it"));
  std::string fileList;
  for (const auto& p : files.weightFiles) fileList += (fileList.empty() ? "" : ", ") + p.string();
  for (size_t i = 0; i < shapes.size(); ++i) {
    if (!found[i])
      throw Error(fileMessage(fileList, msg::kCheckpointTensorMissing,
                              {{"tensor", shapes[i].first}, {"count", std::to_string(config.nLayer)}},
                              "tensor '" + shapes[i].first + "' (or '" + kPrefix + shapes[i].first +
                                  "') is missing; GPT-2 with n_layer=" + std::to_string(config.nLayer) + " needs it"));
    result.parameters.push_back(*found[i]);
  }
  if (result.lmHead && result.lmHead->view->shape != shapes[0].second)
    throw Error(tensorMessage(*result.lmHead, msg::kCheckpointUntiedHead,
                              {{"shape", shapeString(result.lmHead->view->shape)}, {"wte", shapeString(shapes[0].second)}},
                              "has shape " + shapeString(result.lmHead->view->shape) + ", unlike wte " +
                                  shapeString(shapes[0].second) + ": untied LM head not supported"));
  return result;
}

torch::Tensor tensorToFloat32(const StoredTensor& t) {
  const TensorView& v = *t.view;
  torch::ScalarType type;
  switch (v.dtype) {
    case DType::F32: type = torch::kFloat32; break;
    case DType::F16: type = torch::kFloat16; break;
    case DType::BF16: type = torch::kBFloat16; break;
    default:
      throw Error(tensorMessage(t, msg::kCheckpointTensorDtype, {{"dtype", dtypeName(v.dtype)}},
                                std::string("has dtype ") + dtypeName(v.dtype) + "; GPT-2 weights must be F32, F16 or BF16"));
  }
  torch::Tensor values;
  const size_t element = dtypeSize(v.dtype);
  if (v.byteSize == 0) {
    values = torch::empty(v.shape, torch::kFloat32);
  } else if (reinterpret_cast<uintptr_t>(v.data) % element == 0) {
    // The deleter holds the file, so the mapping outlives every tensor that views it.
    auto file = t.file;
    values = torch::from_blob(const_cast<void*>(v.data), v.shape, [file](void*) {}, torch::TensorOptions(type));
    if (type != torch::kFloat32) values = values.to(torch::kFloat32);
  } else {
    // Misaligned data (possible after an odd-sized tensor): copy rather than alias.
    values = torch::empty(v.shape, torch::TensorOptions(type));
    std::memcpy(values.data_ptr(), v.data, v.byteSize);
    values = values.to(torch::kFloat32);
  }
  checkFinite(t, values);
  return values;
}

Gpt2Weights loadGpt2Weights(const CheckpointFiles& files, const Gpt2Config& config) {
  CheckpointTensors stored = openCheckpointTensors(files, config);
  for (const auto& f : stored.files) f->mapping()->prefetch(0, f->fileSize());  // overlap reading with checking
  Gpt2Weights w;
  w.files = stored.files;
  std::map<std::string, torch::Tensor> byName;
  for (const auto& t : stored.parameters) byName[t.name] = tensorToFloat32(t);
  w.wte = byName.at("wte.weight");
  w.wpe = byName.at("wpe.weight");
  for (int64_t l = 0; l < config.nLayer; ++l) {
    const std::string h = "h." + std::to_string(l) + ".";
    Gpt2BlockWeights b;
    b.ln1Weight = byName.at(h + "ln_1.weight");
    b.ln1Bias = byName.at(h + "ln_1.bias");
    b.attnWeight = byName.at(h + "attn.c_attn.weight");
    b.attnBias = byName.at(h + "attn.c_attn.bias");
    b.attnProjWeight = byName.at(h + "attn.c_proj.weight");
    b.attnProjBias = byName.at(h + "attn.c_proj.bias");
    b.ln2Weight = byName.at(h + "ln_2.weight");
    b.ln2Bias = byName.at(h + "ln_2.bias");
    b.fcWeight = byName.at(h + "mlp.c_fc.weight");
    b.fcBias = byName.at(h + "mlp.c_fc.bias");
    b.mlpProjWeight = byName.at(h + "mlp.c_proj.weight");
    b.mlpProjBias = byName.at(h + "mlp.c_proj.bias");
    w.blocks.push_back(std::move(b));
  }
  w.lnFWeight = byName.at("ln_f.weight");
  w.lnFBias = byName.at("ln_f.bias");
  if (stored.lmHead) {
    torch::Tensor head = tensorToFloat32(*stored.lmHead);
    if (!torch::equal(head, w.wte))
      throw Error(tensorMessage(*stored.lmHead, msg::kCheckpointHeadDiffers, {}, "differs from wte: untied LM head not supported"));
  }
  return w;
}

}  // namespace laminar
