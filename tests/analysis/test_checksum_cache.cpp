// The weight checksum cache (issue 12): a results file names its weights by SHA-256, so a
// checksum served from the cache for a file that has since changed would be a false record.
// A file is a new version when its size, modification time or inode changes; the expected
// checksums are Python hashlib's.
#include <fcntl.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "analysis/checksum_cache.h"
#include "test_support.h"
#include "tests/scoped_env.h"

namespace laminar {
namespace {
namespace fs = std::filesystem;

const char* const kAbc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
const char* const kAbd = "a52d159f262b2c6ddb724a61840befc36eb30c88877a4030b65cbe86298449c9";
const char* const kAbcd = "88d4266fd4e6338d13b845fcf289579d209c897823b9217da3e161936f031589";
const char* const kXyz = "3608bca1e44ea6c4d268eb6db02260269892c0b42b86bbf1e77a6fa16c3c9282";

// $XDG_CACHE_HOME pointed at the test's own folder, restored afterwards.
class ChecksumCache : public ::testing::Test {
 protected:
  fs::path cacheFile() const { return dir_.path() / "cache" / "laminar" / "sha256-cache.json"; }

  test::TempDir dir_;

 private:
  test::ScopedEnv cacheHome_{"XDG_CACHE_HOME", (dir_.path() / "cache").string()};
};

struct stat statusOf(const fs::path& p) {
  struct stat st {};
  EXPECT_EQ(::stat(p.c_str(), &st), 0) << p;
  return st;
}

timespec modificationTime(const fs::path& p) { return statusOf(p).st_mtim; }

void setModificationTime(const fs::path& p, timespec t) {
  const timespec times[2] = {{0, UTIME_OMIT}, t};
  ASSERT_EQ(::utimensat(AT_FDCWD, p.c_str(), times, 0), 0) << p;
}

void overwriteInPlace(const fs::path& p, const std::string& content) {
  std::ofstream(p, std::ios::binary | std::ios::trunc) << content;  // same inode
}

ino_t inode(const fs::path& p) { return statusOf(p).st_ino; }

TEST_F(ChecksumCache, ANewSizeModificationTimeOrInodeIsANewVersion) {
  const fs::path file = dir_.write("weights.bin", "abc");
  EXPECT_EQ(cachedSha256OfFile(file), kAbc);
  EXPECT_EQ(cachedSha256OfFile(file), kAbc);

  // Rewritten in place to the same size: only the modification time tells.
  timespec t = modificationTime(file);
  overwriteInPlace(file, "abd");
  t.tv_sec += 2;
  setModificationTime(file, t);
  EXPECT_EQ(cachedSha256OfFile(file), kAbd);

  // Replaced by another file of the same size and modification time: only the inode tells.
  const ino_t before = inode(file);
  const fs::path next = dir_.write("weights.new", "xyz");
  setModificationTime(next, t);
  fs::rename(next, file);
  ASSERT_NE(inode(file), before);
  EXPECT_EQ(cachedSha256OfFile(file), kXyz);

  // Rewritten in place with its modification time put back: only the size tells.
  overwriteInPlace(file, "abcd");
  setModificationTime(file, t);
  EXPECT_EQ(cachedSha256OfFile(file), kAbcd);
}

TEST_F(ChecksumCache, AnotherProcessReadsTheCacheOnDisk) {
  const fs::path file = dir_.write("weights.bin", "abc");
  ASSERT_EQ(cachedSha256OfFile(file), kAbc);
  std::ifstream in(cacheFile());
  ASSERT_TRUE(in) << "no cache written at " << cacheFile();
  nlohmann::json disk = nlohmann::json::parse(in);
  ASSERT_TRUE(disk.contains(file.string())) << disk.dump();
  EXPECT_EQ(disk[file.string()]["sha256"], kAbc);

  // This process has never seen the link's name, so only the disk entry can answer for it:
  // an entry for the same file version with a marker checksum shows the file is not hashed again.
  const fs::path link = dir_.path() / "link.bin";
  fs::create_symlink(file, link);
  disk[link.string()] = disk[file.string()];
  disk[link.string()]["sha256"] = "from-the-disk-cache";
  std::ofstream(cacheFile(), std::ios::trunc) << disk.dump();
  EXPECT_EQ(cachedSha256OfFile(link), "from-the-disk-cache");

  // ... and once the file changes, the entry no longer matches its version.
  timespec t = modificationTime(file);
  t.tv_sec += 2;
  setModificationTime(file, t);
  EXPECT_EQ(cachedSha256OfFile(link), kAbc);
}

TEST_F(ChecksumCache, ADamagedCacheFileOnlyCostsTime) {
  fs::create_directories(cacheFile().parent_path());
  std::ofstream(cacheFile()) << "{ not json";
  const fs::path file = dir_.write("weights.bin", "xyz");
  EXPECT_EQ(cachedSha256OfFile(file), kXyz);
  std::ifstream in(cacheFile());
  EXPECT_EQ(nlohmann::json::parse(in)[file.string()]["sha256"], kXyz);  // rewritten whole
}

}  // namespace
}  // namespace laminar
