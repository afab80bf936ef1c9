// torch first: Qt defines "slots" and "emit" as macros, which torch headers use as names.
#include "checkpoint/synthetic_checkpoint.h"

#include "app/demo_model.h"

#include <QStandardPaths>

namespace laminar {

std::filesystem::path defaultDemoModelDirectory() {
  const QString base = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
  return std::filesystem::path(base.toStdString()) / (std::string("demo-model-") + kDemoModelShape);
}

bool demoModelReady(const std::filesystem::path& dir) {
  std::error_code ec;
  return std::filesystem::exists(dir / "config.json", ec) && std::filesystem::exists(dir / "model.safetensors", ec);
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
