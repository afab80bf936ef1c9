#include "hub/model_downloader.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <deque>
#include <functional>
#include <set>
#include <system_error>
#include <thread>
#include <utility>

#include <nlohmann/json.hpp>

#include "hub/byte_format.h"
#include "hub/disk_space.h"
#include "hub/hf_cache.h"
#include "hub/http_transfer.h"
#include "hub/hub_environment.h"
#include "util/error.h"
#include "util/atomic_file.h"
#include "util/sha256.h"

namespace laminar::hub {
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

bool isSha256Hex(const std::string& s) {
  return s.size() == 64 &&
         std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isxdigit(c) && !std::isupper(c); });
}

uint64_t fileSizeOr0(const fs::path& p) {
  std::error_code ec;
  auto n = fs::file_size(p, ec);
  return ec ? 0 : static_cast<uint64_t>(n);
}

bool blobComplete(const fs::path& blob, uint64_t size) {
  std::error_code ec;
  return fs::is_regular_file(blob, ec) && fileSizeOr0(blob) == size;
}

// A file name from a shard index must stay inside the snapshot.
bool safeRelativeName(const std::string& name) {
  if (name.empty() || name[0] == '/' || name.find('\\') != std::string::npos) return false;
  for (const auto& part : fs::path(name))
    if (part == ".." || part == ".") return false;
  return true;
}

// An exclusive flock on <cache>/.locks/<repo>/<etag>.lock: the same lock huggingface_hub's
// filelock takes, so Laminar and Python never write one blob at the same time.
class BlobLock {
 public:
  BlobLock(const fs::path& path, const std::string& file) {
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) {
      const std::string reason = std::strerror(errno);
      throw Error(systemFileMessage(path.string(), msg::kHubLockFailed, "cannot create lock file", reason));
    }
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
      ::close(fd_);
      throw Error(Message(msg::kHubLocked, {{"what", file}, {"file", path.string()}},
                          file + ": another program is downloading this file into the cache right now (lock " +
                              path.string() + "); wait for it to finish, then run again"));
    }
  }
  ~BlobLock() {
    if (fd_ >= 0) ::close(fd_);  // releases the lock
  }
  BlobLock(const BlobLock&) = delete;
  BlobLock& operator=(const BlobLock&) = delete;

 private:
  int fd_ = -1;
};

// Feeds the `size` bytes of a part an earlier run left into `hash`, reporting the bytes read
// (`onProgress` returns false to cancel).
void hashPart(const fs::path& part, uint64_t size, Sha256& hash, const std::function<bool(uint64_t)>& onProgress) {
  std::FILE* in = std::fopen(part.c_str(), "rb");
  if (!in) {
    const std::string reason = std::strerror(errno);
    throw Error(systemFileMessage(part.string(), msg::kFileCannotRead, "cannot read", reason));
  }
  std::vector<char> buf(1 << 20);
  uint64_t hashed = 0;
  size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), in)) > 0) {
    hash.update(buf.data(), n);
    hashed += n;
    if (!onProgress(hashed)) {
      std::fclose(in);
      throw Cancelled();
    }
  }
  std::fclose(in);
  if (hashed != size) throw Error(fileMessage(part.string(), msg::kHubResumeReadFailed, {}, "read failed while resuming"));
}

// A finished download whose SHA-256 is not the one the hub announced is deleted, never kept.
void checkDigest(const std::string& digest, const std::string& announced, const std::string& what,
                 const fs::path& part) {
  if (digest == announced) return;
  std::error_code ec;
  fs::remove(part, ec);
  throw Error(Message(msg::kHubChecksumMismatch, {{"what", what}, {"found", digest}, {"expected", announced}},
                      what + ": checksum mismatch: the downloaded data has SHA-256 " + digest + " but the hub announced " +
                          announced + "; the damaged download was deleted, run it again"));
}

// A blob's ".incomplete" part, open for appending. Closed on every path out; the bytes it holds
// stay for the next run to resume unless discard() is called.
class PartFile {
 public:
  explicit PartFile(const fs::path& path) : path_(path) {
    std::error_code dirError;
    fs::create_directories(path.parent_path(), dirError);
    file_ = std::fopen(path.c_str(), "ab");
    if (!file_) {
      const std::string reason = std::strerror(errno);
      throw Error(systemFileMessage(path.string(), msg::kFileCannotWrite, "cannot write", reason));
    }
  }
  ~PartFile() { close(); }
  PartFile(const PartFile&) = delete;
  PartFile& operator=(const PartFile&) = delete;

  const fs::path& path() const { return path_; }
  // The errno of the last failed restart() or append() (EFBIG: more bytes than there was room for).
  int writeErrno() const { return writeErrno_; }

  bool restart() {
    if (::ftruncate(fileno(file_), 0) == 0 && std::fseek(file_, 0, SEEK_SET) == 0) return true;
    writeErrno_ = errno;
    return false;
  }
  bool append(const char* data, size_t size, uint64_t room) {
    if (size > room) writeErrno_ = EFBIG;
    else if (std::fwrite(data, 1, size, file_) != size) writeErrno_ = errno;
    else return true;
    return false;
  }
  void flush() { std::fflush(file_); }
  void syncAndClose() {
    if (std::fflush(file_) != 0 || ::fsync(fileno(file_)) != 0) {
      const std::string reason = std::strerror(errno);
      throw Error(systemFileMessage(path_.string(), msg::kFileWriteFailed, "write failed", reason));
    }
    close();
  }
  void discard() {
    close();
    std::error_code ec;
    fs::remove(path_, ec);
  }

 private:
  void close() {
    if (file_) std::fclose(file_);
    file_ = nullptr;
  }

  fs::path path_;
  std::FILE* file_ = nullptr;
  int writeErrno_ = 0;
};

// The bytes an earlier run left in the part, or 0 when there are more than the file has (not
// ours to continue: the part is removed and the download starts over).
uint64_t resumableBytes(const fs::path& part, uint64_t fileSize) {
  const uint64_t have = fileSizeOr0(part);
  if (have <= fileSize) return have;
  std::error_code ec;
  fs::remove(part, ec);
  return 0;
}

HttpRequest blobRequest(const HubConnection& hub, const HubFileMetadata& file, const std::string& repo,
                        uint64_t rangeStart) {
  HttpRequest request;
  request.url = resolveUrl(hub.endpoint, repo, file.commit, file.file);
  request.headers = hubHeaders(hub);
  request.followRedirects = true;  // to the CDN; Authorization is not forwarded there
  request.rangeStart = rangeStart;
  request.connectTimeoutSeconds = hub.connectTimeoutSeconds;
  request.lowSpeedBytes = hub.lowSpeedBytes;
  request.lowSpeedSeconds = hub.lowSpeedSeconds;
  request.userAgent = hub.userAgent();
  return request;
}

// Throws what the user should read for a failed transfer of `what` that had `have` of its
// `size` bytes in `part`: a local write error, or an interruption that keeps the part to resume.
// Returns for the failures it does not rephrase.
void explainTransferFailure(const TransferError& e, PartFile& part, const std::string& what, uint64_t have,
                            uint64_t size) {
  if (e.kind() == TransferFailure::LocalWrite) {
    if (part.writeErrno() == EFBIG) {
      part.discard();
      throw Error(Message(msg::kHubTooMuchData, {{"what", what}, {"size", std::to_string(size)}},
                          what + ": the server sent more than the " + std::to_string(size) +
                              " bytes the hub announced; the download was deleted, run it again"));
    }
    const std::string reason = std::strerror(part.writeErrno());
    throw Error(systemFileMessage(part.path().string(), msg::kFileWriteFailed, "write failed", reason));
  }
  const std::string partName = part.path().string();
  if (e.kind() == TransferFailure::Dropped || e.kind() == TransferFailure::Timeout)
    throw TransferError(e.kind(), Message(msg::kHubInterrupted,
                                          {{"what", what}, {"doneBytes", std::to_string(have)},
                                           {"totalBytes", std::to_string(size)}, {"part", partName}},
                                          std::string(e.what()) + " after " + formatBytes(have) + " of " +
                                              formatBytes(size) + "; the part is kept (" + partName +
                                              "), run the download again to resume"));
}

// A response that ended without a transport error but did not deliver the blob.
void checkBlobResponse(const HttpResponse& response, uint64_t rangeStart, PartFile& part, const HubConnection& hub,
                       const std::string& repo, const HubFileMetadata& file) {
  const std::string what = repo + "/" + file.file;
  if (response.status == 416 && rangeStart > 0) {  // our partial file does not fit the server's: restart
    part.discard();
    throw TransferError(TransferFailure::Dropped,
                        Message(msg::kHubResumeRefused, {{"what", what}}, what + ": the server refused to resume (416)"));
  }
  if (response.status >= 300)
    throw HubRequestError(response.status, response.header("x-error-code"),
                          describeHttpError(response.status, response.header("x-error-code"),
                                            response.header("x-error-message"), repo, file.commit, file.file,
                                            hub.token.has_value()));
}

// The shard names of a downloaded model.safetensors.index.json: its weight_map's values, each a
// plain file name that stays inside the snapshot.
std::set<std::string> shardNames(const fs::path& indexBlob, const std::string& repo) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(readFile(indexBlob));
  } catch (const nlohmann::json::exception& e) {
    throw Error(Message(msg::kHubIndexInvalidJson, {{"repo", repo}, {"detail", e.what()}},
                        repo + "/model.safetensors.index.json: not valid JSON (" + e.what() + ")"));
  }
  if (!j.contains("weight_map") || !j["weight_map"].is_object() || j["weight_map"].empty())
    throw Error(Message(msg::kHubIndexNoWeightMap, {{"repo", repo}},
                        repo + "/model.safetensors.index.json: no \"weight_map\" naming the shards"));
  std::set<std::string> shards;
  for (const auto& [tensor, shard] : j["weight_map"].items()) {
    if (!shard.is_string() || !safeRelativeName(shard.get<std::string>()))
      throw Error(Message(msg::kHubIndexBadShard, {{"repo", repo}, {"tensor", tensor}},
                          repo + "/model.safetensors.index.json: weight_map[\"" + tensor + "\"] is not a file name"));
    shards.insert(shard.get<std::string>());
  }
  return shards;
}

// One file of the plan: what the cache already holds of it. Every file must come from the
// commit config.json came from.
PlannedFile planFile(const HubFileMetadata& meta, const std::string& commit, const HubCache& cache,
                     const std::string& repo) {
  if (meta.commit != commit)
    throw Error(Message(msg::kHubCommitChanged, {{"what", repo + "/" + meta.file}, {"found", meta.commit}, {"expected", commit}},
                        repo + "/" + meta.file + ": the hub answered for commit " + meta.commit + ", expected " +
                            commit + "; the repository changed during the download, run it again"));
  PlannedFile planned;
  planned.metadata = meta;
  planned.cached = blobComplete(cache.blobPath(repo, meta.etag), meta.size);
  if (!planned.cached) planned.partialBytes = fileSizeOr0(cache.incompletePath(repo, meta.etag));
  return planned;
}

}  // namespace

// Progress bookkeeping for one run: totals, a speed window and the user's callback.
struct ModelDownloader::Transfer {
  const DownloadProgressCallback* callback = nullptr;
  const std::atomic<bool>* cancelled = nullptr;
  DownloadProgress progress;
  uint64_t bytesBeforeFile = 0;   // of all files, done before the current one
  uint64_t transferred = 0;       // bytes received over the network this run
  std::deque<std::pair<Clock::time_point, uint64_t>> samples;  // (time, transferred)
  Clock::time_point lastReport{};

  // Returns false when the user cancelled.
  bool report(uint64_t fileDone, DownloadProgress::Phase phase, bool force) {
    if (cancelled->load()) return false;
    const auto now = Clock::now();
    samples.emplace_back(now, transferred);
    while (samples.size() > 2 && now - samples.front().first > std::chrono::seconds(5)) samples.pop_front();
    if (!force && now - lastReport < std::chrono::milliseconds(100)) return true;
    lastReport = now;
    progress.phase = phase;
    progress.fileBytesDone = fileDone;
    progress.bytesDone = bytesBeforeFile + fileDone;
    const double span = std::chrono::duration<double>(samples.back().first - samples.front().first).count();
    if (span > 0.2) {
      progress.bytesPerSecond = (samples.back().second - samples.front().second) / span;
      const uint64_t left = progress.bytesTotal > progress.bytesDone ? progress.bytesTotal - progress.bytesDone : 0;
      progress.secondsRemaining = progress.bytesPerSecond > 0 ? left / progress.bytesPerSecond : -1;
    }
    if (callback && *callback && !(*callback)(progress)) return false;
    return !cancelled->load();
  }
};

uint64_t DownloadPlan::totalBytes() const {
  uint64_t n = 0;
  for (const auto& f : files) n += f.metadata.size;
  return n;
}

uint64_t DownloadPlan::bytesToFetch() const {
  uint64_t n = 0;
  for (const auto& f : files)
    if (!f.cached) n += f.metadata.size - std::min(f.partialBytes, f.metadata.size);
  return n;
}

ModelDownloader::ModelDownloader(DownloadOptions options) : options_(std::move(options)) {
  if (options_.repo.empty()) throw Error("no repository given to download");
  if (options_.revision.empty()) options_.revision = "main";
  hub_.endpoint = options_.endpoint.empty() ? defaultEndpoint() : options_.endpoint;
  while (!hub_.endpoint.empty() && hub_.endpoint.back() == '/') hub_.endpoint.pop_back();
  if (options_.token)
    hub_.token = options_.token->empty() ? std::nullopt : options_.token;
  else
    hub_.token = defaultToken();
  hub_.connectTimeoutSeconds = options_.connectTimeoutSeconds;
  hub_.metadataTimeoutSeconds = std::max(options_.connectTimeoutSeconds, options_.lowSpeedSeconds);
  hub_.lowSpeedBytes = options_.lowSpeedBytes;
  hub_.lowSpeedSeconds = options_.lowSpeedSeconds;
  cacheDirectory_ = options_.cacheDirectory.empty() ? defaultCacheDirectory() : options_.cacheDirectory;
}

void ModelDownloader::say(const std::string& line) const {
  if (options_.log) options_.log(line);
}

DownloadPlan ModelDownloader::plan() {
  if (offlineModeRequested())
    throw Error(Message(msg::kHubOfflineMode, {{"repo", options_.repo}},
                        "HF_HUB_OFFLINE is set, so downloads are disabled; unset it to download " + options_.repo));
  const std::string& repo = options_.repo;
  HubCache cache(cacheDirectory_);
  DownloadPlan plan;
  plan.repo = repo;
  plan.revision = options_.revision;

  const HubFileMetadata config = fetchFileMetadata(hub_, repo, options_.revision, "config.json");
  plan.commit = config.commit;
  // Every further request names the commit, so all files come from the same snapshot.
  const std::string pinned = plan.commit;
  auto optional = [&](const std::string& file) -> std::optional<HubFileMetadata> {
    try {
      return fetchFileMetadata(hub_, repo, pinned, file);
    } catch (const HubRequestError& e) {
      if (e.status() == 404) return std::nullopt;
      throw;
    }
  };

  std::vector<HubFileMetadata> files;
  for (const char* tokenizerFile : {"vocab.json", "merges.txt"}) {
    if (auto meta = optional(tokenizerFile))
      files.push_back(*meta);
    else
      say(std::string(tokenizerFile) + " is not in " + repo + "; Laminar's bundled GPT-2 tokenizer will be used");
  }
  if (auto weights = optional("model.safetensors")) {
    files.push_back(*weights);
  } else if (auto index = optional("model.safetensors.index.json")) {
    // The index is small: fetch it now to learn the shard names.
    Transfer quiet;
    quiet.cancelled = &cancelled_;
    quiet.progress.bytesTotal = index->size;
    if (!blobComplete(cache.blobPath(repo, index->etag), index->size)) fetchBlob(*index, quiet);
    files.push_back(*index);
    for (const auto& shard : shardNames(cache.blobPath(repo, index->etag), repo))
      files.push_back(fetchFileMetadata(hub_, repo, pinned, shard));
  } else {
    throw Error(Message(msg::kHubNoSafetensors, {{"repo", repo}, {"revision", options_.revision}},
                        repo + " (revision " + options_.revision +
                            ") has no model.safetensors nor model.safetensors.index.json; Laminar reads safetensors "
                            "checkpoints only"));
  }
  files.push_back(config);  // linked last: a snapshot without config.json is no checkpoint

  for (const HubFileMetadata& meta : files) plan.files.push_back(planFile(meta, plan.commit, cache, repo));
  return plan;
}

DownloadResult ModelDownloader::run(const DownloadProgressCallback& progress) {
  const std::string& repo = options_.repo;
  HubCache cache(cacheDirectory_);
  DownloadPlan plan = this->plan();

  const fs::path repoDir = cache.repoDirectory(repo);
  std::error_code ec;
  fs::create_directories(repoDir / "blobs", ec);
  if (ec)
    throw Error(systemFileMessage((repoDir / "blobs").string(), msg::kHubCannotCreateCache,
                                  "cannot create cache folder", ec.message()));
  const uint64_t needed = plan.bytesToFetch();
  if (options_.checkFreeSpace && needed > 0) requireFreeSpace(repoDir / "blobs", needed + (16u << 20));
  say(repo + " at " + plan.commit.substr(0, 12) + ": " + std::to_string(plan.files.size()) + " files, " +
      formatBytes(plan.totalBytes()) + (needed ? ", " + formatBytes(needed) + " to download" : ", all in the cache"));

  Transfer transfer;
  transfer.callback = &progress;
  transfer.cancelled = &cancelled_;
  transfer.progress.bytesTotal = plan.totalBytes();
  transfer.progress.fileCount = plan.files.size();
  for (size_t i = 0; i < plan.files.size(); ++i) {
    const HubFileMetadata& meta = plan.files[i].metadata;
    transfer.progress.file = meta.file;
    transfer.progress.fileIndex = i;
    transfer.progress.fileBytesTotal = meta.size;
    if (!blobComplete(cache.blobPath(repo, meta.etag), meta.size)) fetchBlob(meta, transfer);
    if (!transfer.report(meta.size, DownloadProgress::Phase::Downloading, true)) throw Cancelled();
    cache.linkSnapshotFile(repo, plan.commit, meta.file, meta.etag);
    transfer.bytesBeforeFile += meta.size;
  }
  cache.writeRef(repo, plan.revision, plan.commit);
  transfer.progress.fileBytesDone = transfer.progress.fileBytesTotal;
  transfer.progress.phase = DownloadProgress::Phase::Done;
  transfer.progress.bytesDone = transfer.progress.bytesTotal;
  transfer.progress.secondsRemaining = 0;
  if (progress) progress(transfer.progress);

  DownloadResult result;
  result.commit = plan.commit;
  result.snapshotDirectory = cache.snapshotDirectory(repo, plan.commit);
  result.bytesTransferred = transfer.transferred;
  result.totalBytes = plan.totalBytes();
  return result;
}

void ModelDownloader::fetchBlob(const HubFileMetadata& file, Transfer& transfer) {
  HubCache cache(cacheDirectory_);
  BlobLock lock(cache.lockPath(options_.repo, file.etag), options_.repo + "/" + file.file);
  // Another process may have finished it while we waited for the lock.
  if (blobComplete(cache.blobPath(options_.repo, file.etag), file.size)) return;
  for (int attempt = 0;; ++attempt) {
    try {
      fetchBlobAttempt(file, transfer);
      return;
    } catch (const TransferError& e) {
      if (e.kind() != TransferFailure::Dropped || attempt >= options_.retries) throw;
      say(options_.repo + "/" + file.file + ": connection dropped; resuming (attempt " + std::to_string(attempt + 2) +
          " of " + std::to_string(options_.retries + 1) + ")");
      std::this_thread::sleep_for(std::chrono::milliseconds(250 * (attempt + 1)));
    }
  }
}

void ModelDownloader::fetchBlobAttempt(const HubFileMetadata& file, Transfer& transfer) {
  const std::string& repo = options_.repo;
  HubCache cache(cacheDirectory_);
  const fs::path blob = cache.blobPath(repo, file.etag);
  const fs::path incomplete = cache.incompletePath(repo, file.etag);
  const std::string what = repo + "/" + file.file;
  const bool verify = file.lfs && isSha256Hex(file.etag);

  uint64_t have = resumableBytes(incomplete, file.size);
  auto hash = std::make_unique<Sha256>();
  if (verify && have > 0)  // the checksum covers the bytes an earlier run wrote too
    hashPart(incomplete, have, *hash,
             [&](uint64_t hashed) { return transfer.report(hashed, DownloadProgress::Phase::Verifying, false); });
  PartFile part(incomplete);

  if (have < file.size) {
    if (have > 0) say("resuming " + file.file + " at " + formatBytes(have) + " of " + formatBytes(file.size));
    const uint64_t start = have;
    bool first = true;
    auto sink = [&](const char* data, size_t size, const HttpResponse& response) {
      if (std::exchange(first, false) && start > 0 && response.status != 206) {  // the server ignored the Range
        if (!part.restart()) return false;
        have = 0;
        hash = std::make_unique<Sha256>();
      }
      if (!part.append(data, size, file.size - have)) return false;
      if (verify) hash->update(data, size);
      have += size;
      transfer.transferred += size;
      return true;
    };
    auto tick = [&](uint64_t) { return transfer.report(have, DownloadProgress::Phase::Downloading, false); };
    HttpResponse response;
    try {
      response = performHttp(blobRequest(hub_, file, repo, start), what, sink, tick);
    } catch (const TransferError& e) {
      part.flush();
      if (e.kind() == TransferFailure::Cancelled) throw Cancelled();
      explainTransferFailure(e, part, what, have, file.size);
      throw;
    }
    checkBlobResponse(response, start, part, hub_, repo, file);
  }
  part.syncAndClose();

  if (have < file.size)
    throw TransferError(TransferFailure::Dropped,
                        Message(msg::kHubTruncated,
                                {{"what", what}, {"doneBytes", std::to_string(have)}, {"totalBytes", std::to_string(file.size)},
                                 {"part", incomplete.string()}},
                                what + ": the transfer ended after " + formatBytes(have) + " of " + formatBytes(file.size) +
                                    " (truncated); the part is kept (" + incomplete.string() +
                                    "), run the download again to resume"));
  if (verify) {
    transfer.report(have, DownloadProgress::Phase::Verifying, true);
    checkDigest(hash->hexDigest(), file.etag, what, incomplete);
  }
  std::error_code ec;
  fs::rename(incomplete, blob, ec);
  if (ec)
    throw Error(systemFileMessage(blob.string(), msg::kHubCannotMoveIntoPlace,
                                  "cannot move the finished download into place", ec.message()));
}

}  // namespace laminar::hub
