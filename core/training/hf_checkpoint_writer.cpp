#include "training/hf_checkpoint_writer.h"

#include <system_error>

#include "checkpoint/checkpoint.h"
#include "util/atomic_file.h"
#include "util/error.h"

namespace laminar {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

void checkReplaceable(const fs::path& outDir) {
  std::error_code ec;
  if (!fs::exists(outDir, ec)) return;
  if (!fs::is_directory(outDir, ec)) throw Error(fileError(outDir.string(), "exists and is not a directory; not replacing it"));
  if (fs::is_empty(outDir, ec)) return;
  bool ours = false;
  try {
    json j = json::parse(readFile(outDir / "config.json"));
    ours = j.contains("laminar_trained") || j.contains("laminar_synthetic_weights");
  } catch (const std::exception&) {
  }
  if (!ours)
    throw Error(fileError(outDir.string(), "exists and was not written by Laminar; refusing to replace it "
                                           "(choose a new folder or remove it first)"));
}

torch::ScalarType torchType(DType t) {
  switch (t) {
    case DType::F32: return torch::kFloat32;
    case DType::F16: return torch::kFloat16;
    case DType::BF16: return torch::kBFloat16;
    default: throw Error(std::string("cannot store GPT-2 weights as ") + dtypeName(t) + " (F32, F16 or BF16)");
  }
}

const char* torchDtypeName(DType t) {
  return t == DType::F16 ? "float16" : t == DType::BF16 ? "bfloat16" : "float32";
}

}  // namespace

void writeHfCheckpoint(const fs::path& outDir, const HfCheckpointContent& content) {
  const torch::ScalarType type = torchType(content.dtype);
  const auto shapes = gpt2TensorShapes(content.config);
  if (shapes.size() != content.parameters.size())
    throw Error("writing " + outDir.string() + ": " + std::to_string(content.parameters.size()) +
                " parameters given, GPT-2 with this config has " + std::to_string(shapes.size()));
  const fs::path vocab = content.tokenizerDirectory / "vocab.json", merges = content.tokenizerDirectory / "merges.txt";
  std::error_code ec;
  if (!fs::is_regular_file(vocab, ec) || !fs::is_regular_file(merges, ec))
    throw Error(fileError(content.tokenizerDirectory.string(), "no vocab.json + merges.txt to copy into the checkpoint"));
  checkReplaceable(outDir);

  std::vector<torch::Tensor> stored;
  std::vector<TensorToWrite> tensors;
  for (size_t i = 0; i < shapes.size(); ++i) {
    const auto& [name, tensor] = content.parameters[i];
    if (name != shapes[i].first || tensor.sizes().vec() != shapes[i].second)
      throw Error("writing " + outDir.string() + ": parameter " + std::to_string(i) + " is '" + name +
                  "', expected '" + shapes[i].first + "' with its GPT-2 shape");
    stored.push_back(tensor.detach().to(torch::kCPU, type).contiguous());
    const auto& t = stored.back();
    tensors.push_back({"transformer." + name, content.dtype, shapes[i].second, t.data_ptr(),
                       static_cast<size_t>(t.numel()) * t.element_size()});
  }
  std::map<std::string, std::string> metadata = content.metadata;
  metadata["format"] = "pt";

  json config = content.config.toJson();
  config["torch_dtype"] = torchDtypeName(content.dtype);
  config.update(content.extraConfig);

  AtomicDirectory dir(outDir);
  writeFileAtomically(dir.path() / "config.json", config.dump(2) + "\n");
  fs::copy_file(vocab, dir.path() / "vocab.json", ec);
  if (!ec) fs::copy_file(merges, dir.path() / "merges.txt", ec);
  for (const char* name : {"vocab.json", "merges.txt"})  // copies of read-only sources stay writable
    if (!ec) fs::permissions(dir.path() / name, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::add, ec);
  if (ec) throw Error(fileError(outDir.string(), "cannot copy the tokenizer files: " + ec.message()));
  writeSafetensors(dir.path() / "model.safetensors", tensors, metadata);
  dir.commit();
}

}  // namespace laminar
