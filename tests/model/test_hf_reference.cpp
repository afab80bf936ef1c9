// Every hook point of gpt2-tiny against Hugging Face transformers' own activations
// (../shared/reference), for both checkpoint key styles.
#include <gtest/gtest.h>

#include "io/safetensors.h"
#include "model/hook_points.h"
#include "model_test_support.h"

namespace laminar::test {
namespace {

constexpr double kTolerance = 1e-4;  // the bound; typical errors are ~1e-6

torch::Tensor viewOf(const TensorView& v) {
  EXPECT_EQ(v.dtype, DType::F32) << v.name;
  return torch::from_blob(const_cast<void*>(v.data), v.shape, torch::kFloat32).clone();
}

void compareWithReference(const Gpt2Model& model) {
  auto expected = SafetensorsFile::open(sharedReference() / "gpt2-tiny-expected.safetensors");
  auto sequences = referenceSequences();
  ASSERT_EQ(sequences.size(), 4u);
  CaptureSpec spec;
  spec.hooks = allHookPoints(static_cast<int>(model.config().nLayer));
  Captures got = model.run(sequences, spec);
  int compared = 0;
  double worst = 0;
  for (size_t s = 0; s < sequences.size(); ++s) {
    for (const auto& hook : spec.hooks) {
      std::string key = "seq" + std::to_string(s) + "." + hook;
      const TensorView* ref = expected->find(key);
      ASSERT_NE(ref, nullptr) << "fixture lacks " << key;
      torch::Tensor want = viewOf(*ref);
      const torch::Tensor& have = got.at(hook).at(s);
      ASSERT_EQ(have.sizes(), want.sizes()) << key;
      double diff = maxAbsDiff(have, want);
      worst = std::max(worst, diff);
      EXPECT_LE(diff, kTolerance) << key;
      ++compared;
    }
  }
  EXPECT_EQ(compared, static_cast<int>(expected->tensors().size())) << "every fixture tensor is compared";
  ::testing::Test::RecordProperty("worst_abs_error", std::to_string(worst));
  std::cout << "worst abs error over " << compared << " tensors: " << worst << "\n";
}

TEST(HfReference, TransformerPrefixedCheckpointMatchesEveryHookPoint) {
  auto model = loadTinyReference();
  compareWithReference(*model);
}

TEST(HfReference, HubStyleCheckpointMatchesEveryHookPoint) {
  auto scratch = std::filesystem::temp_directory_path() / ("laminar-hubstyle-" + std::to_string(::getpid()));
  auto model = loadTinyHubStyle(scratch);
  compareWithReference(*model);
  std::filesystem::remove_all(scratch);
}

TEST(HfReference, BatchedRunOfAllSequencesEqualsSingleRuns) {
  // The fixture records HF's own padded-vs-single difference (2e-6); ours must be as small.
  auto model = loadTinyReference();
  auto sequences = referenceSequences();
  CaptureSpec spec;
  spec.hooks = {"blocks.2.hook_resid_post", "blocks.1.attn.hook_pattern", "logits"};
  Captures batched = model->run(sequences, spec);
  for (size_t s = 0; s < sequences.size(); ++s) {
    Captures single = model->run({sequences[s]}, spec);
    for (const auto& hook : spec.hooks)
      EXPECT_LE(maxAbsDiff(batched.at(hook).at(s), single.at(hook).at(0)), 1e-5) << hook << " seq " << s;
  }
}

}  // namespace
}  // namespace laminar::test
