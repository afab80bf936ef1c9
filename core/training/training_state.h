#pragma once
// The resumable state of a training run, in a safetensors file whose layout this project
// owns: the parameters, AdamW's two moments and step count per parameter, the number of
// completed steps and the loss log. Everything is stored exactly (F32 / I64 / F64), so a
// resumed run continues bit for bit as if it had never stopped. Written atomically: an
// interruption while saving leaves the previous state whole.
//
// Not torch::optim::Optimizer::save/load: that format keys each parameter's state by the
// address of its TensorImpl in the saving process and nests archives of separate
// compilation units; what it restores cannot be checked against the model by name.
#include "util/torch_api.h"

#include <torch/optim/adamw.h>

#include <cstdint>
#include <filesystem>
#include <vector>

#include "training/trainable_gpt2.h"
#include "training/trainer.h"

namespace laminar {

struct TrainingState {
  int64_t step = 0;                // optimizer steps completed
  std::vector<TrainLogRow> log;    // the loss log up to that step
};

// `optimizer` must be the AdamW whose parameter groups hold `model`'s parameters.
void saveTrainingState(const std::filesystem::path& file, const TrainableGpt2& model,
                       torch::optim::AdamW& optimizer, int64_t step, const std::vector<TrainLogRow>& log);

// Restores the parameters into `model` and AdamW's moments and step counts into `optimizer`
// (on `device`). Throws laminar::Error naming the file and the tensor when something is
// missing or has another shape than the model's.
TrainingState loadTrainingState(const std::filesystem::path& file, TrainableGpt2& model,
                                torch::optim::AdamW& optimizer, torch::Device device);

}  // namespace laminar
