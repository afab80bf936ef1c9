#include <gtest/gtest.h>

#include "model/hook_points.h"

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

}  // namespace
}  // namespace laminar
