#include "tokenizer/texts_json.h"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "util/atomic_file.h"
#include "util/error.h"
#include "util/json_text.h"

namespace laminar {

std::vector<std::string> readTextsJson(const std::filesystem::path& path) {
  const std::string file = path.string();
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    throw std::filesystem::exists(path, ec) ? Error(fileMessage(file, msg::kFileNotRegular, {}, "not a regular file"))
                                            : Error(fileMessage(file, msg::kFileNotFound, {}, "file not found"));
  const std::string text = readFile(path);
  const nlohmann::json json = parseJsonText(text, file);
  if (!json.is_array())
    throw Error(fileMessage(file, msg::kTextsJsonNotArray, {{"type", json.type_name()}},
                            std::string("expected a JSON array of strings, found a JSON ") + json.type_name()));
  std::vector<std::string> texts;
  texts.reserve(json.size());
  for (size_t i = 0; i < json.size(); ++i) {
    if (!json[i].is_string())
      throw Error(fileMessage(file, msg::kTextsJsonEntryNotString, {{"position", std::to_string(i)}, {"type", json[i].type_name()}},
                              "element " + std::to_string(i) + " is a " + json[i].type_name() + ", expected a string"));
    texts.push_back(json[i].get<std::string>());
  }
  return texts;
}

}  // namespace laminar
