#include <gtest/gtest.h>

#include "model/hook_points.h"

#include <type_traits>

namespace laminar {
namespace {

TEST(HookPoints, ParsesTransformerLensNames) {
  auto p = parseHookPoint("blocks.12.attn.hook_q", 48);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->layer, 12);
  EXPECT_EQ(p->suffix, "attn.hook_q");
  EXPECT_TRUE(parseHookPoint("blocks.47.hook_mlp_out", 48));
  EXPECT_TRUE(parseHookPoint("logits", 48));
  EXPECT_EQ(parseHookPoint("hook_embed", 48)->layer, -1);
}

TEST(HookPoints, RejectsWhatIsNotAHookPoint) {
  for (const char* bad : {"blocks.48.hook_mlp_out", "blocks.-1.attn.hook_q", "blocks.01.attn.hook_q",
                          "blocks.attn.hook_q", "blocks.3.attn.hook_z", "h.3.attn", "", "blocks.3."})
    EXPECT_FALSE(parseHookPoint(bad, 48)) << bad;
}

TEST(HookPoints, AllHookPointsCoverTheFixtureNaming) {
  auto all = allHookPoints(3);
  EXPECT_EQ(all.size(), 2u + 3u * blockHookSuffixes().size() + 2u);
  EXPECT_EQ(all.front(), "hook_embed");
  EXPECT_EQ(all.back(), "logits");
  for (const auto& name : all) EXPECT_TRUE(parseHookPoint(name, 3)) << name;
}

// hookName takes only the vocabulary's constants: a string (and so a misspelt one) does not compile.
static_assert(!std::is_convertible_v<const char*, HookSuffix>);
static_assert(!std::is_convertible_v<std::string, HookSuffix>);

TEST(HookPoints, HookNameSpellsTransformerLensNames) {
  // TransformerLens: utils.get_act_name("q", 12) == "blocks.12.attn.hook_q", and so on.
  EXPECT_EQ(hookName(12, hook::kAttnQ), "blocks.12.attn.hook_q");
  EXPECT_EQ(hookName(0, hook::kResidPre), "blocks.0.hook_resid_pre");
  EXPECT_EQ(hookName(3, hook::kLn1Normalized), "blocks.3.ln1.hook_normalized");
  EXPECT_EQ(hookName(3, hook::kAttnPattern), "blocks.3.attn.hook_pattern");
  EXPECT_EQ(hookName(3, hook::kAttnOut), "blocks.3.hook_attn_out");
  EXPECT_EQ(hookName(3, hook::kMlpPost), "blocks.3.mlp.hook_post");
  EXPECT_EQ(hookName(47, hook::kResidPost), "blocks.47.hook_resid_post");
  EXPECT_EQ(std::string(hook::kLnFinalNormalized), "ln_final.hook_normalized");
  for (const auto& s : blockHookSuffixes()) {
    auto parsed = parseHookPoint(hookName(5, s), 6);
    ASSERT_TRUE(parsed) << s.str();
    EXPECT_EQ(parsed->suffix, s.str());
  }
}

}  // namespace
}  // namespace laminar
