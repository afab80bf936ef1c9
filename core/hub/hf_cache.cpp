#include "hub/hf_cache.h"

#include <unistd.h>

#include <atomic>
#include <cctype>
#include <fstream>
#include <sstream>
#include <system_error>

#include "util/atomic_file.h"
#include "util/error.h"

namespace laminar::hub {
namespace fs = std::filesystem;

std::string repoFolderName(const std::string& repo) {
  std::string out = "models--";
  for (char c : repo) {
    if (c == '/')
      out += "--";
    else
      out += c;
  }
  return out;
}

std::optional<std::string> repoFromFolderName(const std::string& folder) {
  const std::string prefix = "models--";
  if (folder.rfind(prefix, 0) != 0 || folder.size() == prefix.size()) return std::nullopt;
  std::string rest = folder.substr(prefix.size());
  std::string out;
  for (size_t i = 0; i < rest.size(); ++i) {
    if (rest.compare(i, 2, "--") == 0) {
      out += '/';
      ++i;
    } else {
      out += rest[i];
    }
  }
  return out;
}

bool isCommitHash(const std::string& revision) {
  if (revision.size() != 40) return false;
  for (char c : revision)
    if (!std::isxdigit(static_cast<unsigned char>(c)) || std::isupper(static_cast<unsigned char>(c))) return false;
  return true;
}

HubCache::HubCache(fs::path root) : root_(std::move(root)) {}

fs::path HubCache::repoDirectory(const std::string& repo) const { return root_ / repoFolderName(repo); }
fs::path HubCache::blobPath(const std::string& repo, const std::string& etag) const {
  return repoDirectory(repo) / "blobs" / etag;
}
fs::path HubCache::incompletePath(const std::string& repo, const std::string& etag) const {
  return repoDirectory(repo) / "blobs" / (etag + ".incomplete");
}
fs::path HubCache::lockPath(const std::string& repo, const std::string& etag) const {
  return root_ / ".locks" / repoFolderName(repo) / (etag + ".lock");
}
fs::path HubCache::refPath(const std::string& repo, const std::string& revision) const {
  return repoDirectory(repo) / "refs" / revision;
}
fs::path HubCache::snapshotDirectory(const std::string& repo, const std::string& commit) const {
  return repoDirectory(repo) / "snapshots" / commit;
}

std::optional<std::string> HubCache::resolveRevision(const std::string& repo, const std::string& revision) const {
  std::error_code ec;
  if (isCommitHash(revision) && fs::is_directory(snapshotDirectory(repo, revision), ec)) return revision;
  std::ifstream in(refPath(repo, revision));
  if (!in) return std::nullopt;
  std::string commit;
  in >> commit;
  if (commit.empty()) return std::nullopt;
  return commit;
}

std::optional<fs::path> HubCache::snapshotFor(const std::string& repo, const std::string& revision) const {
  auto commit = resolveRevision(repo, revision);
  if (!commit) return std::nullopt;
  fs::path dir = snapshotDirectory(repo, *commit);
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return std::nullopt;
  return dir;
}

void HubCache::writeRef(const std::string& repo, const std::string& revision, const std::string& commit) const {
  if (revision == commit) return;
  const fs::path ref = refPath(repo, revision);
  std::error_code ec;
  fs::create_directories(ref.parent_path(), ec);
  if (ec)
    throw Error(systemFileMessage(ref.parent_path().string(), msg::kFileCannotCreateFolder,
                                  "cannot create folder", ec.message()));
  writeFileAtomically(ref, commit);  // no newline, as huggingface_hub writes it
}

void HubCache::linkSnapshotFile(const std::string& repo, const std::string& commit, const std::string& file,
                                const std::string& etag) const {
  const fs::path link = snapshotDirectory(repo, commit) / fs::path(file);
  const fs::path blob = blobPath(repo, etag);
  std::error_code ec;
  fs::create_directories(link.parent_path(), ec);
  if (ec)
    throw Error(systemFileMessage(link.parent_path().string(), msg::kFileCannotCreateFolder,
                                  "cannot create folder", ec.message()));
  // Relative, so the cache folder can be moved or mounted elsewhere (as Python makes them).
  const fs::path target = blob.lexically_normal().lexically_relative(link.parent_path().lexically_normal());
  static std::atomic<unsigned> counter{0};
  const fs::path temp = link.string() + ".link-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
  fs::remove(temp, ec);
  fs::create_symlink(target, temp, ec);
  if (ec)
    throw Error(fileMessage(link.string(), msg::kHubCannotLink, {{"target", blob.string()}, {"reason", ec.message()}},
                            "cannot create link to " + blob.string() + ": " + ec.message()));
  fs::rename(temp, link, ec);
  if (ec) {
    std::error_code ignore;
    fs::remove(temp, ignore);
    throw Error(systemFileMessage(link.string(), msg::kHubCannotPlaceLink, "cannot put link in place", ec.message()));
  }
}

}  // namespace laminar::hub
