// Sentence sets in every format, then the target locator on them (brackets, "# target:",
// the target column) with the bundled GPT-2 tokenizer. The first byte picks the format.
#include <memory>

#include "analysis/sentence_set.h"
#include "analysis/target_locator.h"
#include "fuzz_support.h"
#include "tokenizer/bpe_tokenizer.h"
#include "util/error.h"

namespace {
const laminar::BpeTokenizer& tokenizer() {
  static const auto t = std::make_unique<laminar::BpeTokenizer>(
      laminar::BpeTokenizer::fromDirectory(LAMINAR_SOURCE_DIR "/resources/tokenizer"));
  return *t;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static const char* const kNames[] = {"set.txt", "set.csv", "set.tsv", "set.json"};
  const std::string name = kNames[data[0] % 4];
  const bool caseInsensitive = data[0] & 4;
  const std::string bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  try {
    const laminar::SentenceSet set = laminar::parseSentenceSet(bytes, name);
    for (const auto& t : set.texts) {
      FUZZ_CHECK(t.line >= 1);
      const laminar::BracketedText b = laminar::removeBrackets(t.text);
      FUZZ_CHECK(b.text.size() <= t.text.size());
      for (const auto& d : set.diagnostics) (void)laminar::formatDiagnostic(set, d);
    }
    laminar::TargetOptions options;
    options.caseInsensitive = caseInsensitive;
    options.maxTokens = 64;
    const laminar::LocatedSet located = laminar::locateTargets(set, tokenizer(), options);
    for (const auto& lt : located.texts) {
      FUZZ_CHECK(lt.textIndex >= 0 && static_cast<size_t>(lt.textIndex) < set.texts.size());
      FUZZ_CHECK(!lt.occurrences.empty());
      for (const auto& o : lt.occurrences) {
        FUZZ_CHECK(o.firstToken >= 0 && o.firstToken <= o.token);
        FUZZ_CHECK(static_cast<size_t>(o.token) < lt.ids.size());
      }
    }
  } catch (const laminar::Error&) {
  }
  return 0;
}
