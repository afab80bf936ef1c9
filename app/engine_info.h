#pragma once
// The few engine facts the windows need, behind a torch-free header (torch's headers cost
// a minute of compile time per file that includes them).
#include <QString>

#include <filesystem>

namespace laminar {

bool engineCudaAvailable();
QString engineTorchVersion();
// What runs the forward pass's GEMMs on the CPU ("oneDNN 2.6.3 sgemm, ...").
QString engineCpuGemm();
// The checkpoint's tokenizer folder (empty when it has none). Throws laminar::Error when
// `dir` is not a checkpoint.
std::filesystem::path checkpointTokenizerDirectory(const std::filesystem::path& dir);

}  // namespace laminar
