#include "checkpoint/checkpoint_tensors.h"

#include <map>
#include <regex>
#include <set>

#include "util/error.h"

namespace laminar {
namespace fs = std::filesystem;

namespace {

const std::string kPrefix = "transformer.";

// In a sharded checkpoint, each tensor must be listed in the index's weight_map, in this shard.
void checkListedInIndex(const StoredTensor& t, const std::map<std::string, std::string>& weightMap,
                        const fs::path& index) {
  auto it = weightMap.find(t.storedName);
  if (it == weightMap.end())
    throw Error(storedTensorMessage(t, msg::kCheckpointTensorNotInIndex, {{"index", index.string()}},
                                    "is not listed in the weight_map of " + index.string()));
  if (fs::path(it->second) != t.file->path().filename())
    throw Error(storedTensorMessage(t, msg::kCheckpointTensorOtherShard, {{"index", index.string()}, {"shard", it->second}},
                                    "is listed in " + index.string() + " as stored in '" + it->second +
                                        "', not in this file"));
}

// A parameter found a second time, or stored with a shape or dtype GPT-2 cannot use.
void checkParameter(const StoredTensor& t, const std::optional<StoredTensor>& earlier, const std::vector<int64_t>& want,
                    const Gpt2Config& config) {
  if (earlier)
    throw Error(storedTensorMessage(t, msg::kCheckpointTensorDuplicates,
                                    {{"other", earlier->storedName}, {"otherFile", earlier->file->path().string()}},
                                    "duplicates '" + earlier->storedName + "' (" + earlier->file->path().string() +
                                        "): the same parameter is stored twice"));
  const TensorView& view = *t.view;
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
}

// Every tensor the index lists must be in the shard it names.
void checkIndexComplete(const std::map<std::string, std::string>& weightMap, const std::set<std::string>& seenKeys,
                        const fs::path& index) {
  for (const auto& [key, shard] : weightMap)
    if (!seenKeys.count(key))
      throw Error(fileMessage(index.string(), msg::kCheckpointIndexTensorAbsent, {{"tensor", key}, {"shard", shard}},
                              "weight_map lists tensor '" + key + "' in '" + shard + "', but that file does not contain it"));
}

// The LM head, where a checkpoint stores it, must be wte's: Laminar ties them as GPT-2 does.
void checkTiedHead(const std::optional<StoredTensor>& lmHead, const std::vector<int64_t>& wteShape) {
  if (lmHead && lmHead->view->shape != wteShape)
    throw Error(storedTensorMessage(*lmHead, msg::kCheckpointUntiedHead,
                                    {{"shape", shapeString(lmHead->view->shape)}, {"wte", shapeString(wteShape)}},
                                    "has shape " + shapeString(lmHead->view->shape) + ", unlike wte " +
                                        shapeString(wteShape) + ": untied LM head not supported"));
}

}  // namespace

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
    for (const auto& view : file->tensors()) {
      StoredTensor t{"", view.name, file, &view};
      if (!files.weightIndex.empty()) checkListedInIndex(t, weightMap, files.weightIndex);
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
      checkParameter(t, found[e->second], shapes[e->second].second, config);
      found[e->second] = t;
    }
  }
  checkIndexComplete(weightMap, seenKeys, files.weightIndex);
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
  checkTiedHead(result.lmHead, shapes[0].second);
  return result;
}

}  // namespace laminar
