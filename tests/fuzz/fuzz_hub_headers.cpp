// The hub's answer to a HEAD request as laminar reads it: raw header lines (as curl hands
// them over), the relative-redirect rule, and X-Repo-Commit / ETag / X-Linked-Size. An ETag
// that is accepted becomes a file name in the cache, so it must be a plain name.
#include <sstream>

#include "fuzz_support.h"
#include "hub/http_transfer.h"
#include "hub/hub_api.h"
#include "util/error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  laminar::hub::HttpResponse response;
  std::istringstream lines(std::string(reinterpret_cast<const char*>(data), size));
  std::string line;
  bool first = true;
  while (std::getline(lines, line)) {
    line += '\n';
    if (first) response.status = std::strtol(line.c_str() + (line.rfind("HTTP/", 0) == 0 ? 9 : 0), nullptr, 10);
    first = false;
    laminar::hub::addHeaderLine(line, response);
  }
  const std::string url = "https://huggingface.co/gpt2/resolve/main/config.json";
  const std::string next = laminar::hub::relativeRedirectUrl(url, response);
  if (!next.empty()) FUZZ_CHECK(next.rfind("https://huggingface.co/", 0) == 0);
  try {
    const auto meta = laminar::hub::fileMetadataFromHeaders(response, "config.json", "fuzz");
    FUZZ_CHECK(!meta.commit.empty());
    FUZZ_CHECK(!meta.etag.empty() && meta.etag != "." && meta.etag != "..");
    FUZZ_CHECK(meta.etag.find('/') == std::string::npos && meta.etag.find('\0') == std::string::npos);
  } catch (const laminar::Error&) {
  }
  return 0;
}
