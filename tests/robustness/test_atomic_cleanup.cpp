// A writer killed before commit leaves "<target>.tmp-<pid>" (or, inside a directory commit,
// the previous version as "<target>.old-<pid>"): the next writer of the same target tidies
// up after processes that no longer exist, and leaves live ones alone.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

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
