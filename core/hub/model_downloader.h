#pragma once
// Downloads a GPT-2 checkpoint into the Hugging Face cache, sharing the copy with Python
// transformers. Only the files Laminar needs: config.json, model.safetensors (or
// model.safetensors.index.json and its shards), vocab.json, merges.txt.
//
// Resumable: bytes land in blobs/<etag>.incomplete and a later run continues with an HTTP
// Range request. Verified: an LFS blob's SHA-256 must equal the X-Linked-Etag the hub
// reported; a mismatch deletes the blob and says so. Atomic: a blob gets its final name
// only when complete and verified, its snapshot link only after that, and config.json is
// linked last, so a snapshot never looks like a checkpoint before every file is in place.
// Cancellable from any thread (cancel(), or the progress callback returning false), which
// throws laminar::Cancelled and keeps the partial file for resuming.
//
// Thread-safe: run() may execute on a worker thread while another calls cancel().
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "hub/hub_api.h"

namespace laminar::hub {

struct DownloadOptions {
  std::string repo;                          // "openai-community/gpt2-xl"
  std::string revision = "main";             // branch, tag or commit
  std::string endpoint;                      // empty: $HF_ENDPOINT or https://huggingface.co
  std::filesystem::path cacheDirectory;      // empty: defaultCacheDirectory()
  std::optional<std::string> token;          // nullopt: defaultToken(); "" sends none
  long connectTimeoutSeconds = 10;
  long lowSpeedBytes = 1000;                 // slower than this ...
  long lowSpeedSeconds = 30;                 // ... for this long is a timeout
  // A dropped connection is resumed (HTTP Range) this many times before giving up.
  int retries = 3;
  bool checkFreeSpace = true;
  // Informational lines ("resuming model.safetensors at 1.2 GB"), called on the thread
  // running the download; never contains the token.
  std::function<void(const std::string&)> log;
};

struct DownloadProgress {
  std::string file;                 // the file being transferred
  size_t fileIndex = 0, fileCount = 0;
  uint64_t fileBytesDone = 0, fileBytesTotal = 0;
  uint64_t bytesDone = 0;           // over all files, including those already present
  uint64_t bytesTotal = 0;
  double bytesPerSecond = 0;        // recent speed (a few seconds' window)
  double secondsRemaining = -1;     // -1 while unknown
  enum class Phase { Downloading, Verifying, Done } phase = Phase::Downloading;
};

// Return false to cancel.
using DownloadProgressCallback = std::function<bool(const DownloadProgress&)>;

struct PlannedFile {
  HubFileMetadata metadata;
  bool cached = false;              // blob already complete in the cache
  uint64_t partialBytes = 0;        // bytes of a .incomplete left by an earlier run
};

struct DownloadPlan {
  std::string repo, revision, commit;
  std::vector<PlannedFile> files;   // config.json last
  uint64_t totalBytes() const;
  uint64_t bytesToFetch() const;    // what is not in the cache yet
};

struct DownloadResult {
  std::string commit;
  std::filesystem::path snapshotDirectory;  // load the checkpoint from here
  uint64_t bytesTransferred = 0;            // this run
  uint64_t totalBytes = 0;
};

class ModelDownloader {
 public:
  explicit ModelDownloader(DownloadOptions options);

  // Asks the hub what to fetch (HEAD requests; downloads the small shard index if any).
  DownloadPlan plan();
  // plan(), the free-space check, then every missing file. Throws laminar::Error (with
  // HubRequestError / TransferError for hub and network failures) or laminar::Cancelled.
  DownloadResult run(const DownloadProgressCallback& progress = {});
  // Thread-safe; run() throws laminar::Cancelled soon after.
  void cancel() { cancelled_.store(true); }
  bool cancelled() const { return cancelled_.load(); }

  const std::filesystem::path& cacheDirectory() const { return cacheDirectory_; }

 private:
  struct Transfer;
  void fetchBlob(const HubFileMetadata& file, Transfer& transfer);
  void fetchBlobAttempt(const HubFileMetadata& file, Transfer& transfer);
  void say(const std::string& line) const;

  DownloadOptions options_;
  HubConnection hub_;
  std::filesystem::path cacheDirectory_;
  std::atomic<bool> cancelled_{false};
};

}  // namespace laminar::hub
