#pragma once
// The demo model: a 6-layer GPT-2 trained by the project on the Brown corpus
// (docs/demo-model.md), shipped read-only with Laminar (resources/demo-model, installed to
// share/laminar/demo-model), so the app shows learned structure offline. Its untrained twin
// (same shape, the initial weights training started from) is the control; it is generated
// on first use into the application's data folder.
//
// createDemoModel() writes a synthetic checkpoint (random weights) of any shape, for tests
// and benchmarks.
#include <atomic>
#include <filesystem>
#include <string>

namespace laminar {

// The shipped trained model's folder (found like the bundled tokenizer). Throws
// laminar::Error listing the places searched if it is not installed.
std::filesystem::path bundledDemoModelDirectory();
bool bundledDemoModelAvailable();

// <AppLocalDataLocation>/demo-model-untrained-twin
std::filesystem::path untrainedTwinDirectory();
bool demoModelReady(const std::filesystem::path& dir);  // config.json and model.safetensors exist
// The twin in `dir` exists and is the bundled demo model's: same shape and seed. A twin left
// by an earlier Laminar whose demo model had another shape is not (it is then regenerated).
bool untrainedTwinReady(const std::filesystem::path& dir);
// Writes the untrained twin of the bundled demo model (its shape and seed, read from its
// config.json) atomically. Throws laminar::Error or laminar::Cancelled.
void createUntrainedTwin(const std::filesystem::path& dir, const std::atomic<bool>* cancel = nullptr);

// A synthetic checkpoint (random weights, bundled tokenizer) of `shape`, atomically.
void createDemoModel(const std::filesystem::path& dir, const std::atomic<bool>* cancel, const std::string& shape);

}  // namespace laminar
