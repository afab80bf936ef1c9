#include "model_test_support.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <random>

#include "util/atomic_file.h"

namespace laminar::test {
namespace fs = std::filesystem;

fs::path sharedReference() { return fs::path(LAMINAR_SHARED_DIR) / "reference"; }

std::unique_ptr<Gpt2Model> loadTinyReference(const ModelOptions& options) {
  return Gpt2Model::load(sharedReference() / "gpt2-tiny", options);
}

std::unique_ptr<Gpt2Model> loadTinyHubStyle(const fs::path& scratch) {
  fs::create_directories(scratch);
  fs::copy_file(sharedReference() / "gpt2-tiny" / "config.json", scratch / "config.json",
                fs::copy_options::overwrite_existing);
  fs::copy_file(sharedReference() / "gpt2-tiny-hubstyle.safetensors", scratch / "model.safetensors",
                fs::copy_options::overwrite_existing);
  return Gpt2Model::load(scratch);
}

std::vector<std::vector<int64_t>> referenceSequences() {
  auto j = nlohmann::json::parse(readFile(sharedReference() / "gpt2-tiny-expected.json"));
  std::vector<std::vector<int64_t>> out;
  for (const auto& s : j.at("sequences")) out.push_back(s.at("ids").get<std::vector<int64_t>>());
  return out;
}

double maxAbsDiff(const torch::Tensor& a, const torch::Tensor& b) {
  return (a.to(torch::kFloat64) - b.to(torch::kFloat64)).abs().max().item<double>();
}

std::vector<int64_t> someIds(int64_t length, int64_t vocab, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<int64_t> dist(0, vocab - 1);
  std::vector<int64_t> ids(length);
  for (auto& id : ids) id = dist(rng);
  return ids;
}

}  // namespace laminar::test
