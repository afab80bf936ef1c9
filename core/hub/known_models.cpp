#include "hub/known_models.h"

#include <algorithm>
#include <cctype>

#include "util/error.h"

namespace laminar::hub {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

}  // namespace

const std::vector<KnownModel>& knownModels() {
  // Sizes: model.safetensors + config.json + vocab.json (1,042,301) + merges.txt (456,318)
  // as listed on the hub; approximate, the download itself reads the exact sizes.
  static const std::vector<KnownModel> models = {
      {"gpt2", "openai-community/gpt2", "GPT-2", 124'439'808, 768, 12, 12, 549'600'000},
      {"gpt2-medium", "openai-community/gpt2-medium", "GPT-2 Medium", 354'823'168, 1024, 24, 16,
       1'521'500'000},
      {"gpt2-large", "openai-community/gpt2-large", "GPT-2 Large", 774'030'080, 1280, 36, 20,
       3'248'700'000},
      {"gpt2-xl", "openai-community/gpt2-xl", "GPT-2 XL", 1'557'611'200, 1600, 48, 25,
       6'433'400'000},
  };
  return models;
}

std::optional<KnownModel> findKnownModel(const std::string& name) {
  const std::string wanted = lower(name);
  for (const auto& m : knownModels())
    if (wanted == m.id || wanted == lower(m.repo)) return m;
  return std::nullopt;
}

std::string repoForName(const std::string& name) {
  if (auto known = findKnownModel(name)) return known->repo;
  const auto slash = name.find('/');
  const bool repoId = slash != std::string::npos && slash > 0 && slash + 1 < name.size() &&
                      name.find('/', slash + 1) == std::string::npos &&
                      name.find_first_of(" \t\n\\") == std::string::npos && name.find("..") == std::string::npos;
  if (repoId) return name;
  std::string ids;
  for (const auto& m : knownModels()) ids += (ids.empty() ? "" : ", ") + m.id;
  throw Error(Message(msg::kModelUnknownName, {{"name", name}, {"choices", ids}},
                      "unknown model '" + name + "': use one of " + ids + ", or a hub repository id such as openai-community/gpt2-xl"));
}

}  // namespace laminar::hub
