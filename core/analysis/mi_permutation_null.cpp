#include "analysis/mi_permutation_null.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>

#include "analysis/seeded_random.h"
#include "stats/descriptive.h"
#include "stats/kendall.h"
#include "util/error.h"
#include "util/not_a_number.h"

namespace laminar {
namespace {

void requirePermutations(int permutations, const char* what) {
  if (permutations < 1)
    throw Error(std::string(what) + ": the number of permutations must be at least 1, got " +
                std::to_string(permutations));
}

PermutationNull undefinedNull(int permutations, const std::string& reason) {
  PermutationNull out;
  out.observed = out.p = kNaN;
  out.permutations = permutations;
  out.undefined = reason;
  return out;
}

void finishP(PermutationNull& n) {
  n.p = static_cast<double>(1 + n.atLeastAsExtreme) / static_cast<double>(1 + n.permutations);
}

// Positions of each group's pairs, groups in ascending id, positions in input order.
std::vector<std::vector<size_t>> groupPositions(const std::vector<int>& group) {
  std::map<int, std::vector<size_t>> byGroup;
  for (size_t k = 0; k < group.size(); ++k) byGroup[group[k]].push_back(k);
  std::vector<std::vector<size_t>> out;
  for (auto& [id, positions] : byGroup) out.push_back(std::move(positions));
  return out;
}

// One within-group shuffle of `distance` into `out` (the draw scheme of the header).
void shuffleWithinGroups(const std::vector<double>& distance, const std::vector<std::vector<size_t>>& groups,
                         uint64_t& state, std::vector<double>& out) {
  for (const auto& pos : groups) {
    const std::vector<int64_t> perm = seededPermutation(static_cast<int64_t>(pos.size()), state);
    for (size_t k = 0; k < pos.size(); ++k) out[pos[k]] = distance[pos[static_cast<size_t>(perm[k])]];
  }
}

}  // namespace

uint64_t permutationStream(PermutationTest test, int layer, int site) {
  if (layer < 0 || layer > 0xFFFF || site < 0 || site > 0xFF)
    throw Error("permutation stream: layer " + std::to_string(layer) + " / site " + std::to_string(site) +
                " out of range");
  return (uint64_t{0x5045524D} << 32) | (static_cast<uint64_t>(test) << 24) |
         (static_cast<uint64_t>(layer) << 8) | static_cast<uint64_t>(site);
}

std::vector<int> pairGroups(const std::vector<OccurrencePair>& pairs, const std::vector<int>& occurrenceText) {
  std::vector<int> out;
  for (const OccurrencePair& p : pairs) {
    if (p.i < 0 || static_cast<size_t>(p.i) >= occurrenceText.size())
      throw Error("permutation null: pair occurrence " + std::to_string(p.i) + " has no text");
    out.push_back(occurrenceText[static_cast<size_t>(p.i)]);
  }
  return out;
}

PermutationNull kendallPermutationNull(const std::vector<double>& distance, const std::vector<double>& mi,
                                       const std::vector<int>& group, int permutations, uint64_t state) {
  requirePermutations(permutations, "Kendall permutation null");
  if (distance.size() != mi.size() || group.size() != mi.size())
    throw Error("Kendall permutation null: distance, MI and group sizes differ (" + std::to_string(distance.size()) +
                ", " + std::to_string(mi.size()) + ", " + std::to_string(group.size()) + ")");
  const stats::KendallResult observed = stats::kendallTauB(distance, mi);
  if (!observed.defined) return undefinedNull(permutations, observed.reason);
  PermutationNull out;
  out.observed = observed.tau;
  out.permutations = permutations;
  const int64_t observedS = std::llabs(observed.concordantMinusDiscordant);
  const auto groups = groupPositions(group);
  std::vector<double> shuffled(distance.size());
  out.null.reserve(static_cast<size_t>(permutations));
  for (int r = 0; r < permutations; ++r) {
    shuffleWithinGroups(distance, groups, state, shuffled);
    const stats::KendallResult k = stats::kendallTauB(shuffled, mi);
    out.null.push_back(k.tau);
    if (std::llabs(k.concordantMinusDiscordant) >= observedS) ++out.atLeastAsExtreme;
  }
  finishP(out);
  return out;
}

PermutationNull siteDifferenceSignFlipNull(const std::vector<double>& attn, const std::vector<double>& mlp,
                                          int permutations, uint64_t state) {
  requirePermutations(permutations, "site-difference permutation null");
  if (attn.size() != mlp.size())
    throw Error("site-difference permutation null: attention has " + std::to_string(attn.size()) +
                " pairs, MLP " + std::to_string(mlp.size()));
  if (attn.empty()) return undefinedNull(permutations, "no pairs");
  stats::requireFinite(attn.data(), attn.size(), "site-difference permutation null: attention MI");
  stats::requireFinite(mlp.data(), mlp.size(), "site-difference permutation null: MLP MI");
  std::vector<double> diff(attn.size()), flipped(attn.size());
  for (size_t k = 0; k < diff.size(); ++k) diff[k] = attn[k] - mlp[k];
  PermutationNull out;
  out.observed = stats::mean(diff);
  out.permutations = permutations;
  const double threshold = std::fabs(out.observed) * (1 - 1e-12);
  out.null.reserve(static_cast<size_t>(permutations));
  for (int r = 0; r < permutations; ++r) {
    uint64_t word = 0;
    for (size_t k = 0; k < diff.size(); ++k) {
      if (k % 64 == 0) word = splitMix64(state);
      flipped[k] = (word >> (k % 64)) & 1 ? -diff[k] : diff[k];
    }
    const double value = stats::mean(flipped);
    out.null.push_back(value);
    if (std::fabs(value) >= threshold) ++out.atLeastAsExtreme;
  }
  finishP(out);
  return out;
}

double nullQuantile(const PermutationNull& n, double q) {
  if (!(q >= 0 && q <= 1)) throw Error("permutation null quantile: q must lie in [0, 1], got " + std::to_string(q));
  if (n.null.empty()) return kNaN;
  std::vector<double> sorted = n.null;
  std::sort(sorted.begin(), sorted.end());
  // numpy's 'linear' method, with its _lerp
  const double virtualIndex = static_cast<double>(sorted.size() - 1) * q;
  const size_t lo = static_cast<size_t>(std::floor(virtualIndex));
  const size_t hi = std::min(lo + 1, sorted.size() - 1);
  const double gamma = virtualIndex - std::floor(virtualIndex);
  const double a = sorted[lo], b = sorted[hi], diff = b - a;
  return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
}

stats::AdjustedPValues adjustPermutationPValues(const std::vector<PermutationNull>& perLayer, double q) {
  std::vector<double> p;
  for (const PermutationNull& n : perLayer) p.push_back(n.p);
  return stats::benjaminiHochberg(p, q);
}

}  // namespace laminar
