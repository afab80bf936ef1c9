#include "hub/hub_api.h"

#include <cctype>
#include <cstdlib>

#include "hub/hub_environment.h"
#include "hub/http_transfer.h"
#include "util/version.h"

namespace laminar::hub {
namespace {

std::string originOf(const std::string& url) {
  auto start = url.find("://");
  start = start == std::string::npos ? 0 : start + 3;
  auto end = url.find('/', start);
  return end == std::string::npos ? url : url.substr(0, end);
}

// ETags come quoted and sometimes weak (W/"..."); the cache names blobs without either.
std::string normalizeEtag(std::string etag) {
  if (etag.rfind("W/", 0) == 0) etag = etag.substr(2);
  if (etag.size() >= 2 && etag.front() == '"' && etag.back() == '"') etag = etag.substr(1, etag.size() - 2);
  return etag;
}

// The ETag names the blob in the cache (blobs/<etag>): only a plain file name is usable.
// Hub ETags are hex digests (git SHA-1, SHA-256), so letters, digits, '-', '_' and '.'
// suffice; NUL, '/', '\\', control bytes, "." and ".." could point elsewhere or be cut short.
bool usableBlobName(const std::string& etag) {
  if (etag.empty() || etag.size() > 255 || etag[0] == '.') return false;
  for (unsigned char c : etag)
    if (!std::isalnum(c) && c != '-' && c != '_' && c != '.') return false;
  return true;
}

bool parseSize(const std::string& text, uint64_t& out) {
  if (text.empty()) return false;
  char* end = nullptr;
  const unsigned long long v = std::strtoull(text.c_str(), &end, 10);
  if (!end || *end != '\0') return false;
  out = v;
  return true;
}

}  // namespace

std::string HubConnection::userAgent() const { return "laminar/" + versionString(); }

HubConnection HubConnection::fromEnvironment() {
  HubConnection hub;
  hub.endpoint = defaultEndpoint();
  hub.token = defaultToken();
  return hub;
}

std::vector<std::string> hubHeaders(const HubConnection& hub) {
  std::vector<std::string> headers;
  if (hub.token && !hub.token->empty()) headers.push_back("Authorization: Bearer " + *hub.token);
  return headers;
}

Message describeHttpError(long status, const std::string& errorCode, const std::string& errorMessage,
                          const std::string& repo, const std::string& revision, const std::string& file,
                          bool tokenSent) {
  const std::string where = repo + "/" + file + " (revision " + revision + ")";
  const std::string code = std::to_string(status);
  Message m;
  if (errorCode == "RepoNotFound") {
    m = Message(tokenSent ? msg::kHubRepoNotFoundWithToken : msg::kHubRepoNotFound, {{"repo", repo}, {"status", code}},
                "repository " + repo + " not found on the hub (HTTP " + code + ")" +
                    (tokenSent ? "; check the name, and that your token may read it"
                               : "; check the name; if it is private, set HF_TOKEN to an access token"));
  } else if (errorCode == "RevisionNotFound") {
    m = Message(msg::kHubRevisionNotFound, {{"revision", revision}, {"repo", repo}, {"status", code}},
                "revision '" + revision + "' not found in " + repo + " (HTTP " + code + ")");
  } else if (errorCode == "EntryNotFound" || (status == 404 && errorCode.empty())) {
    m = Message(msg::kHubFileNotFound, {{"where", where}}, where + " not found on the hub (404 Not Found)");
  } else if (errorCode == "GatedRepo" || status == 403) {
    m = Message(msg::kHubAccessDenied, {{"repo", repo}, {"status", code}},
                "access to " + repo + " denied (" + code +
                    "): the repository is gated or restricted; accept its terms on its hub page and use a token "
                    "(HF_TOKEN) that may read it");
  } else if (status == 401) {
    m = tokenSent ? Message(msg::kHubTokenRefused, {{"repo", repo}},
                            "the hub refused the access token for " + repo + " (401 Unauthorized); check HF_TOKEN or log in again")
                  : Message(msg::kHubNeedsToken, {{"repo", repo}},
                            repo + " requires authentication (401 Unauthorized); set HF_TOKEN to an access token");
  } else if (status == 429) {
    m = Message(msg::kHubRateLimited, {{"where", where}},
                "the hub is rate-limiting requests (429 Too Many Requests) for " + where + "; wait a minute and retry");
  } else if (status >= 500) {
    m = Message(msg::kHubServerError, {{"status", code}, {"where", where}},
                "the hub had a server error (HTTP " + code + ") for " + where + "; try again later");
  } else {
    m = Message(msg::kHubUnexpectedStatus, {{"status", code}, {"where", where}},
                "unexpected HTTP status " + code + " for " + where);
  }
  // The hub's own words, in English, for the CLI (and a bug report); the GUI translates by code.
  if (!errorMessage.empty()) m.english += " [hub: " + errorMessage + "]";
  return m;
}

HubFileMetadata fetchFileMetadata(const HubConnection& hub, const std::string& repo, const std::string& revision,
                                  const std::string& file) {
  HttpRequest request;
  request.url = resolveUrl(hub.endpoint, repo, revision, file);
  request.headers = hubHeaders(hub);
  request.headers.push_back("Accept-Encoding: identity");  // the real Content-Length
  request.headOnly = true;
  request.connectTimeoutSeconds = hub.connectTimeoutSeconds;
  request.totalTimeoutSeconds = hub.metadataTimeoutSeconds;
  request.lowSpeedBytes = 0;
  request.userAgent = hub.userAgent();

  HttpResponse response;
  for (int hop = 0;; ++hop) {
    response = performHttp(request, repo + "/" + file);
    const std::string next = relativeRedirectUrl(request.url, response);
    if (next.empty() || hop >= 5) break;
    request.url = next;
  }
  if (response.status >= 400 || response.status == 0)
    throw HubRequestError(response.status, response.header("x-error-code"),
                          describeHttpError(response.status, response.header("x-error-code"),
                                            response.header("x-error-message"), repo, revision, file,
                                            hub.token && !hub.token->empty()));
  return fileMetadataFromHeaders(response, file, hub.endpoint + " for " + repo + "/" + file);
}

std::string relativeRedirectUrl(const std::string& url, const HttpResponse& response) {
  const std::string location = response.header("location");
  // Relative redirects stay on the hub (a renamed repository): follow them. An absolute
  // one goes to the CDN, and this response already carries the metadata.
  const bool relative = response.status >= 300 && response.status < 400 && !location.empty() &&
                        location[0] == '/' && location.rfind("//", 0) != 0;
  return relative ? originOf(url) + location : std::string();
}

HubFileMetadata fileMetadataFromHeaders(const HttpResponse& response, const std::string& file,
                                        const std::string& source) {
  HubFileMetadata meta;
  meta.file = file;
  meta.commit = response.header("x-repo-commit");
  const std::string linkedEtag = response.header("x-linked-etag");
  meta.lfs = !linkedEtag.empty();
  meta.etag = normalizeEtag(meta.lfs ? linkedEtag : response.header("etag"));
  const std::string sizeText =
      !response.header("x-linked-size").empty() ? response.header("x-linked-size") : response.header("content-length");
  // `source` is "<endpoint> for <repo>/<file>" (fetchFileMetadata): the two as parameters.
  const auto forAt = source.find(" for ");
  const MessageParams from = forAt == std::string::npos
                                 ? MessageParams{{"host", source}, {"what", file}}
                                 : MessageParams{{"host", source.substr(0, forAt)}, {"what", source.substr(forAt + 5)}};
  if (meta.commit.empty())
    throw Error(Message(msg::kHubNoCommitHeader, from,
                        "no X-Repo-Commit header from " + source +
                            "; is the endpoint (HF_ENDPOINT / --endpoint) a Hugging Face hub or a faithful mirror?"));
  if (!usableBlobName(meta.etag))
    throw Error(Message(msg::kHubNoEtag, from, "no usable ETag from " + source + "; cannot store the file in the cache"));
  if (!parseSize(sizeText, meta.size))
    throw Error(Message(msg::kHubNoSize, from, "no file size (X-Linked-Size / Content-Length) from " + source));
  return meta;
}

}  // namespace laminar::hub
