#pragma once
// Building small checkpoints (good and broken) for the checkpoint tests.
#include "util/torch_api.h"

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace laminar::test {

using NamedTensors = std::vector<std::pair<std::string, torch::Tensor>>;

std::filesystem::path referenceDir();                 // ../shared/reference
std::filesystem::path scratchDir(const std::string& name);  // fresh, under a per-process temp folder
void removeScratch();

// The tensors of ../shared/reference/gpt2-tiny/model.safetensors (copies), in file order.
NamedTensors referenceTensors();
nlohmann::json referenceConfig();

// config.json + model.safetensors (tensors in any dtype torch and safetensors share).
void writeCheckpoint(const std::filesystem::path& dir, const nlohmann::json& config, const NamedTensors& tensors);
void writeTensors(const std::filesystem::path& file, const NamedTensors& tensors);

// The message of the laminar::Error that `f` throws, or "(no error)".
template <class F>
std::string errorOf(F&& f);

}  // namespace laminar::test

#include "util/error.h"

template <class F>
std::string laminar::test::errorOf(F&& f) {
  try {
    f();
  } catch (const laminar::Error& e) {
    return e.what();
  }
  return "(no error)";
}
