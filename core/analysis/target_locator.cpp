#include "analysis/target_locator.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <algorithm>
#include <memory>
#include <optional>

#include "tokenizer/bpe_tokenizer.h"
#include "tokenizer/utf8.h"
#include "util/error.h"

namespace laminar {

namespace {

struct CodeDeleter {
  void operator()(pcre2_code* c) const { pcre2_code_free(c); }
};
using Pattern = std::unique_ptr<pcre2_code, CodeDeleter>;

Pattern compile(const std::string& pattern, uint32_t options) {
  int err = 0;
  PCRE2_SIZE offset = 0;
  pcre2_code* code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(),
                                   options | PCRE2_UTF, &err, &offset, nullptr);
  if (!code) {
    PCRE2_UCHAR msg[256];
    pcre2_get_error_message(err, msg, sizeof msg);
    throw Error("target word \"" + pattern + "\": " + reinterpret_cast<const char*>(msg));
  }
  return Pattern(code);
}

bool matches(const Pattern& p, const std::string& subject) {
  pcre2_match_data* md = pcre2_match_data_create_from_pattern(p.get(), nullptr);
  int rc = pcre2_match(p.get(), reinterpret_cast<PCRE2_SPTR>(subject.data()), subject.size(), 0, 0, md, nullptr);
  pcre2_match_data_free(md);
  return rc >= 0;
}

// Letters, digits and combining marks continue a word; anything else ends it.
bool isWordCodePoint(char32_t cp) {
  if (cp < 0x80) return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
  static const Pattern word = compile("^[\\p{L}\\p{N}\\p{M}]$", 0);
  std::string s;
  utf8::appendCodePoint(s, cp);
  return matches(word, s);
}

std::string slice(const CodePoints& text, int64_t a, int64_t b) {
  std::string out;
  for (int64_t k = a; k < b; ++k) utf8::appendCodePoint(out, text.cps[static_cast<size_t>(k)]);
  return out;
}

}  // namespace

BracketedText removeBrackets(const std::string& text) {
  BracketedText out;
  CodePoints cps = decodeUtf8(text);
  int64_t open = -1, pos = 0;
  for (char32_t cp : cps.cps) {
    if (cp == '[') {
      if (open >= 0 && out.problem.empty()) out.problem = "nested square brackets", out.problemCode = &msg::kTextNestedBrackets;
      open = pos;
      continue;
    }
    if (cp == ']') {
      if (open < 0) {
        if (out.problem.empty()) out.problem = "a \"]\" without a matching \"[\"", out.problemCode = &msg::kTextUnopenedBracket;
        continue;
      }
      if (pos == open && out.problem.empty()) out.problem = "empty square brackets \"[]\"", out.problemCode = &msg::kTextEmptyBrackets;
      out.marks.emplace_back(open, pos);
      open = -1;
      continue;
    }
    utf8::appendCodePoint(out.text, cp);
    ++pos;
  }
  if (open >= 0 && out.problem.empty()) out.problem = "a \"[\" that is never closed", out.problemCode = &msg::kTextUnclosedBracket;
  return out;
}

std::vector<TargetOccurrence> findTargetOccurrences(const CodePoints& text, const Encoding& enc,
                                                    const std::string& target, bool caseInsensitive) {
  std::vector<TargetOccurrence> found;
  if (target.empty()) return found;
  const CodePoints targetCps = decodeUtf8(target);
  const int64_t targetLen = static_cast<int64_t>(targetCps.cps.size());
  const bool checkBefore = isWordCodePoint(targetCps.cps.front());
  const bool checkAfter = isWordCodePoint(targetCps.cps.back());
  Pattern caseless;
  if (caseInsensitive)
    caseless = compile(target, PCRE2_LITERAL | PCRE2_CASELESS | PCRE2_ANCHORED | PCRE2_ENDANCHORED);
  const int64_t nCps = static_cast<int64_t>(text.cps.size());
  const auto& off = enc.offsets;
  const int64_t T = static_cast<int64_t>(off.size());
  for (int64_t i = 0; i < T; ++i) {
    for (int64_t j = i; j < T; ++j) {
      int64_t a = off[static_cast<size_t>(i)].first, b = off[static_cast<size_t>(j)].second;
      while (a < b && isSpaceCodePoint(text.cps[static_cast<size_t>(a)])) ++a;
      // A token of whitespace alone ("\t" before "her", the " " of a double space) is not the
      // word's first token: the span starting after it is the occurrence.
      if (a >= off[static_cast<size_t>(i)].second) break;
      while (b > a && isSpaceCodePoint(text.cps[static_cast<size_t>(b - 1)])) --b;
      if (b - a > 2 * targetLen + 8) break;  // the span only grows from here
      if (b == a) continue;
      bool equal;
      if (caseInsensitive) {
        equal = matches(caseless, slice(text, a, b));
      } else {
        equal = b - a == targetLen && std::equal(targetCps.cps.begin(), targetCps.cps.end(), text.cps.begin() + a);
      }
      if (!equal) continue;
      bool boundary = true;
      if (checkBefore && a > 0 && isWordCodePoint(text.cps[static_cast<size_t>(a - 1)])) boundary = false;
      if (checkAfter && b < nCps && isWordCodePoint(text.cps[static_cast<size_t>(b)])) boundary = false;
      // A last character that BPE split into bytes ends in several tokens (each ends where the
      // character does); the word's token is the last of them, the first that has seen it all.
      int64_t last = j;
      while (last + 1 < T && off[static_cast<size_t>(last + 1)].first < b) ++last;
      if (boundary && (found.empty() || found.back().token != last)) found.push_back({last, i, a, b});
      break;
    }
  }
  // Spans starting at different tokens may end at the same one: keep one per last token.
  std::sort(found.begin(), found.end(), [](auto& x, auto& y) { return x.token < y.token; });
  found.erase(std::unique(found.begin(), found.end(), [](auto& x, auto& y) { return x.token == y.token; }),
              found.end());
  return found;
}

namespace {

// Of `occ`, those inside the text's [brackets], one per token. A bracket holding no occurrence of
// the target is reported: the user marked something else.
std::vector<TargetOccurrence> keepMarked(const std::vector<TargetOccurrence>& occ, const BracketedText& br,
                                         const CodePoints& cps, const std::string& target, int line,
                                         std::vector<Diagnostic>& diagnostics) {
  std::vector<TargetOccurrence> kept;
  for (auto& [ms, me] : br.marks) {
    int inside = 0;
    for (auto& o : occ)
      if (o.charStart >= ms && o.charEnd <= me) {
        kept.push_back(o);
        ++inside;
      }
    if (inside == 0)
      diagnostics.push_back(Diagnostic::coded(
          Diagnostic::Severity::Warning, line,
          Message(msg::kTextMarkedNotTarget, {{"marked", slice(cps, ms, me)}, {"target", target}},
                  "the marked text \"[" + slice(cps, ms, me) + "]\" is not the target \"" + target + "\"")));
  }
  std::sort(kept.begin(), kept.end(), [](auto& x, auto& y) { return x.token < y.token; });
  kept.erase(std::unique(kept.begin(), kept.end(), [](auto& x, auto& y) { return x.token == y.token; }), kept.end());
  return kept;
}

// One text tokenized, its target located (the marked occurrences only, when it has marks). A
// text that cannot serve is reported and left out (nullopt); *noOccurrence says whether that
// was for want of the target.
std::optional<LocatedText> locateText(const SentenceText& st, int textIndex, const std::string& target,
                                      const BpeTokenizer& tokenizer, const TargetOptions& options,
                                      std::vector<Diagnostic>& diagnostics, bool* noOccurrence) {
  auto report = [&](Diagnostic::Severity sev, const Message& m) {
    diagnostics.push_back(Diagnostic::coded(sev, st.line, m));
  };
  *noOccurrence = false;
  const BracketedText br = removeBrackets(st.text);
  if (!br.problem.empty()) {
    report(Diagnostic::Severity::Error, Message(*br.problemCode, {}, br.problem + "; text skipped"));
    return std::nullopt;
  }
  LocatedText lt;
  lt.textIndex = textIndex;
  lt.line = st.line;
  lt.target = target;
  lt.marked = !br.marks.empty();
  Encoding enc = tokenizer.encode(br.text);
  const CodePoints cps = decodeUtf8(br.text);
  auto occ = findTargetOccurrences(cps, enc, target, options.caseInsensitive);
  if (lt.marked) occ = keepMarked(occ, br, cps, target, st.line, diagnostics);
  lt.ids = std::move(enc.ids);
  if (options.prependBos) {
    lt.ids.insert(lt.ids.begin(), tokenizer.eosTokenId());
    for (auto& o : occ) {
      ++o.token;
      ++o.firstToken;
    }
  }
  if (occ.empty()) {
    *noOccurrence = true;
    report(Diagnostic::Severity::Warning,
           Message(lt.marked ? msg::kTextNoMarkedOccurrence : msg::kTextNoOccurrence, {{"target", target}},
                   std::string("no ") + (lt.marked ? "marked " : "") + "occurrence of the target \"" + target +
                       "\"; text skipped"));
    return std::nullopt;
  }
  if (static_cast<int64_t>(lt.ids.size()) > options.maxTokens) {
    report(Diagnostic::Severity::Error,
           Message(msg::kTextTooLong, {{"tokens", std::to_string(lt.ids.size())}, {"max", std::to_string(options.maxTokens)}},
                   std::to_string(lt.ids.size()) + " tokens, longer than the model's n_positions (" +
                       std::to_string(options.maxTokens) + "); text skipped"));
    return std::nullopt;
  }
  lt.occurrences = std::move(occ);
  return lt;
}

// Why no text was left: none holds the target, or every text had a problem of its own.
Error noUsableText(const std::string& source, const std::string& target, bool noneHoldsTheTarget,
                   const TargetOptions& options, size_t problems) {
  if (noneHoldsTheTarget)
    return Error(fileMessage(source, options.caseInsensitive ? msg::kTargetNotFound : msg::kTargetNotFoundCaseSensitive,
                             {{"target", target}},
                             "no text contains the target \"" + target + "\"" +
                                 (options.caseInsensitive ? "" : " (matching is case-sensitive)")));
  const std::string count = std::to_string(problems);
  return Error(fileMessage(source, msg::kTargetNoUsableText, {{"problems", count}},
                           "no usable text (" + count + " problems, see the diagnostics)"));
}

}  // namespace

LocatedSet locateTargets(const SentenceSet& set, const BpeTokenizer& tokenizer, const TargetOptions& options) {
  LocatedSet out;
  const std::string source = set.source.empty() ? std::string("sentences") : set.source.string();
  size_t noTarget = 0;
  for (size_t t = 0; t < set.texts.size(); ++t) {
    const SentenceText& st = set.texts[t];
    const std::string target = !options.target.empty() ? options.target : !st.target.empty() ? st.target : set.target;
    if (target.empty())
      throw Error(fileMessage(source, msg::kTargetMissingWord, {},
                              "no target word: give one (--target WORD) or write \"# target: WORD\" as the "
                              "first line (a \"target\" column in .csv/.tsv, \"target\" in .json)"));
    bool noOccurrence = false;
    std::optional<LocatedText> lt =
        locateText(st, static_cast<int>(t), target, tokenizer, options, out.diagnostics, &noOccurrence);
    noTarget += noOccurrence ? 1 : 0;
    if (!lt) continue;
    out.occurrences += static_cast<int64_t>(lt->occurrences.size());
    out.texts.push_back(std::move(*lt));
  }
  if (out.texts.empty())
    throw noUsableText(source, !options.target.empty() ? options.target : set.target, noTarget == set.texts.size(),
                       options, out.diagnostics.size());
  return out;
}

TargetOptions targetOptions(const TargetSettings& target, int64_t maxTokens) {
  TargetOptions o;
  o.target = target.target;
  o.caseInsensitive = target.caseInsensitive;
  o.prependBos = target.prependBos;
  o.maxTokens = maxTokens;
  return o;
}

Error textLacksTarget(const std::string& source, int text, const std::string& target) {
  return Error(fileMessage(source, msg::kAnalysisTextLacksTarget, {{"text", std::to_string(text)}, {"target", target}},
                           "text " + std::to_string(text) + " does not contain the target \"" + target +
                               "\" (or the set has fewer texts); choose a text that does"));
}

}  // namespace laminar
