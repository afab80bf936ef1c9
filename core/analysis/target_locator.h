#pragma once
// Finding the target word in tokenized texts (analysis-spec.md "Sentence sets and target
// tokens"): every token span whose text, stripped of surrounding whitespace, equals the target
// is an occurrence, represented by its LAST token. Square brackets mark intended occurrences:
// they are removed before tokenization and then only marked occurrences count.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "analysis/analysis_settings.h"
#include "analysis/sentence_set.h"
#include "analysis/utf8_text.h"
#include "util/error.h"

namespace laminar {

class BpeTokenizer;
struct Encoding;

struct BracketedText {
  std::string text;  // brackets removed
  std::vector<std::pair<int64_t, int64_t>> marks;  // [start, end) in code points of `text`
  std::string problem;  // non-empty: unbalanced or nested brackets (the text is unusable)
  const MessageCode* problemCode = nullptr;  // msg::kTextNestedBrackets ... with `problem`
};
BracketedText removeBrackets(const std::string& text);

struct TargetOccurrence {
  int64_t token = 0;                  // position of the span's last token
  int64_t firstToken = 0;             // position of its first token
  int64_t charStart = 0, charEnd = 0; // the word itself, code points of the cleaned text
};

// Occurrences of `target` in a tokenized text, in order. A span only counts on word
// boundaries: "her" is not found in "herself" or "other" (the character before and after
// the word must not be a letter, digit or combining mark), so BPE pieces of a longer word
// never match. `caseInsensitive` compares with Unicode case folding.
std::vector<TargetOccurrence> findTargetOccurrences(const CodePoints& text, const Encoding& encoding,
                                                    const std::string& target, bool caseInsensitive);

struct TargetOptions {
  std::string target;          // overrides every text's and the set's own target when non-empty
  bool caseInsensitive = false;
  bool prependBos = false;     // "<|endoftext|>" first; positions then count it
  int64_t maxTokens = 1024;    // the model's n_positions
};

// The run's target settings for a model with `maxTokens` positions.
TargetOptions targetOptions(const TargetSettings& target, int64_t maxTokens);

struct LocatedText {
  int textIndex = 0;  // into SentenceSet::texts
  int line = 0;
  std::string target;
  std::vector<int64_t> ids;
  std::vector<TargetOccurrence> occurrences;  // marked ones only, when the text has marks
  bool marked = false;
};

struct LocatedSet {
  std::vector<LocatedText> texts;        // only texts with at least one occurrence
  std::vector<Diagnostic> diagnostics;   // per text: no target, too long, bad brackets ...
  int64_t occurrences = 0;
};

// Tokenizes every text and locates its target. Texts without a usable occurrence are
// reported (with their line) and left out. Throws laminar::Error naming the file when no
// target word is known or when no text at all contains it.
LocatedSet locateTargets(const SentenceSet& set, const BpeTokenizer& tokenizer, const TargetOptions& options);

// The error when the one text a view analyses (`text`, 1-based as its setting counts) holds no
// target (or the set has fewer texts): the logit lens and the attention patterns say it alike.
Error textLacksTarget(const std::string& source, int text, const std::string& target);

}  // namespace laminar
