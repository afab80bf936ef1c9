#pragma once
// What huggingface_hub asks the hub before it downloads a file: a HEAD on the resolve URL,
// redirects not followed (except relative ones, e.g. a renamed repository), reading
// X-Repo-Commit, X-Linked-Etag / ETag and X-Linked-Size / Content-Length.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "hub/http_transfer.h"
#include "util/error.h"

namespace laminar::hub {

struct HubConnection {
  std::string endpoint;                // "https://huggingface.co"
  std::optional<std::string> token;    // sent as "Authorization: Bearer ..."; never logged
  long connectTimeoutSeconds = 10;
  long metadataTimeoutSeconds = 20;    // whole HEAD request
  long lowSpeedBytes = 1000;           // a download slower than this ...
  long lowSpeedSeconds = 30;           // ... for this long is a timeout
  std::string userAgent() const;       // "laminar/0.1.0"

  // endpoint = defaultEndpoint(), token = defaultToken().
  static HubConnection fromEnvironment();
};

// The hub answered with an HTTP error; the message says what it means for the user.
class HubRequestError : public Error {
 public:
  HubRequestError(long status, std::string errorCode, Message message)
      : Error(std::move(message)), status_(status), errorCode_(std::move(errorCode)) {}
  long status() const { return status_; }
  const std::string& errorCode() const { return errorCode_; }  // X-Error-Code, e.g. "EntryNotFound"

 private:
  long status_;
  std::string errorCode_;
};

struct HubFileMetadata {
  std::string file;
  std::string commit;      // X-Repo-Commit
  std::string etag;        // X-Linked-Etag or ETag, quotes and W/ removed: the blob name
  uint64_t size = 0;       // X-Linked-Size or Content-Length
  bool lfs = false;        // X-Linked-Etag present: etag is the SHA-256 of the content
};

// HEAD {endpoint}/{repo}/resolve/{revision}/{file}. Throws HubRequestError for HTTP errors
// (401/403/404/5xx with a clear message), TransferError for network failures, and
// laminar::Error when the answer lacks X-Repo-Commit or an ETag.
HubFileMetadata fetchFileMetadata(const HubConnection& hub, const std::string& repo,
                                  const std::string& revision, const std::string& file);

// The URL a HEAD answer redirects to when it is a relative (same-hub) redirect, else "".
std::string relativeRedirectUrl(const std::string& url, const HttpResponse& response);

// The metadata in a HEAD answer's headers; throws laminar::Error naming `source` when the
// commit, a usable ETag (a plain blob name: letters, digits, '-', '_', '.'; not "." or "..")
// or the size is missing.
HubFileMetadata fileMetadataFromHeaders(const HttpResponse& response, const std::string& file,
                                        const std::string& source);

// The user-facing message for an HTTP error status on `file` of `repo`.
Message describeHttpError(long status, const std::string& errorCode, const std::string& errorMessage,
                              const std::string& repo, const std::string& revision,
                              const std::string& file, bool tokenSent);

// "Authorization: Bearer <token>" and the user agent, as curl header lines.
std::vector<std::string> hubHeaders(const HubConnection& hub);

}  // namespace laminar::hub
