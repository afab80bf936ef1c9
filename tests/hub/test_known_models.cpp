// The downloadable list, and the size/speed/duration formatting shown next to it.
#include <gtest/gtest.h>

#include "hub/byte_format.h"
#include "hub/disk_space.h"
#include "hub/known_models.h"
#include "hub/local_checkpoints.h"
#include "temp_dir.h"
#include "util/error.h"

using namespace laminar::hub;

TEST(KnownModels, TheFourOpenAiCommunityRepositories) {
  ASSERT_EQ(knownModels().size(), 4u);
  EXPECT_EQ(repoForName("gpt2-xl"), "openai-community/gpt2-xl");
  EXPECT_EQ(repoForName("GPT2-Medium"), "openai-community/gpt2-medium");
  EXPECT_EQ(repoForName("openai-community/gpt2"), "openai-community/gpt2");
  EXPECT_EQ(repoForName("someone/custom-gpt2"), "someone/custom-gpt2");
  EXPECT_THROW(repoForName("gpt3"), laminar::Error);
  EXPECT_THROW(repoForName("a/b/c"), laminar::Error);
  try {
    repoForName("gpt3");
    FAIL() << "expected an error";
  } catch (const laminar::Error& e) {
    EXPECT_EQ(e.message().code, "model.unknown_name");
    EXPECT_EQ(e.message().param("name"), "gpt3");
    EXPECT_EQ(e.message().param("choices"), "gpt2, gpt2-medium, gpt2-large, gpt2-xl");
    EXPECT_EQ(std::string(e.what()), "unknown model 'gpt3': use one of gpt2, gpt2-medium, gpt2-large, gpt2-xl, or a hub repository "
                                     "id such as openai-community/gpt2-xl");
  }
  // Shapes agree with the published configs; XL is about 6.4 GB (issue text, hub listing).
  for (const auto& m : knownModels()) EXPECT_EQ(shapeName(m.nEmbd, m.nLayer, m.nHead), m.id);
  const auto xl = findKnownModel("gpt2-xl");
  ASSERT_TRUE(xl.has_value());
  EXPECT_GT(xl->approxDownloadBytes, 6'300'000'000u);
  EXPECT_LT(xl->approxDownloadBytes, 6'500'000'000u);
}

TEST(ByteFormat, SiUnitsAndDurations) {
  EXPECT_EQ(formatBytes(999), "999 B");
  EXPECT_EQ(formatBytes(6'431'878'936), "6.43 GB");
  EXPECT_EQ(formatBytes(548'105'171), "548 MB");
  EXPECT_EQ(formatSpeed(12'345'678), "12.3 MB/s");
  EXPECT_EQ(formatDuration(42), "42s");
  EXPECT_EQ(formatDuration(187), "3m 07s");
  EXPECT_EQ(formatDuration(3720), "1h 02m");
  EXPECT_EQ(formatDuration(-1), "?");
}

// A remaining time is shown to the nearest second, then cut to the format's two units: 59.6 s
// is a minute, not "59s"; 3599.5 s is an hour, not "59m 59s" (halves round up, as llround).
TEST(ByteFormat, DurationsRoundToTheNearestSecond) {
  EXPECT_EQ(formatDuration(0.4), "0s");
  EXPECT_EQ(formatDuration(2.5), "3s");
  EXPECT_EQ(formatDuration(42.7), "43s");
  EXPECT_EQ(formatDuration(59.6), "1m 00s");
  EXPECT_EQ(formatDuration(119.5), "2m 00s");
  EXPECT_EQ(formatDuration(186.6), "3m 07s");
  EXPECT_EQ(formatDuration(3599.4), "59m 59s");
  EXPECT_EQ(formatDuration(3599.5), "1h 00m");
}

TEST(DiskSpace, AgreesWithStdFilesystemSpace) {
  laminar::test::TempDir dir;
  const auto reference = std::filesystem::space(dir.path()).available;
  const auto ours = freeDiskBytes(dir.path() / "not" / "created" / "yet");
  // Other processes write meanwhile: equal within 64 MiB.
  EXPECT_LT(ours > reference ? ours - reference : reference - ours, 64ull << 20);
  EXPECT_NO_THROW(requireFreeSpace(dir.path(), 1));
  try {
    requireFreeSpace(dir.path(), 1ull << 62);
    FAIL() << "expected an error";
  } catch (const laminar::Error& e) {
    EXPECT_NE(std::string(e.what()).find("not enough free disk space"), std::string::npos) << e.what();
  }
}
