#include "checkpoint/checkpoint_tensors.h"

#include <map>
#include <regex>
#include <set>

#include "util/error.h"

namespace laminar {
namespace fs = std::filesystem;

namespace {

const std::string kPrefix = "transformer.";

}  // namespace

std::string shapeString(const std::vector<int64_t>& shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + "]";
}

Message storedTensorMessage(const StoredTensor& t, MessageCode code, MessageParams params, const std::string& message) {
  params.insert(params.begin(), {"tensor", t.storedName});
  return fileMessage(t.file->path().string(), code, std::move(params), "tensor '" + t.storedName + "': " + message);
}

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
          throw Error(storedTensorMessage(t, msg::kCheckpointTensorNotInIndex, {{"index", files.weightIndex.string()}},
                                    "is not listed in the weight_map of " + files.weightIndex.string()));
        if (fs::path(it->second) != fs::path(shardName))
          throw Error(storedTensorMessage(t, msg::kCheckpointTensorOtherShard, {{"index", files.weightIndex.string()}, {"shard", it->second}},
                                    "is listed in " + files.weightIndex.string() + " as stored in '" + it->second +
                                        "', not in this file"));
      }
      if (!seenKeys.insert(view.name).second)
        throw Error(storedTensorMessage(t, msg::kCheckpointTensorTwice, {}, "is stored in more than one shard"));
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
        throw Error(storedTensorMessage(t, msg::kCheckpointUnexpectedTensor, {{"count", std::to_string(config.nLayer)}},
                                  "is not a parameter of GPT-2 with n_layer=" + std::to_string(config.nLayer) +
                                      " (unexpected tensor; config: " + files.config.string() + ")"));
      auto& slot = found[e->second];
      if (slot)
        throw Error(storedTensorMessage(t, msg::kCheckpointTensorDuplicates,
                                  {{"other", slot->storedName}, {"otherFile", slot->file->path().string()}},
                                  "duplicates '" + slot->storedName + "' (" + slot->file->path().string() +
                                      "): the same parameter is stored twice"));
      const auto& want = shapes[e->second].second;
      if (view.shape != want)
        throw Error(storedTensorMessage(t, msg::kCheckpointTensorShape, {{"shape", shapeString(view.shape)}, {"needed", shapeString(want)}},
                                  "has shape " + shapeString(view.shape) + " but config.json (n_embd=" +
                                      std::to_string(config.nEmbd) + ", vocab_size=" + std::to_string(config.vocabSize) +
                                      ", n_positions=" + std::to_string(config.nPositions) + ") needs " +
                                      shapeString(want)));
      if (view.dtype != DType::F32 && view.dtype != DType::F16 && view.dtype != DType::BF16)
        throw Error(storedTensorMessage(t, msg::kCheckpointTensorDtype, {{"dtype", dtypeName(view.dtype)}},
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
    throw Error(storedTensorMessage(*result.lmHead, msg::kCheckpointUntiedHead,
                              {{"shape", shapeString(result.lmHead->view->shape)}, {"wte", shapeString(shapes[0].second)}},
                              "has shape " + shapeString(result.lmHead->view->shape) + ", unlike wte " +
                                  shapeString(shapes[0].second) + ": untied LM head not supported"));
  return result;
}

}  // namespace laminar
