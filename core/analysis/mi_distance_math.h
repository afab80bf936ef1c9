#pragma once
// The statistics of experiment 2 for one layer and for the whole run (analysis-spec.md),
// on plain vectors: pair MIs, Kendall tau-b against distance, the attention-vs-MLP t-test,
// Fisher Z, the corrections across layers, and the controls of issue 10 (estimator floor,
// permutation nulls, paired tests, estimator comparison; docs/controls.md). Every statistic
// comes from core/stats.
#include <array>
#include <cstdint>
#include <vector>

#include "analysis/mi_distance_results.h"
#include "stats/pair_mi.h"

namespace laminar {

// The pair-MI settings of a run, for `estimator` (the run's own, or the comparison's second
// one). A shared-fd rule gets the layer's B as fixedBins (0: not yet known). The Miller-Madow
// correction applies to the histogram estimator only.
stats::PairMiSettings pairMiSettings(const MiDistanceSettings& settings, stats::MiEstimator estimator,
                                     int sharedBins = 0);

// The "shared-fd" B of a layer: the lower median of every pair's clamped Freedman-Diaconis
// count at both sites (stats::sharedFreedmanDiaconisBins). vectors[s]: n x d, row-major.
int sharedLayerBins(const std::array<std::vector<double>, kSites>& vectors, int64_t d,
                    const std::vector<OccurrencePair>& pairs, const MiDistanceSettings& settings);

// MI of every pair from the site's vectors (n x d, row-major, float64), its estimator floor
// (seeded by settings.seed, analysis/mi_estimator_floor.h) unless `withFloor` is false, mean
// MI, mean floor, and Kendall tau-b of (distance, compared MI). sharedBins: the layer's B
// for "shared-fd" (required then). Throws laminar::Error when a pair's MI is undefined (too
// few dimensions left after trimming), naming the layer, site and pair.
MiSiteLayer computeMiSite(const std::vector<double>& vectors, int64_t d, const std::vector<OccurrencePair>& pairs,
                          const MiDistanceSettings& settings, int layer, MiSite site, int sharedBins = 0,
                          bool withFloor = true, double* floorSeconds = nullptr);

// One whole layer with every control: both sites (computeMiSite), the estimator comparison
// (settings.compareKsg), the Kendall nulls, compareMiSites, the paired tests and the sign-flip
// null, with the controls' timings. pairGroup: the text of each pair (pairGroups()).
MiLayer computeMiLayer(const std::array<std::vector<double>, kSites>& vectors, int64_t d,
                       const std::vector<OccurrencePair>& pairs, const std::vector<int>& pairGroup,
                       const MiDistanceSettings& settings, int layer, int nLayer);

// The t-test of the two sites' compared pair MIs and Fisher Z of the taus, then adjustLayerTests.
void compareMiSites(MiLayer& layer, int nLayer, const MiDistanceSettings& settings);

// Bonferroni over nLayer tests of the layer's t-test and Fisher Z p-values (final per layer).
void adjustLayerTests(MiLayer& layer, int nLayer, const MiDistanceSettings& settings);

// What needs every layer: Benjamini-Hochberg adjusted p and masks of both families, and of
// the control families with the estimators' correlation across layers when every layer has
// its controls.
void correctAcrossLayers(MiDistanceResults& results);

}  // namespace laminar
