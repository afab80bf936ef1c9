// torch first: Qt defines "slots" and "emit" as macros, which torch headers use as names.
#include "checkpoint/checkpoint.h"
#include "model/gpt2_model.h"

#include "app/engine_info.h"

namespace laminar {

bool engineCudaAvailable() { return cudaAvailable(); }
QString engineTorchVersion() { return QString::fromStdString(torchVersion()); }
std::filesystem::path checkpointTokenizerDirectory(const std::filesystem::path& dir) {
  return locateCheckpoint(dir).tokenizerDirectory;
}

}  // namespace laminar
