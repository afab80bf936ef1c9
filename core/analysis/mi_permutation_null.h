#pragma once
// Permutation nulls of experiment 2 (issue 10, item 2): how large the statistics of a layer
// would be if the pair MIs carried no information about distance (Kendall tau) or about the
// site (attention vs MLP). The draws use analysis/seeded_random (SplitMix64 + Fisher-Yates),
// so tools/verify_results.py reproduces every null value and p-value exactly from the seed.
//
// Draw scheme, for a given `state` (e.g. streamState(seed, permutationStream(...))):
//  * Kendall: permutation r = 0..R-1 in turn; within it the groups (texts) in ascending group
//    id, each drawing seededPermutation(group size) from the same running state; the pairs of a
//    group (in their order in the input) receive the distances of that group's pairs in the
//    permuted order: new[pos[k]] = distance[pos[perm[k]]]. Every permutation starts from the
//    observed distances. A group of one pair draws nothing.
//  * Sign flips: permutation r draws ceil(n / 64) words with splitMix64; pair k's difference
//    is negated when bit (k % 64) of word k / 64 is 1 (swapping its two site labels).
// p-value: (1 + #{r : |null_r| >= |observed|}) / (1 + R), two-sided, never 0.
#include <cstdint>
#include <string>
#include <vector>

#include "analysis/mi_distance_results.h"
#include "stats/multiple_testing.h"

namespace laminar {

constexpr int kDefaultPermutations = 1000;

enum class PermutationTest : uint64_t { KendallTau = 1, SiteDifference = 2 };

// The stream for streamState(seed, stream) of one test at one layer (and site; 0 for the
// site difference): 0x5045524D ("PERM") << 32 | test << 24 | layer << 8 | site. Distinct from
// the text streams (small integers) and the shuffled baseline's (1 << 63 | group).
uint64_t permutationStream(PermutationTest test, int layer, int site);

struct PermutationNull {
  double observed = 0;        // the statistic on the data; NaN when undefined
  std::vector<double> null;   // the statistic under each permutation, in draw order
  int permutations = 0;       // R
  int64_t atLeastAsExtreme = 0;  // #{r : |null_r| >= |observed|}
  double p = 1;               // (1 + atLeastAsExtreme) / (1 + R); NaN when undefined
  std::string undefined;      // non-empty: why the statistic is undefined (constant data, ...)
};

// The text of each pair (pairs are taken within a text: occurrenceText[pair.i]); the groups
// for kendallPermutationNull.
std::vector<int> pairGroups(const std::vector<OccurrencePair>& pairs, const std::vector<int>& occurrenceText);

// Kendall tau-b of (distance, mi) against its null under distances shuffled within each group.
// Shuffling keeps the multiset of distances, hence the tie structure and tau-b's denominator,
// so "as extreme" is decided on the integer concordant - discordant (exact, no rounding).
// observed/null hold tau-b. Undefined (p NaN) when tau is (constant distance or MI).
// Sizes must agree; permutations >= 1; NaN/inf throws laminar::Error.
PermutationNull kendallPermutationNull(const std::vector<double>& distance, const std::vector<double>& mi,
                                       const std::vector<int>& group, int permutations, uint64_t state);

// The mean of the per-pair differences attn[k] - mlp[k] (numpy's mean) against its null under
// random swaps of the two site labels within each pair (sign flips): the paired design, since
// every pair is measured at both sites. A null value counts as extreme when
// |null| >= |observed| (1 - 1e-12): the tolerance keeps sums that are equal in exact arithmetic
// but rounded differently (equal differences flipped) from being missed. Needs >= 1 pair.
PermutationNull siteDifferenceSignFlipNull(const std::vector<double>& attn, const std::vector<double>& mlp,
                                          int permutations, uint64_t state);

// numpy.percentile(null, 100 q) (linear): the band a view draws, e.g. q = 0.025 and 0.975.
double nullQuantile(const PermutationNull& n, double q);

// Benjamini-Hochberg over the layers' permutation p-values (stats::benjaminiHochberg, NaN for
// an undefined layer counts as a test and is never rejected).
stats::AdjustedPValues adjustPermutationPValues(const std::vector<PermutationNull>& perLayer, double q = 0.05);

}  // namespace laminar
