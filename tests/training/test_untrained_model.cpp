// The untrained control (issue 10, item 1): a GPT-2 built in memory with Hugging Face's
// initialisation. The expected standard deviations below are HF's rules written out
// (GPT2PreTrainedModel._init_weights: normal(0, initializer_range = 0.02) for Linear/Conv1D
// and Embedding, zero biases, LayerNorm weight 1 bias 0; c_proj.weight re-drawn with
// std 0.02 / sqrt(2 n_layer)), not read back from the implementation.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "model/gpt2_model.h"
#include "training/hf_initialisation.h"
#include "training/untrained_model.h"
#include "training/untrained_twin.h"
#include "util/error.h"

namespace fs = std::filesystem;
using namespace laminar;

namespace {

bool endsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

Gpt2Config shape() {
  Gpt2Config c = Gpt2Config::forShape("128x4x4");  // n_layer 4: c_proj std 0.02 / sqrt(8)
  c.nPositions = 64;
  return c;
}

// What HF's rules say parameter `name` must be drawn from.
double expectedStd(const std::string& name, int64_t nLayer) {
  if (endsWith(name, "attn.c_proj.weight") || endsWith(name, "mlp.c_proj.weight"))
    return 0.02 / std::sqrt(2.0 * static_cast<double>(nLayer));
  return 0.02;
}

}  // namespace

// Both ways of drawing (the trainer's serial torch generator, the control's parallel one).
class UntrainedDraws : public ::testing::TestWithParam<InitDraws> {};

TEST_P(UntrainedDraws, EveryParameterFollowsHuggingFacesInitialisation) {
  const Gpt2Config c = shape();
  int matrices = 0, constants = 0;
  for (const auto& [name, t] : hfInitialParameters(c, 11, GetParam())) {
    SCOPED_TRACE(name);
    const bool layerNorm = name.find("ln_") != std::string::npos;
    if (layerNorm && endsWith(name, ".weight")) {
      EXPECT_TRUE(torch::equal(t, torch::ones_like(t)));
      ++constants;
    } else if (endsWith(name, ".bias")) {
      EXPECT_TRUE(torch::equal(t, torch::zeros_like(t)));
      ++constants;
    } else {
      const double n = static_cast<double>(t.numel());
      const double sigma = expectedStd(name, c.nLayer);
      // The sample std of n normal draws has relative standard error 1/sqrt(2n); allow 5 of
      // them (the smallest matrix, wpe, has 8192 entries: 3.9%), and the mean 5 standard errors.
      EXPECT_NEAR(t.std().item<double>() / sigma, 1.0, 5.0 / std::sqrt(2.0 * n));
      EXPECT_NEAR(t.mean().item<double>(), 0.0, 5.0 * sigma / std::sqrt(n));
      // normal, not truncated: about 4.6% of the draws lie beyond 2 sigma
      const double beyond2 = (t.abs() > 2 * sigma).to(torch::kDouble).mean().item<double>();
      EXPECT_NEAR(beyond2, 0.0455, 0.01);
      ++matrices;
    }
  }
  EXPECT_EQ(matrices, 2 + 4 * c.nLayer);        // wte, wpe, 4 matrices per block
  EXPECT_EQ(constants, 2 + 8 * c.nLayer);       // ln_f, and 2 LN + 4 biases per block
}

TEST_P(UntrainedDraws, IsDeterminedByTheSeed) {
  const Gpt2Config c = shape();
  const auto a = hfInitialParameters(c, 3, GetParam()), b = hfInitialParameters(c, 3, GetParam()),
             other = hfInitialParameters(c, 4, GetParam());
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_TRUE(torch::equal(a[i].second, b[i].second)) << a[i].first;
    if (hfInitStd(c, a[i].first) > 0) EXPECT_FALSE(torch::equal(a[i].second, other[i].second)) << a[i].first;
  }
}

INSTANTIATE_TEST_SUITE_P(UntrainedModel, UntrainedDraws,
                         ::testing::Values(InitDraws::TorchSerial, InitDraws::Parallel),
                         [](const auto& info) {
                           return std::string(info.param == InitDraws::Parallel ? "Parallel" : "TorchSerial");
                         });

// The in-memory model runs through the normal engine path and gives exactly what the same
// initialisation written to disk (the untrained twin, float32) and loaded gives.
TEST(UntrainedModel, RunsLikeItsCheckpointOnDisk) {
  const Gpt2Config c = shape();
  auto inMemory = makeUntrainedGpt2(c, 5, {}, InitDraws::TorchSerial);
  EXPECT_TRUE(inMemory->config().syntheticWeights);
  EXPECT_EQ(inMemory->config().nLayer, c.nLayer);

  std::string tmpl = (fs::temp_directory_path() / "laminar-untrained-XXXXXX").string();
  ASSERT_TRUE(mkdtemp(tmpl.data()));
  const fs::path dir = fs::path(tmpl) / "twin";
  writeUntrainedTwin(dir, c, 5, fs::path(LAMINAR_SOURCE_DIR) / "resources" / "tokenizer", DType::F32);
  auto loaded = Gpt2Model::load(dir);

  CaptureSpec spec;
  spec.hooks = {"blocks.0.attn.hook_q", "blocks.3.hook_attn_out", "blocks.3.hook_mlp_out", "logits"};
  const std::vector<std::vector<int64_t>> ids = {{464, 3290, 318, 257, 1332, 13}, {40, 1842, 340}};
  const Captures a = inMemory->run(ids, spec), b = loaded->run(ids, spec);
  for (const std::string& hook : spec.hooks)
    for (size_t s = 0; s < ids.size(); ++s) {
      ASSERT_TRUE(a.at(hook)[s].isfinite().all().item<bool>()) << hook;
      EXPECT_TRUE(torch::equal(a.at(hook)[s], b.at(hook)[s])) << hook << " sequence " << s;
    }
  // and differs from another seed's control
  EXPECT_FALSE(torch::equal(makeUntrainedGpt2(c, 6, {}, InitDraws::TorchSerial)->run(ids, spec).at("logits")[0],
                            a.at("logits")[0]));
  fs::remove_all(tmpl);
}

TEST(UntrainedModel, NamesAMissingParameter) {
  const Gpt2Config c = shape();
  auto params = hfInitialParameters(c, 1);
  params.erase(params.begin() + 5);
  try {
    gpt2WeightsFromParameters(c, params);
    FAIL() << "expected laminar::Error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("h.0.attn.c_attn.bias"), std::string::npos) << e.what();
  }
}

// The control's default draws are the parallel ones, and other values than the trainer's.
TEST(UntrainedModel, TheControlDrawsInParallel) {
  const Gpt2Config c = shape();
  const auto parallel = hfInitialParameters(c, 5, InitDraws::Parallel);
  const auto serial = hfInitialParameters(c, 5, InitDraws::TorchSerial);
  for (size_t i = 0; i < parallel.size(); ++i)
    if (hfInitStd(c, parallel[i].first) > 0)
      EXPECT_FALSE(torch::equal(parallel[i].second, serial[i].second)) << parallel[i].first;

  Gpt2Config marked = c;
  marked.syntheticWeights = true;
  const Gpt2Model fromParallel(marked, gpt2WeightsFromParameters(c, parallel), {});
  CaptureSpec spec;
  spec.hooks = {"blocks.1.hook_resid_post", "logits"};
  const std::vector<std::vector<int64_t>> ids = {{464, 3290, 318, 257}};
  const Captures a = makeUntrainedGpt2(c, 5)->run(ids, spec), b = fromParallel.run(ids, spec);
  for (const std::string& hook : spec.hooks) EXPECT_TRUE(torch::equal(a.at(hook)[0], b.at(hook)[0])) << hook;
}
