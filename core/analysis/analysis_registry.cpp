#include <algorithm>
#include <mutex>
#include <stdexcept>

#include "analysis/analysis.h"
#include "util/error.h"

namespace laminar {

namespace {
std::mutex& registryMutex() {
  static std::mutex m;
  return m;
}
// In registration order: the order the app lists them.
using Registry = std::vector<std::pair<std::string, AnalysisFactory>>;
Registry& registry() {
  // Built-ins are listed here, not self-registered: a static library drops unreferenced objects.
  static Registry r = {
      {"similarity", makeSimilarityAnalysis},
      {"mi-distance", makeMiDistanceAnalysis},
      {"logit-lens", makeLogitLensAnalysis},
      {"attention-pattern", makeAttentionPatternAnalysis},
  };
  return r;
}
Registry::iterator find(const std::string& name) {
  return std::find_if(registry().begin(), registry().end(), [&](const auto& e) { return e.first == name; });
}
}  // namespace

std::unique_ptr<Analysis> makeAnalysis(const std::string& name) {
  std::lock_guard<std::mutex> lock(registryMutex());
  auto it = find(name);
  if (it == registry().end()) {
    std::string known;
    for (auto& [k, f] : registry()) known += (known.empty() ? "" : ", ") + k;
    throw Error("unknown experiment \"" + name + "\" (known: " + known + ")");
  }
  return it->second();
}

void registerAnalysis(const std::string& name, AnalysisFactory factory) {
  std::lock_guard<std::mutex> lock(registryMutex());
  if (find(name) != registry().end()) throw std::logic_error("analysis \"" + name + "\" registered twice");
  registry().emplace_back(name, std::move(factory));
}

nlohmann::json resolvedOptions(const Analysis& analysis, const RunSettings& settings) {
  return resolveSettings(analysis.settingSpecs(), settings.options);
}

std::vector<std::string> experimentNames() {
  std::lock_guard<std::mutex> lock(registryMutex());
  std::vector<std::string> names;
  for (auto& [k, f] : registry()) names.push_back(k);
  return names;
}

}  // namespace laminar
