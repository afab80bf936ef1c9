#include "analysis/capture_rows.h"

#include <algorithm>

#include "model/hook_points.h"
#include "util/error.h"

namespace laminar {

CaptureRows::CaptureRows(int nSequences, const std::vector<std::pair<int, int64_t>>& rows)
    : positions_(static_cast<size_t>(nSequences)) {
  for (auto& [s, p] : rows) positions_[static_cast<size_t>(s)].push_back(p);
  for (auto& v : positions_) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
  }
  std::vector<int64_t> offset(positions_.size() + 1, 0);
  for (size_t s = 0; s < positions_.size(); ++s) offset[s + 1] = offset[s] + static_cast<int64_t>(positions_[s].size());
  for (auto& [s, p] : rows) {
    const auto& v = positions_[static_cast<size_t>(s)];
    flatIndex_.push_back(offset[static_cast<size_t>(s)] + (std::lower_bound(v.begin(), v.end(), p) - v.begin()));
  }
}

torch::Tensor CaptureRows::gather(const Captures& captures, const std::string& hook) const {
  auto it = captures.find(hook);
  if (it == captures.end()) throw Error("the model delivered no capture for " + hook);
  std::vector<torch::Tensor> parts;
  for (size_t s = 0; s < positions_.size(); ++s) {
    if (positions_[s].empty()) continue;
    if (s >= it->second.size() || it->second[s].size(0) != static_cast<int64_t>(positions_[s].size()))
      throw Error("the capture of " + hook + " for sequence " + std::to_string(s) + " has the wrong number of rows");
    parts.push_back(it->second[s]);
  }
  torch::Tensor all = torch::cat(parts, 0);
  torch::Tensor index = torch::tensor(flatIndex_, torch::kLong).to(all.device());
  return all.index_select(0, index);
}

CaptureSpec CaptureRows::everyBlock(int64_t nLayer, const std::vector<HookSuffix>& blockHooks) const {
  CaptureSpec spec;
  for (int64_t l = 0; l < nLayer; ++l)
    for (const auto& h : blockHooks) spec.hooks.push_back(hookName(static_cast<int>(l), h));
  spec.positions = positions_;
  spec.toCpu = false;
  return spec;
}

}  // namespace laminar
