// A writer killed before commit leaves "<target>.tmp-<pid>" (or, inside a directory commit,
// the previous version as "<target>.old-<pid>"): the next writer of the same target tidies
// up after processes that no longer exist, and leaves live ones alone.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "util/atomic_file.h"
#include "test_temp_dir.h"

namespace fs = std::filesystem;

namespace {

using laminar::test::TestTempDir;

// The pid of a process that has exited (a child, reaped).
pid_t deadPid() {
  pid_t pid = ::fork();
  if (pid == 0) ::_exit(0);
  ::waitpid(pid, nullptr, 0);
  return pid;
}

// The names in a folder, sorted.
std::vector<std::string> entriesOf(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

TEST(AtomicCleanup, TemporariesOfDeadWritersAreRemoved) {
  TestTempDir d;
  const fs::path target = d.path / "acts.safetensors";
  const fs::path stale = target.string() + ".tmp-" + std::to_string(deadPid());
  const fs::path live = target.string() + ".tmp-" + std::to_string(::getppid());  // our parent runs
  const fs::path other = d.path / "acts.safetensors.tmp-x";                      // not ours to judge
  std::ofstream(stale) << "half";
  std::ofstream(live) << "being written";
  std::ofstream(other) << "?";
  laminar::writeFileAtomically(target, "whole");
  EXPECT_FALSE(fs::exists(stale));
  EXPECT_TRUE(fs::exists(live));
  EXPECT_TRUE(fs::exists(other));
  EXPECT_TRUE(fs::exists(target));
}

TEST(AtomicCleanup, HalfWrittenDirectoriesOfDeadWritersAreRemoved) {
  TestTempDir d;
  const fs::path target = d.path / "results";
  const fs::path stale = target.string() + ".tmp-" + std::to_string(deadPid());
  fs::create_directories(stale / "inner");
  {
    laminar::AtomicDirectory dir(target);
    std::ofstream(dir.path() / "results.json") << "{}";
    dir.commit();
  }
  EXPECT_FALSE(fs::exists(stale));
  EXPECT_TRUE(fs::exists(target / "results.json"));
}

TEST(AtomicCleanup, PreviousVersionOrphanedByAKilledCommitIsPutBack) {
  TestTempDir d;
  const fs::path target = d.path / "results";
  const fs::path old = target.string() + ".old-" + std::to_string(deadPid());
  fs::create_directories(old);
  std::ofstream(old / "results.json") << "previous";
  // A writer starting now finds the previous version back under its name, and replaces it
  // only when its own directory is complete.
  laminar::AtomicDirectory dir(target);
  EXPECT_FALSE(fs::exists(old));
  EXPECT_TRUE(fs::exists(target / "results.json"));
}

// A file being rewritten (results.json of a rerun, a checksum cache) keeps its previous bytes
// under its name until the new ones are complete: the writer fills a temporary beside it.
TEST(AtomicCleanup, ThePreviousFileStaysWholeUntilCommit) {
  TestTempDir d;
  const fs::path target = d.path / "results.json";
  std::ofstream(target) << "previous";
  {
    laminar::AtomicFile f(target);
    EXPECT_NE(f.temporary(), target);
    f.write("the new ");
    f.write("results");
    // A reader now, or a kill now, finds the previous version whole.
    EXPECT_EQ(laminar::readFile(target), "previous");
    f.commit();
  }
  EXPECT_EQ(laminar::readFile(target), "the new results");
  EXPECT_EQ(entriesOf(d.path), (std::vector<std::string>{"results.json"}));  // no temporary left
}

// A write abandoned before commit (the analysis threw, the writer went out of scope) leaves
// the previous file as it was, and no temporary beside it.
TEST(AtomicCleanup, AnAbandonedWriteLeavesThePreviousFileAndNoTemporary) {
  TestTempDir d;
  const fs::path target = d.path / "results.json";
  std::ofstream(target) << "previous";
  {
    laminar::AtomicFile f(target);
    f.write("half of the new");
  }  // destroyed without commit
  ASSERT_TRUE(fs::exists(target));
  EXPECT_EQ(laminar::readFile(target), "previous");
  EXPECT_EQ(entriesOf(d.path), (std::vector<std::string>{"results.json"}));

  auto failingWriter = [&] {
    laminar::AtomicFile f(target);
    f.write("half of the new");
    throw std::runtime_error("the analysis failed");
  };
  EXPECT_THROW(failingWriter(), std::runtime_error);
  ASSERT_TRUE(fs::exists(target));
  EXPECT_EQ(laminar::readFile(target), "previous");
  EXPECT_EQ(entriesOf(d.path), (std::vector<std::string>{"results.json"}));
}
