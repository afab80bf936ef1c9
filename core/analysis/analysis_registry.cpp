#include <map>
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
std::map<std::string, AnalysisFactory>& registry() {
  // Built-ins are listed here, not self-registered: a static library drops unreferenced objects.
  static std::map<std::string, AnalysisFactory> r = {
      {"similarity", makeSimilarityAnalysis},
      {"mi-distance", makeMiDistanceAnalysis},
  };
  return r;
}
}  // namespace

std::unique_ptr<Analysis> makeAnalysis(const std::string& name) {
  std::lock_guard<std::mutex> lock(registryMutex());
  auto it = registry().find(name);
  if (it == registry().end()) {
    std::string known;
    for (auto& [k, f] : registry()) known += (known.empty() ? "" : ", ") + k;
    throw Error("unknown experiment \"" + name + "\" (known: " + known + ")");
  }
  return it->second();
}

void registerAnalysis(const std::string& name, AnalysisFactory factory) {
  std::lock_guard<std::mutex> lock(registryMutex());
  if (!registry().emplace(name, std::move(factory)).second)
    throw std::logic_error("analysis \"" + name + "\" registered twice");
}

std::vector<std::string> experimentNames() {
  std::lock_guard<std::mutex> lock(registryMutex());
  std::vector<std::string> names;
  for (auto& [k, f] : registry()) names.push_back(k);
  return names;
}

}  // namespace laminar
