// What the fuzz targets (tests/fuzz) found, kept as ordinary tests so the normal build
// checks them too; the crashing inputs themselves are replayed from tests/fuzz/regressions
// by the sanitizer build.
#include <gtest/gtest.h>

#include <string>

#include "hub/http_transfer.h"
#include "hub/hub_api.h"
#include "util/error.h"

using namespace laminar;

namespace {

hub::HttpResponse headResponse(const std::string& etag) {
  hub::HttpResponse r;
  r.status = 200;
  hub::addHeaderLine("HTTP/2 200\r\n", r);
  hub::addHeaderLine("x-repo-commit: 607a30d783dfa663caf39e06633721c8d4cfcd7e\r\n", r);
  hub::addHeaderLine("etag: " + etag + "\r\n", r);
  hub::addHeaderLine("content-length: 665\r\n", r);
  return r;
}

std::string metadataError(const std::string& etag) {
  try {
    hub::fileMetadataFromHeaders(headResponse(etag), "config.json", "http://hub for gpt2/config.json");
  } catch (const Error& e) {
    return e.what();
  }
  return "(accepted)";
}

}  // namespace

// fuzz_hub_headers: an ETag with NUL bytes was accepted as a blob name; the path built from
// it would be cut at the NUL by the operating system (regressions/hub_headers/etag-with-nul-bytes).
TEST(FuzzFindings, EtagWithNulBytesIsRefused) {
  EXPECT_NE(metadataError(std::string("\"10c6ff4bb\0\0\0\0" "30396ed8\"", 23)).find("no usable ETag"), std::string::npos);
}

TEST(FuzzFindings, EtagsThatAreNotPlainFileNamesAreRefused) {
  for (const std::string bad : {"\".\"", "\"..\"", "\"a/b\"", "\"a\\\\b\"", "\".hidden\"", "\"a\tb\""})
    EXPECT_NE(metadataError(bad).find("no usable ETag"), std::string::npos) << bad;
  for (const std::string good : {"\"10c66461e4c109db5a2196bff4bb59be30396ed8\"", "W/\"3a9e1d4b-gzip\""})
    EXPECT_EQ(metadataError(good), "(accepted)") << good;
}
