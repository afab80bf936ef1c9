// laminar-cli info: what a checkpoint is (shape, parameters, dtypes, sizes, memory) from its
// config and safetensors headers only — instant even for GPT-2 XL.
#include <cstdio>
#include <iostream>
#include <memory>
#include <set>

#include <nlohmann/json.hpp>

#include "checkpoint/checkpoint_tensors.h"
#include "cli/command_registry.h"
#include "io/safetensors.h"

namespace {

std::string humanBytes(uint64_t bytes) {
  const char* units[] = {"B", "KB", "MB", "GB", "TB"};
  double v = static_cast<double>(bytes);
  int u = 0;
  while (v >= 1000 && u < 4) v /= 1000, ++u;
  char buf[32];
  std::snprintf(buf, sizeof buf, u == 0 ? "%.0f %s" : "%.2f %s", v, units[u]);
  return buf;
}

laminar::cli::RegisterCommand infoCommand([](CLI::App& app) {
  auto* sub = app.add_subcommand("info", "Describe a GPT-2 checkpoint: shape, parameters, dtype, files, memory");
  auto model = std::make_shared<std::string>();
  auto asJson = std::make_shared<bool>(false);
  sub->add_option("--model", *model, "Checkpoint directory (config.json + model.safetensors)")->required();
  sub->add_flag("--json", *asJson, "Print JSON instead of text");
  return std::function<int()>([=] {
    using namespace laminar;
    CheckpointFiles files = locateCheckpoint(*model);
    Gpt2Config config = Gpt2Config::fromFile(files.config);
    CheckpointTensors tensors = openCheckpointTensors(files, config);
    std::set<std::string> dtypes;
    for (const auto& t : tensors.parameters) dtypes.insert(dtypeName(t.view->dtype));
    bool synthetic = config.syntheticWeights;
    nlohmann::json fileList = nlohmann::json::array();
    uint64_t totalBytes = 0;
    for (const auto& f : tensors.files) {
      if (f->metadata().count("laminar_synthetic_weights") && f->metadata().at("laminar_synthetic_weights") == "true")
        synthetic = true;
      fileList.push_back({{"path", f->path().string()}, {"bytes", f->fileSize()}});
      totalBytes += f->fileSize();
    }
    const int64_t params = config.parameterCount();
    const uint64_t fp32Bytes = static_cast<uint64_t>(params) * 4;
    if (*asJson) {
      nlohmann::json j = {{"model", files.directory.string()},
                          {"shape", config.shapeName()},
                          {"n_layer", config.nLayer},
                          {"n_embd", config.nEmbd},
                          {"n_head", config.nHead},
                          {"n_positions", config.nPositions},
                          {"vocab_size", config.vocabSize},
                          {"n_inner", config.innerDim()},
                          {"activation_function", config.activationFunction},
                          {"layer_norm_epsilon", config.layerNormEpsilon},
                          {"parameters", params},
                          {"dtypes", dtypes},
                          {"files", fileList},
                          {"file_bytes", totalBytes},
                          {"fp32_bytes", fp32Bytes},
                          {"synthetic_weights", synthetic},
                          {"tokenizer_directory", files.tokenizerDirectory.string()}};
      if (synthetic) j["note"] = "synthetic checkpoint: the weights are random; figures computed from it mean nothing";
      std::cout << j.dump(2) << "\n";
      return 0;
    }
    std::string dtypeList;
    for (const auto& d : dtypes) dtypeList += (dtypeList.empty() ? "" : ", ") + d;
    std::printf("model:        %s\n", files.directory.c_str());
    std::printf("shape:        %s (n_layer %lld, n_embd %lld, n_head %lld, n_positions %lld, vocab_size %lld)\n",
                config.shapeName().c_str(), (long long)config.nLayer, (long long)config.nEmbd, (long long)config.nHead,
                (long long)config.nPositions, (long long)config.vocabSize);
    std::printf("activation:   %s, layer_norm_epsilon %g, n_inner %lld\n", config.activationFunction.c_str(),
                config.layerNormEpsilon, (long long)config.innerDim());
    std::printf("parameters:   %lld\n", (long long)params);
    std::printf("stored dtype: %s\n", dtypeList.c_str());
    for (const auto& f : tensors.files)
      std::printf("file:         %s (%s)\n", f->path().filename().c_str(), humanBytes(f->fileSize()).c_str());
    std::printf("memory fp32:  %s\n", humanBytes(fp32Bytes).c_str());
    std::printf("tokenizer:    %s\n", files.tokenizerDirectory.empty() ? "none in the folder (Laminar's bundled GPT-2 tokenizer is used)"
                                                                      : files.tokenizerDirectory.c_str());
    std::printf("weights:      %s\n", synthetic ? "SYNTHETIC: random (seeded), not trained; figures computed from them mean nothing"
                                                : "from the checkpoint (not marked synthetic)");
    return 0;
  });
});

}  // namespace
