#pragma once
// Reopening a results directory with progress (issue 14): loadResults of run_results.h, with
// a callback that hears how far it is and can stop it.
#include <filesystem>
#include <functional>

#include "analysis/run_results.h"

namespace laminar {

// How far loadResults is: the fraction done, 0..1, rising (called on the loading thread).
// It may throw laminar::Cancelled to stop the load (loadResults then throws it on).
using LoadProgress = std::function<void(double fraction)>;

// loadResults(dir), reporting progress. Experiment 1's text-by-text matrices are not in the
// files (format version 2, docs/results-format.md): they are computed here from the saved
// vectors, as the run computed them; version 1 directories hold them in results.json.
RunResults loadResults(const std::filesystem::path& dir, const LoadProgress& progress);

}  // namespace laminar
