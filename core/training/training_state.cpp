#include "training/training_state.h"

#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <type_traits>

#include "io/safetensors.h"
#include "util/error.h"

namespace laminar {
namespace fs = std::filesystem;

namespace {

const char* kFormat = "laminar-training-state-1";

// AdamW (libtorch) finds a parameter's state under the address of its TensorImpl: libtorch 1.x
// keys its state map by that address printed as text, 2.x by the address itself.
using OptimizerStateKey = std::decay_t<decltype(std::declval<torch::optim::AdamW&>().state())>::key_type;

template <typename Key>
Key stateKeyFor(c10::TensorImpl* impl) {
  if constexpr (std::is_same_v<Key, std::string>) {
    std::ostringstream text;  // what libtorch 1.x's c10::guts::to_string printed
    text << impl;
    return text.str();
  } else {
    return impl;
  }
}

OptimizerStateKey optimizerKey(const torch::Tensor& parameter) {
  return stateKeyFor<OptimizerStateKey>(parameter.unsafeGetTensorImpl());
}

// The loss log as a tensor [rows, 6].
torch::Tensor logTensor(const std::vector<TrainLogRow>& log) {
  torch::Tensor t = torch::zeros({static_cast<int64_t>(log.size()), 6}, torch::kFloat64);
  auto a = t.accessor<double, 2>();
  for (size_t i = 0; i < log.size(); ++i) {
    const auto& r = log[i];
    a[i][0] = static_cast<double>(r.step), a[i][1] = r.learningRate, a[i][2] = r.trainLoss;
    a[i][3] = r.heldOutLoss, a[i][4] = r.seconds, a[i][5] = r.tokensPerSecond;
  }
  return t;
}

std::vector<TrainLogRow> logFromTensor(const torch::Tensor& t) {
  std::vector<TrainLogRow> log;
  auto a = t.accessor<double, 2>();
  for (int64_t i = 0; i < t.size(0); ++i)
    log.push_back({static_cast<int64_t>(a[i][0]), a[i][1], a[i][2], a[i][3], a[i][4], a[i][5]});
  return log;
}

DType storedType(torch::ScalarType t) {
  switch (t) {
    case torch::kFloat32: return DType::F32;
    case torch::kFloat64: return DType::F64;
    case torch::kInt64: return DType::I64;
    default: throw Error("training state: unexpected tensor type");
  }
}

torch::ScalarType torchType(DType t) {
  return t == DType::F32 ? torch::kFloat32 : t == DType::F64 ? torch::kFloat64 : torch::kInt64;
}

// A copy of the named tensor, checked for type and (when given) shape.
torch::Tensor readTensor(const SafetensorsFile& file, const std::string& name, DType type,
                         const std::vector<int64_t>* shape = nullptr) {
  const TensorView* v = file.find(name);
  if (!v) throw Error(fileError(file.path().string(), "lacks the tensor '" + name + "' (not a complete training state)"));
  if (v->dtype != type || (shape && v->shape != *shape))
    throw Error(fileError(file.path().string(), "tensor '" + name + "' has another type or shape than this run's model"));
  return torch::from_blob(const_cast<void*>(v->data), v->shape, torchType(type)).clone();
}

}  // namespace

void saveTrainingState(const fs::path& file, const TrainableGpt2& model, torch::optim::AdamW& optimizer, int64_t step,
                       const std::vector<TrainLogRow>& log) {
  std::vector<std::pair<std::string, torch::Tensor>> named;  // kept alive until written
  named.emplace_back("step", torch::tensor({step}, torch::kInt64));
  named.emplace_back("log", logTensor(log));
  auto& states = optimizer.state();
  for (const auto& [name, p] : model.namedParameters()) {
    named.emplace_back("param." + name, p.detach().to(torch::kCPU).contiguous());
    auto it = states.find(optimizerKey(p));
    if (it == states.end() || !it->second) continue;  // not stepped yet: AdamW starts it at zero
    const auto& s = static_cast<const torch::optim::AdamWParamState&>(*it->second);
    named.emplace_back("adamw.step." + name, torch::tensor({s.step()}, torch::kInt64));
    named.emplace_back("adamw.exp_avg." + name, s.exp_avg().detach().to(torch::kCPU).contiguous());
    named.emplace_back("adamw.exp_avg_sq." + name, s.exp_avg_sq().detach().to(torch::kCPU).contiguous());
  }
  std::vector<TensorToWrite> tensors;
  for (const auto& [name, t] : named)
    tensors.push_back({name, storedType(t.scalar_type()), t.sizes().vec(), t.data_ptr(),
                       static_cast<size_t>(t.numel()) * t.element_size()});
  writeSafetensors(file, tensors, {{"format", kFormat}});
}

TrainingState loadTrainingState(const fs::path& file, TrainableGpt2& model, torch::optim::AdamW& optimizer,
                                torch::Device device) {
  auto stored = SafetensorsFile::open(file);
  auto format = stored->metadata().find("format");
  if (format == stored->metadata().end() || format->second != kFormat)
    throw Error(fileError(file.string(), std::string("is not a Laminar training state (metadata format '") + kFormat + "')"));
  TrainingState state;
  state.step = readTensor(*stored, "step", DType::I64).item<int64_t>();
  const TensorView* log = stored->find("log");
  if (!log || log->shape.size() != 2 || log->shape[1] != 6)
    throw Error(fileError(file.string(), "lacks the loss log 'log' [rows, 6]"));
  state.log = logFromTensor(readTensor(*stored, "log", DType::F64));

  torch::NoGradGuard noGrad;
  auto& states = optimizer.state();
  for (const auto& [name, p] : model.namedParameters()) {
    const std::vector<int64_t> shape = p.sizes().vec();
    const_cast<torch::Tensor&>(p).copy_(readTensor(*stored, "param." + name, DType::F32, &shape).to(device));
    if (!stored->find("adamw.step." + name)) continue;  // saved before its first step
    auto s = std::make_unique<torch::optim::AdamWParamState>();
    s->step(readTensor(*stored, "adamw.step." + name, DType::I64).item<int64_t>());
    s->exp_avg(readTensor(*stored, "adamw.exp_avg." + name, DType::F32, &shape).to(device));
    s->exp_avg_sq(readTensor(*stored, "adamw.exp_avg_sq." + name, DType::F32, &shape).to(device));
    states[optimizerKey(p)] = std::move(s);
  }
  return state;
}

}  // namespace laminar
