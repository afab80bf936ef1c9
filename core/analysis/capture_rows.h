#pragma once
// Bookkeeping between "the rows an analysis wants" ((sequence, position) pairs) and what the
// model captures (per sequence, the requested positions in increasing order).
#include "util/torch_api.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "model/gpt2_model.h"
#include "model/hook_points.h"

namespace laminar {

class CaptureRows {
 public:
  // `rows` in the order the analysis wants them; sequences counted 0..nSequences-1.
  CaptureRows(int nSequences, const std::vector<std::pair<int, int64_t>>& rows);

  // For CaptureSpec::positions: per sequence, its wanted positions, sorted, no repeats.
  const std::vector<std::vector<int64_t>>& positions() const { return positions_; }

  // What to ask the model for: `blockHooks` (hook::kAttnQ ...) of every one of `nLayer`
  // blocks, at these rows only, left on the device for the analysis.
  CaptureSpec everyBlock(int64_t nLayer, const std::vector<HookSuffix>& blockHooks) const;

  // The wanted rows of `hook`, stacked in the wanted order: [rows, width] on the capture's
  // device. Throws laminar::Error if the model did not deliver the hook.
  torch::Tensor gather(const Captures& captures, const std::string& hook) const;

 private:
  std::vector<std::vector<int64_t>> positions_;
  std::vector<int64_t> flatIndex_;  // row -> index into the concatenation of all sequences' rows
};

}  // namespace laminar
