#include "checkpoint/synthetic_checkpoint.h"
#include "checkpoint/synthetic_tensor.h"

#include <ATen/CPUGeneratorImpl.h>
#include <ATen/Parallel.h>

#include <algorithm>
#include <system_error>

#include "checkpoint/checkpoint.h"
#include "io/safetensors.h"
#include "util/atomic_file.h"
#include "util/data_paths.h"
#include "util/error.h"
#include "util/tokenizer_files.h"

namespace laminar {
namespace fs = std::filesystem;

namespace {

uint64_t splitmix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

uint64_t tensorSeed(uint64_t seed, const std::string& name) {
  uint64_t h = 0xcbf29ce484222325ull;  // FNV-1a of the name, mixed with the seed
  for (unsigned char c : name) h = (h ^ c) * 0x100000001b3ull;
  return splitmix64(splitmix64(seed) ^ h);
}

bool endsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The tokenizer files to copy and the names they get: the given folder's (in the order the
// tokenizer prefers them, util/tokenizer_files.h), else the bundled tokenizer's. A pair is
// written under Hugging Face's names, vocab.json + merges.txt; a lone tokenizer.json as itself.
std::vector<std::pair<fs::path, std::string>> tokenizerCopies(const fs::path& source) {
  const fs::path dir = source.empty() ? findDataPath("tokenizer/vocab.json").parent_path() : source;
  const std::vector<fs::path> files = tokenizerFilesIn(dir);
  if (files.size() == 2) return {{files[0], "vocab.json"}, {files[1], "merges.txt"}};
  if (files.size() == 1) return {{files[0], kTokenizerJsonName}};
  if (!source.empty())
    throw Error(fileError(source.string(), "no tokenizer files (vocab.json + merges.txt, encoder.json + vocab.bpe, or tokenizer.json)"));
  throw Error(fileError(dir.string(), "bundled tokenizer incomplete: merges.txt missing"));
}

// Replacing `outDir` deletes it: allow that only for an empty folder or an earlier synthetic
// checkpoint, never for a user's real model or any other folder given by mistake.
void checkReplaceable(const fs::path& outDir) {
  std::error_code ec;
  if (!fs::exists(outDir, ec)) return;
  if (!fs::is_directory(outDir, ec)) throw Error(fileError(outDir.string(), "exists and is not a directory; not replacing it"));
  if (fs::is_empty(outDir, ec)) return;
  bool synthetic = false;
  try {
    synthetic = Gpt2Config::fromFile(outDir / "config.json").syntheticWeights;
  } catch (const Error&) {
  }
  if (!synthetic)
    throw Error(fileError(outDir.string(), "exists and is not a synthetic checkpoint; refusing to replace it "
                                           "(choose a new folder or remove it first)"));
}

}  // namespace

torch::Tensor syntheticTensor(const Gpt2Config&, uint64_t seed, const std::string& name,
                              const std::vector<int64_t>& shape) {
  // Fixed-size chunks, each with its own generator: parallel, yet the same values whatever
  // the thread count.
  const uint64_t base = tensorSeed(seed, name);
  torch::Tensor noise = torch::empty(shape, torch::kFloat32);
  const int64_t n = noise.numel();
  constexpr int64_t kChunk = 1 << 20;
  float* data = noise.data_ptr<float>();
  at::parallel_for(0, (n + kChunk - 1) / kChunk, 1, [&](int64_t c0, int64_t c1) {
    for (int64_t c = c0; c < c1; ++c) {
      const int64_t lo = c * kChunk, length = std::min(kChunk, n - lo);
      auto gen = at::make_generator<at::CPUGeneratorImpl>(splitmix64(base ^ splitmix64(static_cast<uint64_t>(c))));
      torch::from_blob(data + lo, {length}, torch::kFloat32).normal_(0.0, 1.0, gen);
    }
  });
  const bool layerNorm = name.find("ln_") != std::string::npos;
  if (layerNorm && endsWith(name, ".weight")) return noise.mul_(0.02f).add_(1.0f);
  if (endsWith(name, ".bias")) return noise.mul_(0.01f);
  return noise.mul_(0.02f);
}

void writeSyntheticCheckpoint(const fs::path& outDir, const SyntheticCheckpointOptions& options) {
  Gpt2Config config = options.config;
  config.syntheticWeights = true;
  checkReplaceable(outDir);
  const auto copies = tokenizerCopies(options.tokenizerSource);
  AtomicDirectory dir(outDir);
  writeFileAtomically(dir.path() / "config.json", config.toJson().dump(2) + "\n");
  std::error_code ec;
  for (const auto& [from, name] : copies) {
    if (!ec) fs::copy_file(from, dir.path() / name, ec);
    // copies of read-only sources stay writable
    if (!ec) fs::permissions(dir.path() / name, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::add, ec);
  }
  if (ec) throw Error(fileError(outDir.string(), "cannot copy the tokenizer files: " + ec.message()));

  const auto shapes = gpt2TensorShapes(config);
  std::vector<TensorSpec> specs;
  int64_t totalElements = 0;
  for (const auto& [name, shape] : shapes) {
    specs.push_back({"transformer." + name, DType::F32, shape});
    totalElements += static_cast<int64_t>(specs.back().byteSize() / 4);
  }
  const std::map<std::string, std::string> metadata = {
      {"format", "pt"},
      {"laminar_synthetic_weights", "true"},
      {"laminar_seed", std::to_string(options.seed)},
      {"laminar_shape", config.shapeName()}};
  SafetensorsWriter writer(dir.path() / "model.safetensors", specs, metadata);
  int64_t done = 0;
  for (const auto& [name, shape] : shapes) {
    if (options.cancel && options.cancel->load()) throw Cancelled();
    torch::Tensor t = syntheticTensor(config, options.seed, name, shape);
    writer.write(t.data_ptr<float>(), static_cast<size_t>(t.numel()) * 4);
    done += t.numel();
    if (options.progress) options.progress(static_cast<double>(done) / static_cast<double>(totalElements));
  }
  writer.commit();
  dir.commit();
}

}  // namespace laminar
