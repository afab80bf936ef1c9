// The residual stream after each block and its logit lens, against Hugging Face's own
// activations (../shared/reference) and against the lens written out in float64 from the
// checkpoint's weights.
#include <gtest/gtest.h>

#include "io/safetensors.h"
#include "model/hook_points.h"
#include "model_test_support.h"
#include "util/error.h"

namespace laminar::test {
namespace {

torch::Tensor tensorOf(const SafetensorsFile& file, const std::string& name) {
  const TensorView* v = file.find(name);
  if (!v) throw std::runtime_error(file.path().string() + " lacks " + name);
  EXPECT_EQ(v->dtype, DType::F32) << name;
  return torch::from_blob(const_cast<void*>(v->data), v->shape, torch::kFloat32).clone();
}

std::shared_ptr<SafetensorsFile> expected() {
  return SafetensorsFile::open(sharedReference() / "gpt2-tiny-expected.safetensors");
}

// ln_f then the tied unembedding, written out in float64 from the checkpoint file.
torch::Tensor lensInFloat64(const torch::Tensor& resid) {
  auto weights = SafetensorsFile::open(sharedReference() / "gpt2-tiny" / "model.safetensors");
  torch::Tensor x = resid.to(torch::kFloat64);
  torch::Tensor mean = x.mean(-1, true);
  torch::Tensor var = (x - mean).pow(2).mean(-1, true);  // biased, as LayerNorm
  torch::Tensor normalized = (x - mean) / (var + 1e-5).sqrt() * tensorOf(*weights, "transformer.ln_f.weight").to(torch::kFloat64) +
                             tensorOf(*weights, "transformer.ln_f.bias").to(torch::kFloat64);
  return normalized.matmul(tensorOf(*weights, "transformer.wte.weight").to(torch::kFloat64).t());
}

// Every row of every sequence: the attention pattern [H, T, T] and the residual stream after
// each block, in one batch where other sequences ask for a few rows only.
TEST(ResidualAndPattern, WholeSequencesMatchHuggingFaceNextToPartialOnes) {
  auto model = loadTinyReference();
  auto ref = expected();
  auto sequences = referenceSequences();
  CaptureSpec spec;
  for (int l = 0; l < 3; ++l) {
    spec.hooks.push_back(hookName(l, hook::kAttnPattern));
    spec.hooks.push_back(hookName(l, hook::kResidPost));
  }
  spec.positions = {{}, {3}, {}, {40, 2}};  // sequences 0 and 2 whole
  Captures got = model->run(sequences, spec);
  for (int s : {0, 2}) {
    const int64_t T = static_cast<int64_t>(sequences[s].size());
    for (const auto& name : spec.hooks) {
      torch::Tensor want = tensorOf(*ref, "seq" + std::to_string(s) + "." + name);
      const torch::Tensor& have = got.at(name).at(s);
      ASSERT_EQ(have.sizes(), want.sizes()) << name;
      EXPECT_EQ(have.size(-2), T) << name << ": every row";
      EXPECT_LE(maxAbsDiff(have, want), kTolerance) << name << " seq " << s;
    }
  }
  // The partial ones: the asked rows only, the pattern's keys still the whole sequence.
  const std::string pattern = hookName(2, hook::kAttnPattern);
  EXPECT_EQ(got.at(pattern).at(3).sizes(), (torch::IntArrayRef{4, 2, 64}));
  torch::Tensor want = tensorOf(*ref, "seq3." + pattern).index_select(1, torch::tensor({40, 2}));
  EXPECT_LE(maxAbsDiff(got.at(pattern).at(3), want), kTolerance);
}

TEST(LogitLens, LastBlockResidualGivesTheModelsLogits) {
  auto model = loadTinyReference();
  auto ref = expected();
  auto sequences = referenceSequences();
  const std::string last = hookName(2, hook::kResidPost);
  CaptureSpec spec;
  spec.hooks = {last, hook::kLogits};
  Captures got = model->run(sequences, spec);
  for (size_t s = 0; s < sequences.size(); ++s) {
    torch::Tensor lens = model->logitLens(got.at(last).at(s));
    const std::string key = "seq" + std::to_string(s) + "." + hook::kLogits;
    EXPECT_LE(maxAbsDiff(lens, tensorOf(*ref, key)), kTolerance) << key;
    // the same code as run()'s logits, on the same rows: the same bits
    EXPECT_TRUE(torch::equal(lens, got.at(hook::kLogits).at(s))) << key;
    // and the lens of HF's own residual stream gives HF's logits
    torch::Tensor hfResid = tensorOf(*ref, "seq" + std::to_string(s) + "." + last);
    EXPECT_LE(maxAbsDiff(model->logitLens(hfResid), tensorOf(*ref, key)), kTolerance) << key;
  }
}

TEST(LogitLens, EveryBlockMatchesTheLensWrittenOutInFloat64) {
  auto model = loadTinyReference();
  auto ref = expected();
  for (int l = 0; l < 3; ++l) {
    torch::Tensor resid = tensorOf(*ref, "seq2." + hookName(l, hook::kResidPost));  // [23, d]
    torch::Tensor lens = model->logitLens(resid);
    ASSERT_EQ(lens.sizes(), (torch::IntArrayRef{23, 1000}));
    EXPECT_LE(maxAbsDiff(lens, lensInFloat64(resid)), kTolerance) << "block " << l;
    // one row alone gives that row of the batch (to float32 rounding: a GEMM's bits depend on its rows)
    EXPECT_LE(maxAbsDiff(model->logitLens(resid[7]), lens[7]), 1e-5) << "block " << l;
  }
}

TEST(LogitLens, AResidualOfTheWrongWidthIsRefused) {
  auto model = loadTinyReference();
  try {
    model->logitLens(torch::zeros({2, 63}));
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("n_embd = 64"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace laminar::test
