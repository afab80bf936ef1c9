#pragma once
// What a model run captures: the request (hook names, rows per sequence) and the result
// (tensors by hook name). Declares the tensor type without libtorch's headers, so code that
// only passes captures along (the analysis interface, the registry, the app's settings) does
// not parse them; code that reads a tensor includes util/torch_api.h.
#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace at {
class Tensor;  // torch::Tensor is at::Tensor
}

namespace laminar {

// What to capture. Only the requested rows leave the device (or the compute graph).
struct CaptureSpec {
  std::vector<std::string> hooks;  // concrete hook names, e.g. "blocks.3.attn.hook_q"
  // positions[i] = token positions of sequence i to keep (empty = all). Empty outer vector
  // = all positions of every sequence.
  std::vector<std::vector<int64_t>> positions;
  bool toCpu = true;  // false: captured tensors stay on the model's device (for analyses)
  // GPT-2 is causal: nothing after a sequence's last requested position can change a
  // requested value, so those tokens are not run at all (hook_pattern rows are padded back
  // to the full key length with the exact zeros the causal mask gives). false runs every
  // token. A sequence run alone gets the same bits either way; in a batch too on the CPU's
  // default path (oneDNN GEMMs, attention loops), elsewhere the values agree to float32
  // rounding (BLAS rounds a row by its place in the batch: gpt2_model.cpp).
  bool skipTokensAfterLastPosition = true;
};

// Tokens of sequence `s` (of `length` tokens) that a run computes: all of them, or with
// skipTokensAfterLastPosition those up to its last requested position.
inline int64_t tokensToRun(const CaptureSpec& spec, size_t s, int64_t length) {
  if (!spec.skipTokensAfterLastPosition || s >= spec.positions.size() || spec.positions[s].empty()) return length;
  return *std::max_element(spec.positions[s].begin(), spec.positions[s].end()) + 1;
}

// hook name -> one tensor per sequence: [npos, width], or [H, npos, T] for hook_pattern.
using Captures = std::map<std::string, std::vector<at::Tensor>>;

}  // namespace laminar
