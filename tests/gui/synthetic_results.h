#pragma once
// Results with known, seeded numbers for feeding widgets without the engine.
#include <memory>

#include "analysis/attention_pattern_results.h"
#include "analysis/logit_lens_results.h"
#include "analysis/mi_distance_results.h"
#include "analysis/run_results.h"
#include "analysis/similarity_results.h"

namespace laminar::test {

// nLayer layers of which `done` are finished; N texts per group; `bins` spectrum bins.
std::shared_ptr<RunResults> syntheticSimilarity(int nLayer, int done, int texts = 6, int bins = 21);
// n occurrences (n(n-1)/2 pairs); the FDR adjustments filled only when done == nLayer.
std::shared_ptr<RunResults> syntheticMiDistance(int nLayer, int done, int occurrences = 5);
// Logit lens over `texts` texts, the chosen one 8 tokens long, top 5 per layer.
std::shared_ptr<RunResults> syntheticLogitLens(int nLayer, int done, int texts = 6);
// Attention patterns of one 8-token text (target last), `heads` heads, rows summing to 1.
std::shared_ptr<RunResults> syntheticAttentionPattern(int nLayer, int done, int heads = 4);

}  // namespace laminar::test
