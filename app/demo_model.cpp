#include "checkpoint/synthetic_checkpoint.h"
#include "training/untrained_twin.h"
#include "io/safetensors.h"

#include "app/demo_model.h"

#include <QStandardPaths>

#include <nlohmann/json.hpp>

#include "util/atomic_file.h"
#include "util/data_paths.h"
#include "util/error.h"

namespace laminar {

std::filesystem::path bundledDemoModelDirectory() { return findDataPath("demo-model/config.json").parent_path(); }

bool bundledDemoModelAvailable() {
  try {
    return demoModelReady(bundledDemoModelDirectory());
  } catch (const Error&) {
    return false;
  }
}

std::filesystem::path untrainedTwinDirectory() {
  const QString base = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
  return std::filesystem::path(base.toStdString()) / "demo-model-untrained-twin";
}

bool demoModelReady(const std::filesystem::path& dir) {
  std::error_code ec;
  return std::filesystem::exists(dir / "config.json", ec) && std::filesystem::exists(dir / "model.safetensors", ec);
}

namespace {

uint64_t demoModelSeed(const std::filesystem::path& configFile) {
  try {
    return nlohmann::json::parse(readFile(configFile)).at("laminar_trained").at("seed").get<uint64_t>();
  } catch (const nlohmann::json::exception&) {
    throw Error(fileError(configFile.string(), "has no laminar_trained.seed: not the trained demo model"));
  }
}

}  // namespace

bool untrainedTwinReady(const std::filesystem::path& dir) {
  if (!demoModelReady(dir)) return false;
  try {
    const std::filesystem::path demo = bundledDemoModelDirectory();
    const Gpt2Config want = Gpt2Config::fromFile(demo / "config.json"), have = Gpt2Config::fromFile(dir / "config.json");
    if (have.nEmbd != want.nEmbd || have.nLayer != want.nLayer || have.nHead != want.nHead ||
        have.nPositions != want.nPositions || have.vocabSize != want.vocabSize)
      return false;
    const auto weights = SafetensorsFile::open(dir / "model.safetensors");  // kept: metadata() refers into it
    const auto& metadata = weights->metadata();
    const auto seed = metadata.find("laminar_seed");
    return seed != metadata.end() && seed->second == std::to_string(demoModelSeed(demo / "config.json"));
  } catch (const Error&) {
    return false;  // unreadable: regenerate it
  }
}

void createUntrainedTwin(const std::filesystem::path& dir, const std::atomic<bool>* cancel) {
  const std::filesystem::path demo = bundledDemoModelDirectory();
  const std::filesystem::path configFile = demo / "config.json";
  const Gpt2Config config = Gpt2Config::fromFile(configFile);
  const uint64_t seed = demoModelSeed(configFile);
  if (cancel && cancel->load()) throw Cancelled();
  std::filesystem::create_directories(dir.parent_path());
  writeUntrainedTwin(dir, config, seed, demo);
}

void createDemoModel(const std::filesystem::path& dir, const std::atomic<bool>* cancel, const std::string& shape) {
  std::filesystem::create_directories(dir.parent_path());
  SyntheticCheckpointOptions options;
  options.config = Gpt2Config::forShape(shape);
  options.seed = 0;
  options.cancel = cancel;
  writeSyntheticCheckpoint(dir, options);
}

}  // namespace laminar
