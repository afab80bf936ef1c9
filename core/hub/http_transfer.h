#pragma once
// One HTTP request through libcurl, with the failures a download must tell apart (offline,
// timeout, dropped connection, cancelled, local write error). Each call uses its own curl
// handle, so requests may run on any number of threads at once.
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "util/error.h"

namespace laminar::hub {

struct HttpRequest {
  std::string url;
  std::vector<std::string> headers;  // "Name: value"
  bool headOnly = false;
  bool followRedirects = false;      // Authorization is never forwarded to another host
  uint64_t rangeStart = 0;           // > 0 sends "Range: bytes=N-"
  long connectTimeoutSeconds = 10;
  // Abort when fewer than lowSpeedBytes/s arrive for lowSpeedSeconds (a stalled transfer).
  long lowSpeedBytes = 1000;
  long lowSpeedSeconds = 30;
  long totalTimeoutSeconds = 0;      // 0 = none (downloads); set for metadata requests
  std::string userAgent = "laminar";
};

struct HttpResponse {
  long status = 0;
  std::map<std::string, std::string> headers;  // of the last response, names lower-case
  std::string effectiveUrl;                    // after redirects
  std::string errorBody;                       // body of a >= 300 response (first 64 KiB)
  std::string body;                            // 2xx body when no sink was given
  std::string header(const std::string& lowerCaseName) const;  // "" when absent
};

// One raw header line as the server sent it ("Name: value\r\n"): stored under the lower-case
// name, value trimmed; a status line ("HTTP/1.1 302 ...") starts a new response.
void addHeaderLine(const std::string& line, HttpResponse& response);

enum class TransferFailure { Offline, Timeout, Dropped, Cancelled, LocalWrite, Other };

class TransferError : public Error {
 public:
  TransferError(TransferFailure kind, const std::string& message) : Error(message), kind_(kind) {}
  TransferError(TransferFailure kind, Message message) : Error(std::move(message)), kind_(kind) {}
  TransferFailure kind() const { return kind_; }

 private:
  TransferFailure kind_;
};

// Receives the 2xx body; `response` holds the status and headers of the response it belongs
// to (206 when a Range was honoured). Returning false stops the transfer (LocalWrite).
using BodySink = std::function<bool(const char* data, size_t size, const HttpResponse& response)>;
// Called while the transfer runs with the body bytes received so far; false cancels it.
using TransferTick = std::function<bool(uint64_t bodyBytesReceived)>;

// Performs the request. HTTP error statuses are returned, not thrown; transport failures
// throw TransferError whose message names `what` (e.g. "model.safetensors") and the host.
HttpResponse performHttp(const HttpRequest& request, const std::string& what,
                         const BodySink& sink = {}, const TransferTick& tick = {});

}  // namespace laminar::hub
