#include "cli/cli_common.h"

#include <nlohmann/json.hpp>

#include "checkpoint/checkpoint_files.h"
#include "tokenizer/bpe_tokenizer.h"
#include "tokenizer/tokenizer_location.h"
#include "util/atomic_file.h"
#include "util/data_paths.h"
#include "util/error.h"

namespace laminar::cli {

BpeTokenizer tokenizerForCheckpoint(const CheckpointFiles& files) {
  return BpeTokenizer::fromDirectory(tokenizerDirectoryFor(files.tokenizerDirectory));
}

std::vector<std::vector<int64_t>> tokenizeTextsJson(const std::string& path, const CheckpointFiles& files) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(readFile(path));
  } catch (const nlohmann::json::exception& e) {
    throw Error(fileError(path, std::string("not valid JSON: ") + e.what()));
  }
  if (!j.is_array()) throw Error(fileError(path, "expected a JSON array of strings"));
  BpeTokenizer tokenizer = tokenizerForCheckpoint(files);
  std::vector<std::vector<int64_t>> ids;
  for (size_t i = 0; i < j.size(); ++i) {
    if (!j[i].is_string()) throw Error(fileError(path, "element " + std::to_string(i) + " is not a string"));
    ids.push_back(tokenizer.encodeIds(j[i].get<std::string>()));
  }
  return ids;
}

}  // namespace laminar::cli
