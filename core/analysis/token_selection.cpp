#include "analysis/token_selection.h"

#include "analysis/seeded_random.h"
#include "util/error.h"

namespace laminar {

SimilaritySelection selectSimilarityTokens(const LocatedSet& located, uint64_t seed, bool allowPosition0) {
  SimilaritySelection sel;
  const int T = static_cast<int>(TokenGroup::Target), NT = static_cast<int>(TokenGroup::NonTarget);
  for (size_t s = 0; s < located.texts.size(); ++s) {
    const LocatedText& lt = located.texts[s];
    sel.ids.push_back(lt.ids);
    if (lt.occurrences.size() > 1)
      sel.diagnostics.push_back(Diagnostic::coded(
          Diagnostic::Severity::Warning, lt.line,
          Message(msg::kSelectionSeveralOccurrences,
                  {{"count", std::to_string(lt.occurrences.size())},
                   {"target", lt.target},
                   {"token", std::to_string(lt.occurrences.front().token)}},
                  std::to_string(lt.occurrences.size()) + " occurrences of \"" + lt.target + "\"; the first (token " +
                      std::to_string(lt.occurrences.front().token) +
                      ") is used (mark the intended one with square brackets)")));
    const int64_t p = lt.occurrences.front().token;
    sel.sequence[T].push_back(static_cast<int>(s));
    sel.textIndex[T].push_back(lt.textIndex);
    sel.tokenPosition[T].push_back(p);
    if (allowPosition0 && p == 0) {
      sel.diagnostics.push_back(Diagnostic::coded(
          Diagnostic::Severity::Warning, lt.line,
          Message(msg::kSelectionTargetFirst, {},
                  "the target is the text's first token: no token before it to draw a non-target from; "
                  "skipped for the non-target group")));
      continue;
    }
    if (!allowPosition0 && p <= 1) {
      sel.diagnostics.push_back(Diagnostic::coded(
          Diagnostic::Severity::Warning, lt.line,
          Message(msg::kSelectionNoTokenBefore, {{"position", std::to_string(p)}},
                  "the target is at token position " + std::to_string(p) +
                      ": no token before it to draw a non-target from (position 0 is excluded); "
                      "skipped for the non-target group")));
      continue;
    }
    uint64_t state = streamState(seed, static_cast<uint64_t>(lt.textIndex));
    const int64_t first = allowPosition0 ? 0 : 1;  // the lowest position a non-target may take
    int64_t q = first + static_cast<int64_t>(uniformBelow(state, static_cast<uint64_t>(p - first)));
    sel.sequence[NT].push_back(static_cast<int>(s));
    sel.textIndex[NT].push_back(lt.textIndex);
    sel.tokenPosition[NT].push_back(q);
  }
  return sel;
}

MiSelection selectMiTokens(const LocatedSet& located, const std::string& source) {
  MiSelection sel;
  for (size_t s = 0; s < located.texts.size(); ++s) {
    const LocatedText& lt = located.texts[s];
    sel.ids.push_back(lt.ids);
    const int first = static_cast<int>(sel.occurrencePosition.size());
    for (auto& o : lt.occurrences) {
      sel.occurrenceSequence.push_back(static_cast<int>(s));
      sel.occurrenceText.push_back(lt.textIndex);
      sel.occurrencePosition.push_back(o.token);
    }
    const int last = static_cast<int>(sel.occurrencePosition.size());
    if (last - first == 1)
      sel.diagnostics.push_back(Diagnostic::coded(
          Diagnostic::Severity::Warning, lt.line,
          Message(msg::kSelectionSingleOccurrence, {{"target", lt.target}},
                  "only one occurrence of \"" + lt.target + "\": it forms no pair (pairs are taken within a text)")));
    for (int i = first; i < last; ++i)
      for (int j = i + 1; j < last; ++j)
        sel.pairs.push_back({i, j, std::abs(sel.occurrencePosition[static_cast<size_t>(j)] -
                                            sel.occurrencePosition[static_cast<size_t>(i)])});
  }
  if (sel.pairs.size() < 2)
    throw Error(fileMessage(source, msg::kSelectionTooFewPairs, {{"pairs", std::to_string(sel.pairs.size())}},
                            "mutual information vs distance needs at least 3 occurrences of the target in one "
                            "text (or 2 pairs in all); found " +
                                std::to_string(sel.pairs.size()) + " pair" + (sel.pairs.size() == 1 ? "" : "s")));
  return sel;
}

}  // namespace laminar
