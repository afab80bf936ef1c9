// Capture semantics: causality, padding/chunking invariance, selective rows, the per-block
// callback, cancellation and input validation.
#include <gtest/gtest.h>

#include "model/hook_points.h"
#include "model/torch_runtime.h"
#include "model_test_support.h"
#include "util/error.h"

namespace laminar::test {
namespace {

const std::vector<std::string> kSomeHooks = {hookName(0, hook::kAttnQ),        hookName(1, hook::kAttnOut),
                                             hookName(2, hook::kMlpOut),       hookName(2, hook::kAttnPattern),
                                             hook::kLnFinalNormalized,         hook::kLogits};

TEST(Capture, AppendingTokensNeverChangesEarlierPositions) {
  auto model = loadTinyReference();
  auto ids = someIds(40, model->config().vocabSize, 7);
  CaptureSpec spec;
  spec.hooks = allHookPoints(3);
  std::vector<int64_t> prefix(ids.begin(), ids.begin() + 13);
  Captures shortRun = model->run({prefix}, spec);
  Captures longRun = model->run({ids}, spec);
  for (const auto& hook : spec.hooks) {
    torch::Tensor a = shortRun.at(hook)[0], b = longRun.at(hook)[0];
    if (hook == hookName(0, hook::kAttnPattern) || hook == hookName(1, hook::kAttnPattern) ||
        hook == hookName(2, hook::kAttnPattern))
      b = b.narrow(1, 0, 13).narrow(2, 0, 13);  // [H, q, k]
    else
      b = b.narrow(0, 0, 13);
    EXPECT_LE(maxAbsDiff(a, b), 1e-5) << hook;
  }
}

TEST(Capture, PaddingAndChunkingGiveTheSameNumbersAsOneSequenceAtATime) {
  std::vector<std::vector<int64_t>> seqs;
  for (int i = 0; i < 9; ++i) seqs.push_back(someIds(3 + (i * 7) % 41, 1000, 100 + i));
  for (int64_t budget : {int64_t(8192), int64_t(60), int64_t(1)}) {
    ModelOptions o;
    o.maxBatchTokens = budget;
    auto model = loadTinyReference(o);
    CaptureSpec spec;
    spec.hooks = kSomeHooks;
    Captures batched = model->run(seqs, spec);
    for (size_t s = 0; s < seqs.size(); ++s) {
      Captures single = model->run({seqs[s]}, spec);
      for (const auto& hook : spec.hooks)
        EXPECT_LE(maxAbsDiff(batched.at(hook)[s], single.at(hook)[0]), 1e-5)
            << hook << " seq " << s << " budget " << budget;
    }
  }
}

TEST(Capture, SelectedPositionsAreExactlyThoseRowsOfTheFullCapture) {
  auto model = loadTinyReference();
  std::vector<std::vector<int64_t>> seqs = {someIds(20, 1000, 1), someIds(9, 1000, 2)};
  CaptureSpec full;
  full.hooks = kSomeHooks;
  CaptureSpec some = full;
  some.positions = {{19, 0, 5}, {}};  // second sequence: all positions
  Captures a = model->run(seqs, full), b = model->run(seqs, some);
  auto idx = torch::tensor(std::vector<int64_t>{19, 0, 5});
  for (const auto& hook : kSomeHooks) {
    int dim = hook == hookName(2, hook::kAttnPattern) ? 1 : 0;
    // Rows are gathered, not recomputed — except logits, where a GEMM over fewer rows may
    // round differently.
    double tolerance = hook == hook::kLogits ? 1e-5 : 0.0;
    EXPECT_LE(maxAbsDiff(b.at(hook)[0], a.at(hook)[0].index_select(dim, idx)), tolerance) << hook;
    EXPECT_EQ(maxAbsDiff(b.at(hook)[1], a.at(hook)[1]), 0.0) << hook;
  }
  EXPECT_EQ(b.at(hookName(2, hook::kAttnPattern))[0].sizes(), (torch::IntArrayRef{4, 3, 20}));
  EXPECT_EQ(b.at(hook::kLogits)[0].sizes(), (torch::IntArrayRef{3, 1000}));
}

TEST(Capture, OnlyRequestedHooksAreReturned) {
  auto model = loadTinyReference();
  CaptureSpec spec;
  spec.hooks = {hookName(1, hook::kAttnV)};
  Captures c = model->run({someIds(5, 1000, 3)}, spec);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c.begin()->first, hookName(1, hook::kAttnV));
}

TEST(Capture, CallbackFiresOncePerBlockInOrderWithThatBlocksCaptures) {
  auto model = loadTinyReference();
  CaptureSpec spec;
  spec.hooks = {hook::kEmbed, hookName(0, hook::kResidPost), hookName(1, hook::kResidPost),
                hookName(2, hook::kResidPost), hook::kLogits};
  std::vector<int> layers;
  std::vector<std::vector<std::string>> names;
  Captures streamed;
  const Captures kept = model->run({someIds(6, 1000, 4), someIds(3, 1000, 5)}, spec, [&](int layer, const Captures& block) {
    for (const auto& [k, v] : block) streamed[k] = v;  // the callback keeps what it wants
    layers.push_back(layer);
    std::vector<std::string> n;
    for (const auto& [k, v] : block) {
      n.push_back(k);
      EXPECT_EQ(v.size(), 2u);
    }
    names.push_back(n);
  });
  EXPECT_EQ(layers, (std::vector<int>{0, 1, 2, 3}));
  EXPECT_EQ(names[0], (std::vector<std::string>{hookName(0, hook::kResidPost), hook::kEmbed}));
  EXPECT_EQ(names[1], (std::vector<std::string>{hookName(1, hook::kResidPost)}));
  EXPECT_EQ(names[3], (std::vector<std::string>{hook::kLogits}));
  // Streamed captures are the callback's, not also kept to the end (an analysis run held every
  // layer's rows for nothing); what it kept equals a run without a callback.
  EXPECT_TRUE(kept.empty());
  const Captures whole = model->run({someIds(6, 1000, 4), someIds(3, 1000, 5)}, spec);
  ASSERT_EQ(whole.size(), streamed.size());
  for (const auto& [name, tensors] : whole)
    for (size_t s = 0; s < tensors.size(); ++s) EXPECT_TRUE(tensors[s].equal(streamed.at(name).at(s))) << name;
}

TEST(Capture, CancelStopsBetweenBlocks) {
  auto model = loadTinyReference();
  CaptureSpec spec;
  spec.hooks = {hookName(0, hook::kResidPost), hookName(1, hook::kResidPost), hookName(2, hook::kResidPost)};
  std::atomic<bool> cancel{false};
  std::vector<int> seen;
  EXPECT_THROW(model->run({someIds(6, 1000, 4)}, spec,
                          [&](int layer, const Captures&) {
                            seen.push_back(layer);
                            if (layer == 0) cancel = true;
                          },
                          &cancel),
               Cancelled);
  EXPECT_EQ(seen, std::vector<int>{0});
}

TEST(Capture, BadInputIsAClearError) {
  auto model = loadTinyReference();
  CaptureSpec spec;
  spec.hooks = {hookName(0, hook::kResidPost)};
  auto expectError = [&](const std::vector<std::vector<int64_t>>& ids, const CaptureSpec& s, const std::string& part) {
    try {
      model->run(ids, s);
      ADD_FAILURE() << "expected an error mentioning " << part;
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find(part), std::string::npos) << e.what();
    }
  };
  expectError({{1, 2, 1000}}, spec, "token id 1000 is outside the vocabulary");
  expectError({{1, -1}}, spec, "token id -1");
  expectError({someIds(65, 1000, 1)}, spec, "n_positions = 64");
  expectError({{}}, spec, "sequence 0 is empty");
  CaptureSpec badHook;
  badHook.hooks = {hookName(3, hook::kAttnQ)};  // the model has blocks 0..2
  expectError({{1, 2}}, badHook, "unknown hook point 'blocks.3.attn.hook_q'");
  CaptureSpec badPos = spec;
  badPos.positions = {{2}};
  expectError({{1, 2}}, badPos, "capture position 2 is outside sequence 0");
}

TEST(Capture, HalfPrecisionIsRefusedOnTheCpuWithAReason) {
  ModelOptions o;
  o.dtype = "float16";
  try {
    loadTinyReference(o);
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("only supported on CUDA"), std::string::npos);
  }
}

TEST(Capture, CudaPathMatchesCpuWhenAvailable) {
  if (!cudaAvailable()) GTEST_SKIP() << "no CUDA device";
  ModelOptions o;
  o.device = "cuda";
  auto gpu = loadTinyReference(o);
  auto cpu = loadTinyReference();
  auto seqs = referenceSequences();
  CaptureSpec spec;
  spec.hooks = allHookPoints(3);
  Captures a = gpu->run(seqs, spec), b = cpu->run(seqs, spec);
  for (const auto& hook : spec.hooks)
    for (size_t s = 0; s < seqs.size(); ++s) EXPECT_LE(maxAbsDiff(a.at(hook)[s], b.at(hook)[s]), 1e-4) << hook;
}

}  // namespace
}  // namespace laminar::test
