#include "checkpoint/checkpoint_files.h"
#include "model/torch_runtime.h"

#include "app/engine_info.h"

namespace laminar {

bool engineCudaAvailable() { return cudaAvailable(); }
QString engineTorchVersion() { return QString::fromStdString(torchVersion()); }
QString engineCpuGemm() { return QString::fromStdString(cpuGemmLibrary()); }
std::filesystem::path checkpointTokenizerDirectory(const std::filesystem::path& dir) {
  return locateCheckpoint(dir).tokenizerDirectory;
}

}  // namespace laminar
