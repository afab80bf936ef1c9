// A tokenizer's own files: vocab.json + merges.txt (split at the first NUL byte), or a
// tokenizer.json when the input starts with 'T'. What loads must encode and decode a
// fixed text without breaking.
#include "fuzz_support.h"
#include "tokenizer/bpe_tokenizer.h"
#include "util/error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    laminar::BpeTokenizer t = [&] {
      if (size > 0 && data[0] == 'T') {
        return laminar::BpeTokenizer::fromTokenizerJson(
            fuzz::writeScratch("tokenizer.json", std::string(reinterpret_cast<const char*>(data) + 1, size - 1)));
      }
      const auto [vocab, merges] = fuzz::splitAtNul(data, size);
      return laminar::BpeTokenizer::fromFiles(fuzz::writeScratch("vocab.json", vocab),
                                              fuzz::writeScratch("merges.txt", merges));
    }();
    for (const char* text : {"She gave her the book.", " \xc3\xa9t\xc3\xa9 <|endoftext|> 12  ab\n"}) {
      try {
        const laminar::Encoding e = t.encode(text);
        for (int64_t id : e.ids) FUZZ_CHECK(id >= 0 && id < t.vocabSize());
        (void)t.decode(e.ids);
      } catch (const laminar::Error&) {
        // A vocabulary may lack the bytes a text needs: refused with a message, fine.
      }
    }
  } catch (const laminar::Error&) {
  }
  return 0;
}
