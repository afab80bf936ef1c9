// The bundled GPT-2 tokenizer on arbitrary bytes: invalid UTF-8 is refused with
// laminar::Error; valid text encodes to ids whose decoding gives the text back (byte-level
// BPE is lossless), with offsets in order and inside the text.
#include <memory>

#include "fuzz_support.h"
#include "tokenizer/bpe_tokenizer.h"
#include "util/error.h"

namespace {
const laminar::BpeTokenizer& tokenizer() {
  static const auto t = std::make_unique<laminar::BpeTokenizer>(
      laminar::BpeTokenizer::fromDirectory(LAMINAR_SOURCE_DIR "/resources/tokenizer"));
  return *t;
}

int64_t codePointCount(const std::string& s) {
  int64_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  laminar::Encoding e;
  try {
    e = tokenizer().encode(text);
  } catch (const laminar::Error&) {
    return 0;  // not UTF-8
  }
  FUZZ_CHECK(e.ids.size() == e.offsets.size());
  const int64_t n = codePointCount(text);
  int64_t previousStart = 0;
  for (size_t i = 0; i < e.ids.size(); ++i) {
    FUZZ_CHECK(e.ids[i] >= 0 && e.ids[i] < tokenizer().vocabSize());
    FUZZ_CHECK(e.offsets[i].first >= previousStart && e.offsets[i].first <= e.offsets[i].second);
    FUZZ_CHECK(e.offsets[i].second <= n);
    previousStart = e.offsets[i].first;
  }
  FUZZ_CHECK(tokenizer().decode(e.ids) == text);
  return 0;
}
