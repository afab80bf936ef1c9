#pragma once
// Which token rows each experiment analyses, chosen from the located targets.
#include <array>
#include <cstdint>
#include <vector>

#include "analysis/mi_distance_results.h"
#include "analysis/similarity_results.h"
#include "analysis/target_locator.h"

namespace laminar {

// Experiment 1: one target row per text (the first occurrence), and one non-target row drawn
// uniformly from positions 1 .. p-1 before it (stream `textIndex` of the seed; see
// seeded_random.h). Texts whose target sits at position 0 or 1 give no non-target row.
// With `allowPosition0` (--allow-position-0) the draw is from 0 .. p-1 (1 + uniformBelow(p - 1)
// becomes uniformBelow(p)), and only a target at position 0 gives no non-target row.
// Excluding position 0 is a deviation from the original analysis (docs/controls.md).
struct SimilaritySelection {
  std::vector<std::vector<int64_t>> ids;  // one sequence per located text
  // Per group, one entry per row: the sequence it comes from, its text and its position.
  std::array<std::vector<int>, kGroups> sequence;
  std::array<std::vector<int>, kGroups> textIndex;
  std::array<std::vector<int64_t>, kGroups> tokenPosition;
  std::vector<Diagnostic> diagnostics;
};
SimilaritySelection selectSimilarityTokens(const LocatedSet& located, uint64_t seed, bool allowPosition0 = false);

// Experiment 2: every occurrence; pairs are the occurrences of the same text (a distance
// between tokens of different texts means nothing).
struct MiSelection {
  std::vector<std::vector<int64_t>> ids;
  std::vector<int> occurrenceSequence;       // sequence of each occurrence
  std::vector<int> occurrenceText;           // text index of each occurrence
  std::vector<int64_t> occurrencePosition;   // token position of each occurrence
  std::vector<OccurrencePair> pairs;
  std::vector<Diagnostic> diagnostics;
};
// Throws laminar::Error (naming `source`) when fewer than 2 pairs exist.
MiSelection selectMiTokens(const LocatedSet& located, const std::string& source);

}  // namespace laminar
