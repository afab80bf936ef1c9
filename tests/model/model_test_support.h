#pragma once
#include "util/torch_api.h"

#include <filesystem>
#include <string>
#include <vector>

#include "model/gpt2_model.h"

namespace laminar::test {

// The bound on |Laminar - Hugging Face| for activations (test_hf_reference.cpp says why);
// LAMINAR_HF_TOLERANCE (tests/model/CMakeLists.txt) passes the same figure to test_cli_extract.py.
inline constexpr double kTolerance = LAMINAR_HF_TOLERANCE;

std::filesystem::path sharedReference();  // ../shared/reference
// gpt2-tiny with the `transformer.` prefix, as save_pretrained writes it.
std::unique_ptr<Gpt2Model> loadTinyReference(const ModelOptions& options = {});
// The same weights in the hub's original key style (no prefix, legacy attn.bias buffers),
// assembled into a temporary checkpoint directory.
std::unique_ptr<Gpt2Model> loadTinyHubStyle(const std::filesystem::path& scratch);
std::vector<std::vector<int64_t>> referenceSequences();  // the 4 id sequences of the fixture
double maxAbsDiff(const torch::Tensor& a, const torch::Tensor& b);
// A deterministic id sequence for a model with `vocab` tokens.
std::vector<int64_t> someIds(int64_t length, int64_t vocab, uint64_t seed);

}  // namespace laminar::test
