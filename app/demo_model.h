#pragma once
// The synthetic demo model: random weights in GPT-2 layout, generated on first use into the
// application's data folder, so the app runs on a fresh machine without any download. Its
// figures mean nothing, and the window says so.
#include <atomic>
#include <filesystem>

namespace laminar {

constexpr const char* kDemoModelShape = "256x12x8";  // width x layers x heads

std::filesystem::path defaultDemoModelDirectory();  // <AppLocalDataLocation>/demo-model-256x12x8
bool demoModelReady(const std::filesystem::path& dir);
// Writes the checkpoint (atomically) with the bundled tokenizer. Throws laminar::Error or
// laminar::Cancelled.
void createDemoModel(const std::filesystem::path& dir, const std::atomic<bool>* cancel = nullptr,
                     const std::string& shape = kDemoModelShape);

}  // namespace laminar
