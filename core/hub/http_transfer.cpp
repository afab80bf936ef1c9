#include "hub/http_transfer.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <mutex>

namespace laminar::hub {
namespace {

void initCurlOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string hostOf(const std::string& url) {
  auto start = url.find("://");
  start = start == std::string::npos ? 0 : start + 3;
  auto end = url.find_first_of("/?#", start);
  return url.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

struct Context {
  CURL* curl = nullptr;
  HttpResponse* response = nullptr;
  const BodySink* sink = nullptr;
  const TransferTick* tick = nullptr;
  uint64_t bodyBytes = 0;
  bool sinkRefused = false;
  bool cancelled = false;
};

size_t onHeader(char* data, size_t size, size_t count, void* user) {
  addHeaderLine(std::string(data, size * count), *static_cast<Context*>(user)->response);
  return size * count;
}

size_t onBody(char* data, size_t size, size_t count, void* user) {
  auto* ctx = static_cast<Context*>(user);
  const size_t n = size * count;
  long status = 0;
  curl_easy_getinfo(ctx->curl, CURLINFO_RESPONSE_CODE, &status);
  if (status >= 300) {  // an error page: keep it for the message, never write it to the file
    auto& body = ctx->response->errorBody;
    if (body.size() < 65536) body.append(data, std::min(n, 65536 - body.size()));
    return n;
  }
  ctx->response->status = status;
  if (ctx->sink && *ctx->sink) {
    if (!(*ctx->sink)(data, n, *ctx->response)) {
      ctx->sinkRefused = true;
      return 0;
    }
  } else {
    ctx->response->body.append(data, n);
  }
  ctx->bodyBytes += n;
  return n;
}

int onProgress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  auto* ctx = static_cast<Context*>(user);
  if (ctx->tick && *ctx->tick && !(*ctx->tick)(ctx->bodyBytes)) {
    ctx->cancelled = true;
    return 1;
  }
  return 0;
}

}  // namespace

void addHeaderLine(const std::string& line, HttpResponse& response) {
  if (line.rfind("HTTP/", 0) == 0) {
    response.headers.clear();  // a new response (after a redirect or 100-continue)
    return;
  }
  const auto colon = line.find(':');
  if (colon == std::string::npos) return;
  std::string name = line.substr(0, colon);
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
  std::string value = line.substr(colon + 1);
  const auto b = value.find_first_not_of(" \t");
  const auto e = value.find_last_not_of(" \t\r\n");
  value = b == std::string::npos ? "" : value.substr(b, e - b + 1);
  response.headers[name] = value;
}

std::string HttpResponse::header(const std::string& lowerCaseName) const {
  auto it = headers.find(lowerCaseName);
  return it == headers.end() ? std::string() : it->second;
}

namespace {

// Every option of one transfer. libcurl copies string options, so none of them need outlive
// this call; `headers`, `errbuf` and `ctx` must outlive the transfer.
void configureTransfer(CURL* c, const HttpRequest& request, curl_slist* headers, char* errbuf, Context& ctx) {
  curl_easy_setopt(c, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(c, CURLOPT_USERAGENT, request.userAgent.c_str());
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);  // required for timeouts on worker threads
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, request.followRedirects ? 1L : 0L);
  curl_easy_setopt(c, CURLOPT_MAXREDIRS, 10L);
  curl_easy_setopt(c, CURLOPT_UNRESTRICTED_AUTH, 0L);  // the token stays with the hub's host
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, request.connectTimeoutSeconds);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, request.lowSpeedBytes);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, request.lowSpeedSeconds);
  if (request.totalTimeoutSeconds > 0) curl_easy_setopt(c, CURLOPT_TIMEOUT, request.totalTimeoutSeconds);
  if (request.headOnly) curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
  if (request.rangeStart > 0) curl_easy_setopt(c, CURLOPT_RANGE, (std::to_string(request.rangeStart) + "-").c_str());
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, onHeader);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &ctx);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, onBody);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &ctx);
  curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, onProgress);
  curl_easy_setopt(c, CURLOPT_XFERINFODATA, &ctx);
  curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
}

// A failed transfer as the user should read it: cancelled, offline, stalled or dropped (which
// the downloader resumes), or curl's own words for the rest.
[[noreturn]] void throwTransferFailure(CURLcode rc, bool sinkRefused, const std::string& what, const std::string& host,
                                       const std::string& detail) {
  switch (rc) {
    case CURLE_ABORTED_BY_CALLBACK:
      throw TransferError(TransferFailure::Cancelled, what + ": download cancelled");
    case CURLE_WRITE_ERROR:
      if (sinkRefused)
        throw TransferError(TransferFailure::LocalWrite,
                            Message(msg::kHubLocalWriteFailed, {{"what", what}}, what + ": writing the downloaded data failed"));
      break;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
      // curl's detail stays in the CLI's English; the GUI says what happened and what to do.
      throw TransferError(TransferFailure::Offline,
                          Message(msg::kHubOffline, {{"what", what}, {"host", host}},
                                  what + ": cannot reach " + host + " (" + detail +
                                      "); are you offline? Check the network connection, or set HF_ENDPOINT to a "
                                      "mirror you can reach"));
    case CURLE_OPERATION_TIMEDOUT:
      throw TransferError(TransferFailure::Timeout,
                          Message(msg::kHubTimeout, {{"what", what}, {"host", host}},
                                  what + ": " + host + " stopped sending data (" + detail +
                                      "); the connection is too slow or stalled, try again later"));
    case CURLE_PARTIAL_FILE:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_SEND_ERROR:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
      throw TransferError(TransferFailure::Dropped,
                          Message(msg::kHubDropped, {{"what", what}, {"host", host}},
                                  what + ": the connection to " + host + " was dropped (" + detail + ")"));
    default:
      break;
  }
  // curl's own words (detail) stay English: they name what broke (TLS, proxy, protocol) precisely.
  throw TransferError(TransferFailure::Other,
                      Message(msg::kHubTransferFailed, {{"what", what}, {"host", host}, {"detail", detail}},
                              what + ": transfer from " + host + " failed: " + detail));
}

}  // namespace

HttpResponse performHttp(const HttpRequest& request, const std::string& what, const BodySink& sink,
                         const TransferTick& tick) {
  initCurlOnce();
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) throw TransferError(TransferFailure::Other, "cannot initialise libcurl");
  HttpResponse response;
  Context ctx;
  ctx.curl = curl.get();
  ctx.response = &response;
  ctx.sink = &sink;
  ctx.tick = &tick;
  curl_slist* headerList = nullptr;
  for (const auto& h : request.headers) headerList = curl_slist_append(headerList, h.c_str());
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers(headerList, curl_slist_free_all);
  char errbuf[CURL_ERROR_SIZE] = {0};
  CURL* c = curl.get();
  configureTransfer(c, request, headers.get(), errbuf, ctx);

  const CURLcode rc = curl_easy_perform(c);
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &response.status);
  if (char* effective = nullptr; curl_easy_getinfo(c, CURLINFO_EFFECTIVE_URL, &effective) == CURLE_OK && effective)
    response.effectiveUrl = effective;
  if (rc == CURLE_OK) return response;
  const std::string host = hostOf(response.effectiveUrl.empty() ? request.url : response.effectiveUrl);
  throwTransferFailure(rc, ctx.sinkRefused, what, host, errbuf[0] ? std::string(errbuf) : std::string(curl_easy_strerror(rc)));
}

}  // namespace laminar::hub
