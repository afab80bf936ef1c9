#pragma once
// The statistics of experiment 2 for one layer and for the whole run (analysis-spec.md),
// on plain vectors: pair MIs, Kendall tau-b against distance, the attention-vs-MLP t-test,
// Fisher Z, and the corrections across layers. Every statistic comes from core/stats.
#include <cstdint>
#include <vector>

#include "analysis/mi_distance_results.h"

namespace laminar {

// MI of every pair from the site's vectors (n x d, row-major, float64), then mean MI and
// Kendall tau-b of (distance, MI). Throws laminar::Error when a pair's MI is undefined
// (too few dimensions left after trimming), naming the layer, site and pair.
MiSiteLayer computeMiSite(const std::vector<double>& vectors, int64_t d, const std::vector<OccurrencePair>& pairs,
                          const MiDistanceSettings& settings, int layer, MiSite site);

// The t-test of the two sites' pair MIs and Fisher Z of the taus, then adjustLayerTests.
void compareMiSites(MiLayer& layer, int nLayer, const MiDistanceSettings& settings);

// Bonferroni over nLayer tests of the layer's t-test and Fisher Z p-values (final per layer).
void adjustLayerTests(MiLayer& layer, int nLayer, const MiDistanceSettings& settings);

// What needs every layer: Benjamini-Hochberg adjusted p and masks of both families.
void correctAcrossLayers(MiDistanceResults& results);

}  // namespace laminar
