// The cache layout documented by huggingface_hub ("Manage the cache" guide):
// models--ORG--NAME/{blobs,refs,snapshots}, snapshot files are relative links ../../blobs/<etag>.
#include <gtest/gtest.h>

#include <fstream>

#include "hub/hf_cache.h"
#include "temp_dir.h"
#include "util/atomic_file.h"

using namespace laminar::hub;
namespace fs = std::filesystem;

TEST(HfCache, FolderNamesAsHuggingFaceHub) {
  EXPECT_EQ(repoFolderName("openai-community/gpt2-xl"), "models--openai-community--gpt2-xl");
  EXPECT_EQ(repoFolderName("gpt2"), "models--gpt2");
  EXPECT_EQ(repoFromFolderName("models--openai-community--gpt2-xl").value_or(""), "openai-community/gpt2-xl");
  EXPECT_EQ(repoFromFolderName("models--gpt2").value_or(""), "gpt2");
  EXPECT_FALSE(repoFromFolderName("datasets--squad").has_value());
  EXPECT_FALSE(repoFromFolderName(".locks").has_value());
}

TEST(HfCache, CommitHashes) {
  EXPECT_TRUE(isCommitHash("607a30d783dfa663caf39e06633721c8d4cfcd7e"));
  EXPECT_FALSE(isCommitHash("main"));
  EXPECT_FALSE(isCommitHash("607A30D783DFA663CAF39E06633721C8D4CFCD7E"));
}

TEST(HfCache, PathsFollowTheLayout) {
  HubCache cache("/c");
  EXPECT_EQ(cache.blobPath("o/m", "abc"), "/c/models--o--m/blobs/abc");
  EXPECT_EQ(cache.incompletePath("o/m", "abc"), "/c/models--o--m/blobs/abc.incomplete");
  EXPECT_EQ(cache.lockPath("o/m", "abc"), "/c/.locks/models--o--m/abc.lock");
  EXPECT_EQ(cache.refPath("o/m", "main"), "/c/models--o--m/refs/main");
  EXPECT_EQ(cache.snapshotDirectory("o/m", "c0ffee"), "/c/models--o--m/snapshots/c0ffee");
}

TEST(HfCache, SnapshotLinksAreRelativeAndReplaceable) {
  laminar::test::TempDir dir;
  HubCache cache(dir.path());
  const std::string commit(40, 'a');
  fs::create_directories(cache.repoDirectory("o/m") / "blobs");
  laminar::writeFileAtomically(cache.blobPath("o/m", "e1"), "one");
  laminar::writeFileAtomically(cache.blobPath("o/m", "e2"), "two");
  cache.linkSnapshotFile("o/m", commit, "config.json", "e1");
  const fs::path link = cache.snapshotDirectory("o/m", commit) / "config.json";
  ASSERT_TRUE(fs::is_symlink(link));
  EXPECT_EQ(fs::read_symlink(link), "../../blobs/e1");
  EXPECT_EQ(laminar::readFile(link), "one");
  cache.linkSnapshotFile("o/m", commit, "config.json", "e2");  // replaced in place
  EXPECT_EQ(laminar::readFile(link), "two");
  cache.linkSnapshotFile("o/m", commit, "sub/dir/x.bin", "e1");
  EXPECT_EQ(fs::read_symlink(cache.snapshotDirectory("o/m", commit) / "sub/dir/x.bin"), "../../../../blobs/e1");
  // No temporary links left behind.
  size_t entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(cache.snapshotDirectory("o/m", commit))) ++entries;
  EXPECT_EQ(entries, 2u);
}

TEST(HfCache, RefsResolveRevisions) {
  laminar::test::TempDir dir;
  HubCache cache(dir.path());
  const std::string commit = "607a30d783dfa663caf39e06633721c8d4cfcd7e";
  EXPECT_FALSE(cache.resolveRevision("o/m", "main").has_value());
  cache.writeRef("o/m", "main", commit);
  EXPECT_EQ(laminar::readFile(cache.refPath("o/m", "main")), commit);  // no newline, as Python writes
  EXPECT_EQ(cache.resolveRevision("o/m", "main").value_or(""), commit);
  EXPECT_FALSE(cache.snapshotFor("o/m", "main").has_value());  // no snapshot folder yet
  fs::create_directories(cache.snapshotDirectory("o/m", commit));
  EXPECT_EQ(cache.snapshotFor("o/m", "main").value_or(""), cache.snapshotDirectory("o/m", commit));
  EXPECT_EQ(cache.resolveRevision("o/m", commit).value_or(""), commit);
  cache.writeRef("o/m", commit, commit);  // a commit needs no ref
  EXPECT_FALSE(fs::exists(cache.refPath("o/m", commit)));
}

// Each branch, tag or PR has its own file under refs/ holding its commit, as huggingface_hub
// writes them (refs/main, refs/v1; revision "refs/pr/1" at refs/refs/pr/1): asking for a tag
// must open the tag's snapshot, not main's.
TEST(HfCache, EachRevisionResolvesThroughItsOwnRef) {
  laminar::test::TempDir dir;
  HubCache cache(dir.path());
  const std::string onMain = "607a30d783dfa663caf39e06633721c8d4cfcd7e";
  const std::string onTag = "11c5a3d5811f50298f278a704980280950aedb10";
  const std::string onPr = std::string(40, 'c');
  // Written by hand, as Python leaves them (the commit, no newline).
  const fs::path refs = cache.repoDirectory("o/m") / "refs";
  fs::create_directories(refs / "refs" / "pr");
  std::ofstream(refs / "main") << onMain;
  std::ofstream(refs / "v1") << onTag;
  std::ofstream(refs / "refs" / "pr" / "1") << onPr;
  for (const std::string& c : {onMain, onTag, onPr}) fs::create_directories(cache.snapshotDirectory("o/m", c));
  EXPECT_EQ(cache.resolveRevision("o/m", "main").value_or(""), onMain);
  EXPECT_EQ(cache.resolveRevision("o/m", "v1").value_or(""), onTag);
  EXPECT_EQ(cache.resolveRevision("o/m", "refs/pr/1").value_or(""), onPr);
  EXPECT_EQ(cache.snapshotFor("o/m", "v1").value_or(""), cache.snapshotDirectory("o/m", onTag));
  // A revision the cache holds no ref for is unknown, although main is there.
  EXPECT_FALSE(cache.resolveRevision("o/m", "v2").has_value());
  EXPECT_FALSE(cache.snapshotFor("o/m", "v2").has_value());
}
