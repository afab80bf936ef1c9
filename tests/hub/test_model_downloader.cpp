// The real download code against tests/hub/fake_hub.py, a hub imitation on 127.0.0.1.
// Downloaded bytes are compared with the reference fixture they came from.
#include <gtest/gtest.h>
#include <sys/file.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <chrono>
#include <fstream>
#include <memory>
#include <thread>

#include <nlohmann/json.hpp>

#include "fake_hub_server.h"
#include "hub/hf_cache.h"
#include "hub/http_transfer.h"
#include "hub/local_checkpoints.h"
#include "hub/model_downloader.h"
#include "temp_dir.h"
#include "util/atomic_file.h"
#include "util/sha256.h"

using namespace laminar::hub;
namespace fs = std::filesystem;

namespace {

const fs::path kTiny = fs::path(LAMINAR_SHARED_DIR) / "reference" / "gpt2-tiny";

class Downloader : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = std::make_unique<laminar::test::FakeHubServer>(); }
  static void TearDownTestSuite() { server_.reset(); }

  DownloadOptions options(const std::string& repo) const {
    DownloadOptions o;
    o.repo = "test-org/" + repo;
    o.endpoint = server_->endpoint();
    o.cacheDirectory = cache_.path();
    o.token = "";
    o.connectTimeoutSeconds = 5;
    o.lowSpeedSeconds = 5;
    o.retries = 0;
    return o;
  }
  HubCache cache() const { return HubCache(cache_.path()); }

  // Requests the fake hub saw, oldest first.
  static nlohmann::json requestLog() {
    HttpRequest r;
    r.url = server_->endpoint() + "/__log";
    return nlohmann::json::parse(performHttp(r, "log").body);
  }
  static size_t countRequests(const nlohmann::json& log, const std::string& method, const std::string& pathPart) {
    size_t n = 0;
    for (const auto& e : log)
      if (e["method"] == method && e["path"].get<std::string>().find(pathPart) != std::string::npos) ++n;
    return n;
  }

  std::vector<fs::path> leftovers(const std::string& repo) const {
    std::vector<fs::path> out;
    const fs::path blobs = cache().repoDirectory("test-org/" + repo) / "blobs";
    if (fs::exists(blobs))
      for (const auto& e : fs::directory_iterator(blobs))
        if (e.path().extension() == ".incomplete") out.push_back(e.path());
    return out;
  }

  static std::unique_ptr<laminar::test::FakeHubServer> server_;
  laminar::test::TempDir cache_;
  laminar::test::ScopedEnv noOffline_{"HF_HUB_OFFLINE", std::nullopt};
};
std::unique_ptr<laminar::test::FakeHubServer> Downloader::server_;

template <class E, class F>
E expectThrows(F&& f) {
  try {
    f();
  } catch (const E& e) {
    return e;
  } catch (const std::exception& e) {
    ADD_FAILURE() << "unexpected exception: " << e.what();
    throw;
  }
  ADD_FAILURE() << "expected an exception";
  throw std::runtime_error("no exception");
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_F(Downloader, FillsTheHuggingFaceCacheLayout) {
  std::vector<DownloadProgress> seen;
  ModelDownloader d(options("tiny"));
  DownloadResult r = d.run([&](const DownloadProgress& p) {
    seen.push_back(p);
    return true;
  });
  const auto repoDir = cache().repoDirectory("test-org/tiny");
  EXPECT_EQ(repoDir, cache_.path() / "models--test-org--tiny");
  EXPECT_EQ(laminar::readFile(repoDir / "refs" / "main"), r.commit);
  EXPECT_EQ(r.snapshotDirectory, repoDir / "snapshots" / r.commit);
  // Weights and config byte for byte as served, stored under the SHA-256 the hub announced.
  const std::string sha = laminar::sha256OfFile(kTiny / "model.safetensors");
  EXPECT_EQ(fs::read_symlink(r.snapshotDirectory / "model.safetensors"), fs::path("../../blobs") / sha);
  EXPECT_EQ(laminar::readFile(r.snapshotDirectory / "model.safetensors"), laminar::readFile(kTiny / "model.safetensors"));
  EXPECT_EQ(laminar::readFile(r.snapshotDirectory / "config.json"), laminar::readFile(kTiny / "config.json"));
  for (const char* f : {"config.json", "vocab.json", "merges.txt"})
    EXPECT_TRUE(fs::is_symlink(r.snapshotDirectory / f)) << f;
  EXPECT_TRUE(leftovers("tiny").empty());
  EXPECT_TRUE(inspectCheckpoint(r.snapshotDirectory).usable());
  // Progress: monotonic, ends Done with every byte counted.
  ASSERT_FALSE(seen.empty());
  for (size_t i = 1; i < seen.size(); ++i) EXPECT_GE(seen[i].bytesDone, seen[i - 1].bytesDone);
  EXPECT_EQ(seen.back().phase, DownloadProgress::Phase::Done);
  EXPECT_EQ(seen.back().bytesDone, seen.back().bytesTotal);
  EXPECT_EQ(seen.back().fileCount, 4u);
  EXPECT_EQ(r.totalBytes, r.bytesTransferred);
  EXPECT_EQ(r.totalBytes, fs::file_size(kTiny / "model.safetensors") + fs::file_size(kTiny / "config.json") +
                              fs::file_size(r.snapshotDirectory / "vocab.json") +
                              fs::file_size(r.snapshotDirectory / "merges.txt"));
}

TEST_F(Downloader, SecondRunFindsEverythingCached) {
  ModelDownloader(options("tiny")).run();
  const size_t getsBefore = countRequests(requestLog(), "GET", "/");
  DownloadResult again = ModelDownloader(options("tiny")).run();
  EXPECT_EQ(again.bytesTransferred, 0u);
  EXPECT_EQ(countRequests(requestLog(), "GET", "/"), getsBefore + 1);  // only our /__log request
}

TEST_F(Downloader, ShardedCheckpointGetsIndexAndShards) {
  DownloadResult r = ModelDownloader(options("sharded")).run();
  const std::string whole = laminar::readFile(kTiny / "model.safetensors");
  EXPECT_EQ(laminar::readFile(r.snapshotDirectory / "model-00001-of-00002.safetensors") +
                laminar::readFile(r.snapshotDirectory / "model-00002-of-00002.safetensors"),
            whole);
  EXPECT_TRUE(fs::exists(r.snapshotDirectory / "model.safetensors.index.json"));
  EXPECT_FALSE(fs::exists(r.snapshotDirectory / "model.safetensors"));
  LocalCheckpoint c = inspectCheckpoint(r.snapshotDirectory);
  EXPECT_TRUE(c.usable()) << c.problem.english;
}

TEST_F(Downloader, AShardNameLeadingOutOfTheSnapshotIsRefusedBeforeAnyShardIsFetched) {
  auto e = expectThrows<laminar::Error>([&] { ModelDownloader(options("escape")).run(); });
  EXPECT_TRUE(contains(e.what(), "weight_map[\"wpe.weight\"] is not a file name")) << e.what();
  const nlohmann::json log = requestLog();
  EXPECT_EQ(countRequests(log, "HEAD", "escape.safetensors") + countRequests(log, "GET", "escape.safetensors"), 0u);
  EXPECT_FALSE(fs::exists(cache_.path() / "escape.safetensors"));
}
TEST_F(Downloader, DroppedConnectionKeepsThePartAndTheNextRunResumes) {
  auto e = expectThrows<TransferError>([&] { ModelDownloader(options("drop-a")).run(); });
  EXPECT_EQ(e.kind(), TransferFailure::Dropped);
  EXPECT_TRUE(contains(e.what(), "run the download again to resume")) << e.what();
  const uint64_t half = fs::file_size(kTiny / "model.safetensors") / 2;
  auto parts = leftovers("drop-a");
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(fs::file_size(parts[0]), half);
  // No half checkpoint: nothing links the part, and config.json (linked last) is absent.
  for (const auto& s : fs::directory_iterator(cache().repoDirectory("test-org/drop-a") / "snapshots")) {
    EXPECT_FALSE(fs::exists(s.path() / "config.json"));
    EXPECT_FALSE(fs::exists(s.path() / "model.safetensors"));
  }

  DownloadResult r = ModelDownloader(options("drop-a")).run();
  EXPECT_EQ(laminar::readFile(r.snapshotDirectory / "model.safetensors"), laminar::readFile(kTiny / "model.safetensors"));
  EXPECT_EQ(r.bytesTransferred < r.totalBytes, true);
  bool ranged = false;
  for (const auto& entry : requestLog())
    if (entry["range"] == "bytes=" + std::to_string(half) + "-") ranged = true;
  EXPECT_TRUE(ranged) << "no Range request resumed at byte " << half;
  EXPECT_TRUE(leftovers("drop-a").empty());
}

TEST_F(Downloader, DroppedConnectionIsResumedAutomaticallyWithRetries) {
  auto o = options("drop-b");
  o.retries = 2;
  std::vector<std::string> lines;
  o.log = [&](const std::string& line) { lines.push_back(line); };
  DownloadResult r = ModelDownloader(o).run();
  EXPECT_EQ(laminar::readFile(r.snapshotDirectory / "model.safetensors"), laminar::readFile(kTiny / "model.safetensors"));
  bool resumedLine = false;
  for (const auto& l : lines) resumedLine |= contains(l, "resuming");
  EXPECT_TRUE(resumedLine);
}

TEST_F(Downloader, ServerIgnoringRangeRestartsTheFileCleanly) {
  auto o = options("droprange");
  o.retries = 1;
  DownloadResult r = ModelDownloader(o).run();
  EXPECT_EQ(laminar::readFile(r.snapshotDirectory / "model.safetensors"), laminar::readFile(kTiny / "model.safetensors"));
}

TEST_F(Downloader, ChecksumMismatchDeletesTheBlobAndSaysSo) {
  auto e = expectThrows<laminar::Error>([&] { ModelDownloader(options("corrupt")).run(); });
  EXPECT_TRUE(contains(e.what(), "checksum mismatch")) << e.what();
  EXPECT_TRUE(contains(e.what(), "deleted")) << e.what();
  EXPECT_TRUE(leftovers("corrupt").empty());
  const fs::path blobs = cache().repoDirectory("test-org/corrupt") / "blobs";
  for (const auto& b : fs::directory_iterator(blobs))
    EXPECT_LT(fs::file_size(b.path()), 100000u) << "the damaged weights were kept: " << b.path();
}

TEST_F(Downloader, AServerSendingMoreThanAnnouncedIsStoppedAndNothingIsKept) {
  auto e = expectThrows<laminar::Error>([&] { ModelDownloader(options("long")).run(); });
  const std::string size = std::to_string(fs::file_size(kTiny / "model.safetensors"));
  EXPECT_TRUE(contains(e.what(), "more than the " + size + " bytes the hub announced")) << e.what();
  EXPECT_TRUE(contains(e.what(), "deleted")) << e.what();
  EXPECT_TRUE(leftovers("long").empty());
  const fs::path blobs = cache().repoDirectory("test-org/long") / "blobs";
  for (const auto& b : fs::directory_iterator(blobs))
    EXPECT_LT(fs::file_size(b.path()), 100000u) << "the oversized weights were kept: " << b.path();
}
TEST_F(Downloader, APartTheServerRefusesToResumeIsDeletedAndTheNextRunStartsOver) {
  const std::string weights = laminar::readFile(kTiny / "model.safetensors");
  const fs::path part = cache().incompletePath("test-org/refuse", laminar::sha256OfFile(kTiny / "model.safetensors"));
  fs::create_directories(part.parent_path());
  std::ofstream(part, std::ios::binary) << weights.substr(0, weights.size() / 3);

  auto e = expectThrows<TransferError>([&] { ModelDownloader(options("refuse")).run(); });
  EXPECT_EQ(e.kind(), TransferFailure::Dropped);
  EXPECT_TRUE(contains(e.what(), "refused to resume (416)")) << e.what();
  EXPECT_FALSE(fs::exists(part));
  EXPECT_EQ(countRequests(requestLog(), "GET", "/cdn/refuse/"), 1u);

  DownloadResult r = ModelDownloader(options("refuse")).run();  // no part left: no Range, no 416
  EXPECT_EQ(laminar::readFile(r.snapshotDirectory / "model.safetensors"), weights);
  EXPECT_TRUE(leftovers("refuse").empty());
}
TEST_F(Downloader, StalledTransferTimesOutWithAClearMessage) {
  auto o = options("slow");
  o.lowSpeedSeconds = 1;
  const auto start = std::chrono::steady_clock::now();
  auto e = expectThrows<TransferError>([&] { ModelDownloader(o).run(); });
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(6));
  EXPECT_EQ(e.kind(), TransferFailure::Timeout);
  EXPECT_TRUE(contains(e.what(), "stopped sending data")) << e.what();
  EXPECT_TRUE(contains(e.what(), "resume")) << e.what();
  ASSERT_EQ(leftovers("slow").size(), 1u);
  EXPECT_EQ(fs::file_size(leftovers("slow")[0]), 1000u);
}

TEST_F(Downloader, MissingRepositoryRevisionAndAuthErrorsAreExplained) {
  auto missing = expectThrows<HubRequestError>([&] { ModelDownloader(options("missing")).run(); });
  EXPECT_EQ(missing.status(), 401);
  EXPECT_TRUE(contains(missing.what(), "repository test-org/missing not found")) << missing.what();
  auto o = options("tiny");
  o.revision = "no-such-branch";
  auto rev = expectThrows<HubRequestError>([&] { ModelDownloader(o).run(); });
  EXPECT_EQ(rev.status(), 404);
  EXPECT_TRUE(contains(rev.what(), "revision 'no-such-branch' not found")) << rev.what();
  auto priv = expectThrows<HubRequestError>([&] { ModelDownloader(options("private")).run(); });
  EXPECT_EQ(priv.status(), 401);
  EXPECT_TRUE(contains(priv.what(), "set HF_TOKEN")) << priv.what();
  auto gated = expectThrows<HubRequestError>([&] { ModelDownloader(options("gated")).run(); });
  EXPECT_EQ(gated.status(), 403);
  EXPECT_TRUE(contains(gated.what(), "gated")) << gated.what();
  EXPECT_FALSE(fs::exists(cache().repoDirectory("test-org/missing") / "snapshots"));
}

TEST_F(Downloader, TokenIsSentToTheHubOnlyAndNeverAppearsInMessages) {
  auto wrong = options("private");
  wrong.token = "wrong-token-value";
  auto e = expectThrows<HubRequestError>([&] { ModelDownloader(wrong).run(); });
  EXPECT_TRUE(contains(e.what(), "refused the access token")) << e.what();
  EXPECT_FALSE(contains(e.what(), "wrong-token-value"));

  const size_t before = requestLog().size();
  auto o = options("private");
  o.token = "secret-token";
  std::string logged;
  o.log = [&](const std::string& line) { logged += line; };
  DownloadResult r = ModelDownloader(o).run();
  EXPECT_EQ(laminar::readFile(r.snapshotDirectory / "model.safetensors"), laminar::readFile(kTiny / "model.safetensors"));
  EXPECT_FALSE(contains(logged, "secret-token"));
  size_t cdnRequests = 0;
  const auto log = requestLog();
  for (size_t i = before; i < log.size(); ++i) {
    const auto& entry = log[i];
    const std::string path = entry["path"];
    if (contains(path, "/cdn/private")) {
      ++cdnRequests;
      EXPECT_FALSE(entry["authorization"].get<bool>()) << "token forwarded to the CDN host";
    } else if (contains(path, "/test-org/private/")) {
      EXPECT_TRUE(entry["authorization"].get<bool>());
    }
  }
  EXPECT_GT(cdnRequests, 0u);
}

TEST_F(Downloader, RelativeRedirectOfARenamedRepositoryIsFollowed) {
  DownloadResult r = ModelDownloader(options("renamed")).run();
  EXPECT_EQ(r.snapshotDirectory.parent_path().parent_path(), cache().repoDirectory("test-org/renamed"));
  EXPECT_EQ(laminar::readFile(r.snapshotDirectory / "config.json"), laminar::readFile(kTiny / "config.json"));
}

TEST_F(Downloader, AServerThatIsNotAHubIsRefused) {
  auto e = expectThrows<laminar::Error>([&] { ModelDownloader(options("notok")).run(); });
  EXPECT_TRUE(contains(e.what(), "X-Repo-Commit")) << e.what();
}

TEST_F(Downloader, OfflineIsReportedAsSuch) {
  int s = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  ASSERT_EQ(bind(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  getsockname(s, reinterpret_cast<sockaddr*>(&addr), &len);
  close(s);  // nobody listens on this port now
  auto o = options("tiny");
  o.endpoint = "http://127.0.0.1:" + std::to_string(ntohs(addr.sin_port));
  auto e = expectThrows<TransferError>([&] { ModelDownloader(o).run(); });
  EXPECT_EQ(e.kind(), TransferFailure::Offline);
  EXPECT_TRUE(contains(e.what(), "cannot reach")) << e.what();
  laminar::test::ScopedEnv offline("HF_HUB_OFFLINE", "1");
  auto off = expectThrows<laminar::Error>([&] { ModelDownloader(options("tiny")).run(); });
  EXPECT_TRUE(contains(off.what(), "HF_HUB_OFFLINE")) << off.what();
}

TEST_F(Downloader, CancelFromTheProgressCallbackKeepsThePartForLater) {
  // Cancel in the middle of the weights: the bytes so far stay as blobs/<sha>.incomplete, no
  // snapshot links anything, and the next run asks the CDN for the rest with a Range request.
  // ("paced": the fake CDN sends the weights in pieces, so the callback sees them part-way.)
  uint64_t cancelledAt = 0;
  EXPECT_THROW(ModelDownloader(options("paced")).run([&](const DownloadProgress& p) {
    if (p.file == "model.safetensors" && p.fileBytesDone > 0 && p.fileBytesDone < p.fileBytesTotal) {
      cancelledAt = p.fileBytesDone;
      return false;
    }
    return true;
  }),
               laminar::Cancelled);
  ASSERT_GT(cancelledAt, 0u) << "the callback never saw model.safetensors part-way";
  const std::string weights = laminar::readFile(kTiny / "model.safetensors");
  auto parts = leftovers("paced");
  ASSERT_EQ(parts.size(), 1u) << "the part was not kept";
  const uint64_t kept = fs::file_size(parts[0]);
  EXPECT_GT(kept, 0u);
  EXPECT_LT(kept, weights.size());
  EXPECT_EQ(laminar::readFile(parts[0]), weights.substr(0, kept)) << "the part is not the file's beginning";
  const fs::path snapshots = cache().repoDirectory("test-org/paced") / "snapshots";
  if (fs::exists(snapshots))
    for (const auto& s : fs::directory_iterator(snapshots)) {
      EXPECT_FALSE(fs::exists(s.path() / "config.json"));
      EXPECT_FALSE(fs::exists(s.path() / "model.safetensors"));
    }

  const size_t logBefore = requestLog().size();
  DownloadResult r = ModelDownloader(options("paced")).run();
  EXPECT_EQ(laminar::readFile(r.snapshotDirectory / "model.safetensors"), weights);
  EXPECT_LT(r.bytesTransferred, r.totalBytes);
  bool ranged = false;
  const auto log = requestLog();
  for (size_t i = logBefore; i < log.size(); ++i)
    if (contains(log[i]["path"].get<std::string>(), "/cdn/paced/") && log[i]["range"] == "bytes=" + std::to_string(kept) + "-")
      ranged = true;
  EXPECT_TRUE(ranged) << "the rerun sent no Range request from byte " << kept;
  EXPECT_TRUE(leftovers("paced").empty());
}

TEST_F(Downloader, CancelFromAnotherThreadStopsAStalledTransfer) {
  auto o = options("slow");
  o.lowSpeedSeconds = 30;
  ModelDownloader d(o);
  std::atomic<bool> cancelled{false};
  std::thread worker([&] {
    try {
      d.run();
    } catch (const laminar::Cancelled&) {
      cancelled = true;
    } catch (...) {
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  const auto start = std::chrono::steady_clock::now();
  d.cancel();
  worker.join();
  EXPECT_TRUE(cancelled.load());
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(3));
}

TEST_F(Downloader, ABlobLockedByAnotherProgramIsLeftAlone) {
  ModelDownloader planner(options("tiny"));
  DownloadPlan plan = planner.plan();
  std::string etag;
  for (const auto& f : plan.files)
    if (f.metadata.file == "model.safetensors") etag = f.metadata.etag;
  EXPECT_EQ(plan.commit.size(), 40u);
  EXPECT_EQ(plan.files.back().metadata.file, "config.json");
  const fs::path lock = cache().lockPath("test-org/tiny", etag);
  fs::create_directories(lock.parent_path());
  int fd = open(lock.c_str(), O_RDWR | O_CREAT, 0644);
  ASSERT_EQ(flock(fd, LOCK_EX), 0);
  auto e = expectThrows<laminar::Error>([&] { ModelDownloader(options("tiny")).run(); });
  EXPECT_TRUE(contains(e.what(), "another program is downloading")) << e.what();
  close(fd);
  EXPECT_NO_THROW(ModelDownloader(options("tiny")).run());
}
