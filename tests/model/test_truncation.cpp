// Tokens after a sequence's last requested position are not run (GPT-2 is causal). These
// tests hold that shortcut against running every token, for the capture patterns of both
// experiments: bit for bit for a sequence run alone, and in batches of many lengths across
// chunking bit for bit too on the CPU's default path (oneDNN's GEMMs give a row the same bits
// wherever it sits, test_conv1d.cpp, and the attention loops compute each query from its own
// sequence), to float32 rounding on libtorch's BLAS or its batched attention (BLAS rounds a
// row by its place in the batch, and shortening earlier sequences moves the later ones: see
// gpt2_model.cpp).
#include <gtest/gtest.h>

#include "model/causal_attention.h"
#include "model/hook_points.h"
#include "model/torch_runtime.h"
#include "model_test_support.h"

namespace laminar::test {
namespace {

// Runs `spec` with and without the shortcut and compares every capture: bit for bit when
// `exact`, else within 1e-5 (the tolerance of padding and chunking, test_capture.cpp).
void expectSameWithAndWithoutSkipping(const Gpt2Model& model, const std::vector<std::vector<int64_t>>& seqs,
                                      CaptureSpec spec, bool exact, const std::string& what) {
  spec.skipTokensAfterLastPosition = false;
  Captures full = model.run(seqs, spec);
  spec.skipTokensAfterLastPosition = true;
  Captures skipped = model.run(seqs, spec);
  ASSERT_EQ(full.size(), skipped.size()) << what;
  for (const auto& [hook, tensors] : full) {
    ASSERT_EQ(skipped.count(hook), 1u) << what << " " << hook;
    for (size_t s = 0; s < tensors.size(); ++s) {
      const torch::Tensor& a = tensors[s];
      const torch::Tensor& b = skipped.at(hook)[s];
      ASSERT_EQ(a.sizes(), b.sizes()) << what << " " << hook << " seq " << s;
      if (exact)
        EXPECT_TRUE(torch::equal(a, b)) << what << " " << hook << " seq " << s << ": max |diff| " << maxAbsDiff(a, b);
      else
        EXPECT_LE(maxAbsDiff(a, b), 1e-5) << what << " " << hook << " seq " << s;
    }
  }
}

// Whether a row's bits are its own whatever the batch: oneDNN's GEMMs and the attention loops.
bool rowsIndependentOfTheBatch() {
  const torch::Tensor cpuQkv = torch::zeros({1, 3});  // what the attention loops take: CPU float32
  return cpuGemmLibrary().rfind("oneDNN ", 0) == 0 && causalAttentionCpuRuns(cpuQkv);
}

// Each sequence alone (bit for bit), then all together under several batch budgets (bit for
// bit where rows are independent of the batch).
void expectSameAloneAndBatched(const std::vector<std::vector<int64_t>>& seqs, const CaptureSpec& spec,
                               const std::string& what) {
  auto model = loadTinyReference();
  for (size_t s = 0; s < seqs.size(); ++s) {
    CaptureSpec one = spec;
    one.positions = {spec.positions[s]};
    expectSameWithAndWithoutSkipping(*model, {seqs[s]}, one, true, what + " alone, seq " + std::to_string(s));
  }
  for (int64_t budget : {int64_t(8192), int64_t(60), int64_t(1)}) {
    ModelOptions o;
    o.maxBatchTokens = budget;
    auto batched = loadTinyReference(o);
    expectSameWithAndWithoutSkipping(*batched, seqs, spec, rowsIndependentOfTheBatch(),
                                     what + " budget " + std::to_string(budget));
  }
}

std::vector<std::vector<int64_t>> sequencesOfManyLengths(int64_t vocab) {
  std::vector<std::vector<int64_t>> seqs;
  for (int i = 0; i < 11; ++i) seqs.push_back(someIds(3 + (i * 7) % 41, vocab, 200 + i));
  return seqs;
}

// Experiment 1: Q, K, V at a target and at one earlier token of every sequence.
TEST(Truncation, SimilarityCapturesAgree) {
  auto seqs = sequencesOfManyLengths(1000);
  CaptureSpec spec;
  for (int l = 0; l < 3; ++l)
    for (HookSuffix h : {hook::kAttnQ, hook::kAttnK, hook::kAttnV}) spec.hooks.push_back(hookName(l, h));
  for (size_t s = 0; s < seqs.size(); ++s) {
    const int64_t n = static_cast<int64_t>(seqs[s].size());
    const int64_t target = std::max<int64_t>(1, n / 2 - static_cast<int64_t>(s % 3));
    spec.positions.push_back({target, target - 1});
  }
  expectSameAloneAndBatched(seqs, spec, "similarity");
}

// Experiment 2: attention and MLP outputs at every occurrence; some sequences are used whole.
TEST(Truncation, MiDistanceCapturesAgree) {
  auto seqs = sequencesOfManyLengths(1000);
  CaptureSpec spec;
  for (int l = 0; l < 3; ++l)
    for (HookSuffix h : {hook::kAttnOut, hook::kMlpOut}) spec.hooks.push_back(hookName(l, h));
  for (size_t s = 0; s < seqs.size(); ++s) {
    const int64_t n = static_cast<int64_t>(seqs[s].size());
    if (s % 4 == 3) spec.positions.push_back({});  // every position
    else spec.positions.push_back({0, n / 3, std::max<int64_t>(0, n - 1 - static_cast<int64_t>(s))});
  }
  expectSameAloneAndBatched(seqs, spec, "mi-distance");
}

// Every hook point, attention pattern and logits included: the pattern keeps its full key
// length (the keys never run are exactly 0, as the causal mask makes them).
TEST(Truncation, EveryHookPointAgrees) {
  auto seqs = sequencesOfManyLengths(1000);
  CaptureSpec spec;
  spec.hooks = allHookPoints(3);
  for (size_t s = 0; s < seqs.size(); ++s) spec.positions.push_back({static_cast<int64_t>(seqs[s].size()) / 2});
  expectSameAloneAndBatched(seqs, spec, "all hooks");
}

// The shortcut really runs fewer tokens: the blocks' inputs stop at the last requested row.
TEST(Truncation, TokensAfterTheLastRequestedPositionAreNotRun) {
  auto model = loadTinyReference();
  std::vector<std::vector<int64_t>> seqs = {someIds(30, model->config().vocabSize, 5)};
  CaptureSpec spec;
  spec.hooks = {hookName(0, hook::kAttnPattern)};
  spec.positions = {{4}};
  Captures c = model->run(seqs, spec);
  torch::Tensor pattern = c.at(hookName(0, hook::kAttnPattern))[0];  // [H, 1, 30]
  ASSERT_EQ(pattern.size(2), 30);
  EXPECT_TRUE(torch::equal(pattern.narrow(2, 5, 25), torch::zeros_like(pattern.narrow(2, 5, 25))));
  EXPECT_GT(pattern.narrow(2, 0, 5).sum().item<double>(), 0.99);
}

}  // namespace
}  // namespace laminar::test
