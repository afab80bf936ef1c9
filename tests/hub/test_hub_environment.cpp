// Environment handling must match huggingface_hub's documented rules (constants.py and the
// "Environment variables" reference page), so Python and Laminar share one cache and login.
#include <gtest/gtest.h>

#include <fstream>

#include "hub/hub_environment.h"
#include "temp_dir.h"

using namespace laminar::hub;
using laminar::test::ScopedEnv;
using laminar::test::TempDir;

TEST(HubEnvironment, CacheDefaultsToHomeCache) {
  ScopedEnv a("HF_HUB_CACHE", std::nullopt), b("HUGGINGFACE_HUB_CACHE", std::nullopt), c("HF_HOME", std::nullopt),
      d("XDG_CACHE_HOME", std::nullopt), e("HOME", "/home/alice");
  EXPECT_EQ(defaultCacheDirectory(), "/home/alice/.cache/huggingface/hub");
  EXPECT_EQ(huggingFaceHome(), "/home/alice/.cache/huggingface");
}

TEST(HubEnvironment, CacheFollowsXdgHfHomeAndHfHubCacheInThatPrecedence) {
  ScopedEnv a("HF_HUB_CACHE", std::nullopt), b("HUGGINGFACE_HUB_CACHE", std::nullopt), c("HF_HOME", std::nullopt),
      e("HOME", "/home/alice");
  {
    ScopedEnv x("XDG_CACHE_HOME", "/xdg");
    EXPECT_EQ(defaultCacheDirectory(), "/xdg/huggingface/hub");
    ScopedEnv h("HF_HOME", "/data/hf");
    EXPECT_EQ(defaultCacheDirectory(), "/data/hf/hub");
    ScopedEnv legacy("HUGGINGFACE_HUB_CACHE", "/legacy");
    EXPECT_EQ(defaultCacheDirectory(), "/legacy");
    ScopedEnv hub("HF_HUB_CACHE", "/fast/hub");
    EXPECT_EQ(defaultCacheDirectory(), "/fast/hub");
  }
}

TEST(HubEnvironment, EndpointHonoursHfEndpoint) {
  {
    ScopedEnv e("HF_ENDPOINT", std::nullopt);
    EXPECT_EQ(defaultEndpoint(), "https://huggingface.co");
  }
  ScopedEnv e("HF_ENDPOINT", "https://hf-mirror.example.org/");
  EXPECT_EQ(defaultEndpoint(), "https://hf-mirror.example.org");
}

TEST(HubEnvironment, ResolveUrlAsHfHubUrlBuildsIt) {
  // huggingface_hub docs (hf_hub_url): .../julien-c/EsperBERTo-small/resolve/main/pytorch_model.bin
  EXPECT_EQ(resolveUrl("https://huggingface.co", "julien-c/EsperBERTo-small", "main", "pytorch_model.bin"),
            "https://huggingface.co/julien-c/EsperBERTo-small/resolve/main/pytorch_model.bin");
  // Revisions are quoted with safe="" (a PR ref contains '/'); file paths keep their '/'.
  EXPECT_EQ(resolveUrl("https://huggingface.co/", "org/m", "refs/pr/1", "sub dir/model.safetensors"),
            "https://huggingface.co/org/m/resolve/refs%2Fpr%2F1/sub%20dir/model.safetensors");
}

TEST(HubEnvironment, TokenFromVariablesThenLoginFile) {
  TempDir dir;
  ScopedEnv h("HF_HOME", dir.path().string()), p("HF_TOKEN_PATH", std::nullopt), t("HF_TOKEN", std::nullopt),
      legacy("HUGGING_FACE_HUB_TOKEN", std::nullopt);
  EXPECT_FALSE(defaultToken().has_value());
  std::ofstream(dir.path() / "token") << "hf_fromfile\n";
  EXPECT_EQ(defaultToken().value_or(""), "hf_fromfile");
  {
    ScopedEnv l("HUGGING_FACE_HUB_TOKEN", "hf_legacy");
    EXPECT_EQ(defaultToken().value_or(""), "hf_legacy");
    ScopedEnv n("HF_TOKEN", "hf_new");
    EXPECT_EQ(defaultToken().value_or(""), "hf_new");
  }
}

// huggingface_hub keeps the login at $HF_HOME/token (constants.HF_TOKEN_PATH) whatever
// HF_HUB_CACHE says: moving the cache to a fast disk must not lose the login, nor pick up a
// file that happens to sit beside the moved cache. HF_TOKEN_PATH names the file itself.
TEST(HubEnvironment, LoginFileStaysInHfHomeWhenTheHubCacheMoves) {
  TempDir dir;
  const std::filesystem::path home = dir.path() / "hf-home", fast = dir.path() / "fast";
  std::filesystem::create_directories(home);
  std::filesystem::create_directories(fast / "hub");
  ScopedEnv h("HF_HOME", home.string()), c("HF_HUB_CACHE", (fast / "hub").string()),
      legacyCache("HUGGINGFACE_HUB_CACHE", std::nullopt), p("HF_TOKEN_PATH", std::nullopt),
      t("HF_TOKEN", std::nullopt), legacy("HUGGING_FACE_HUB_TOKEN", std::nullopt);
  std::ofstream(fast / "token") << "hf_beside_the_cache\n";
  EXPECT_FALSE(defaultToken().has_value());  // no login yet in HF_HOME
  std::ofstream(home / "token") << "hf_login\n";
  EXPECT_EQ(defaultToken().value_or(""), "hf_login");
  ScopedEnv path("HF_TOKEN_PATH", (fast / "token").string());
  EXPECT_EQ(defaultToken().value_or(""), "hf_beside_the_cache");
}

TEST(HubEnvironment, OfflineFlag) {
  {
    ScopedEnv o("HF_HUB_OFFLINE", std::nullopt);
    EXPECT_FALSE(offlineModeRequested());
  }
  for (const char* yes : {"1", "ON", "yes", "true"}) {
    ScopedEnv o("HF_HUB_OFFLINE", yes);
    EXPECT_TRUE(offlineModeRequested()) << yes;
  }
  ScopedEnv o("HF_HUB_OFFLINE", "0");
  EXPECT_FALSE(offlineModeRequested());
}
