#pragma once
// The Hugging Face hub cache layout, shared with Python transformers:
//   <cache>/models--ORG--NAME/blobs/<etag>              file contents (etag = SHA-256 for LFS)
//   <cache>/models--ORG--NAME/snapshots/<commit>/FILE   relative links ../../blobs/<etag>
//   <cache>/models--ORG--NAME/refs/<revision>           the commit a branch or tag points to
//   <cache>/.locks/models--ORG--NAME/<etag>.lock        held while a blob is downloaded
#include <filesystem>
#include <optional>
#include <string>

namespace laminar::hub {

// "openai-community/gpt2-xl" -> "models--openai-community--gpt2-xl"
std::string repoFolderName(const std::string& repo);
// "models--openai-community--gpt2-xl" -> "openai-community/gpt2-xl"; nullopt if not a model folder.
std::optional<std::string> repoFromFolderName(const std::string& folder);

// A 40-hex-digit commit hash.
bool isCommitHash(const std::string& revision);

class HubCache {
 public:
  explicit HubCache(std::filesystem::path root);
  const std::filesystem::path& root() const { return root_; }

  std::filesystem::path repoDirectory(const std::string& repo) const;
  std::filesystem::path blobPath(const std::string& repo, const std::string& etag) const;
  std::filesystem::path incompletePath(const std::string& repo, const std::string& etag) const;
  std::filesystem::path lockPath(const std::string& repo, const std::string& etag) const;
  std::filesystem::path refPath(const std::string& repo, const std::string& revision) const;
  std::filesystem::path snapshotDirectory(const std::string& repo, const std::string& commit) const;

  // The commit refs/<revision> names (or the revision itself when it is a commit hash);
  // nullopt when the cache does not know the revision.
  std::optional<std::string> resolveRevision(const std::string& repo,
                                             const std::string& revision) const;
  // The snapshot folder for a revision when it exists locally.
  std::optional<std::filesystem::path> snapshotFor(const std::string& repo,
                                                   const std::string& revision) const;

  // Writes refs/<revision> atomically (no-op when revision is the commit itself).
  void writeRef(const std::string& repo, const std::string& revision, const std::string& commit) const;
  // Points snapshots/<commit>/<file> at blobs/<etag> with a relative link, replacing any
  // previous link atomically (a link is created next to it and renamed over it).
  void linkSnapshotFile(const std::string& repo, const std::string& commit, const std::string& file,
                        const std::string& etag) const;

 private:
  std::filesystem::path root_;
};

}  // namespace laminar::hub
