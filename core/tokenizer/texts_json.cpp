#include "tokenizer/texts_json.h"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "util/atomic_file.h"
#include "util/error.h"

namespace laminar {

std::vector<std::string> readTextsJson(const std::filesystem::path& path) {
  const std::string file = path.string();
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    throw std::filesystem::exists(path, ec) ? Error(fileMessage(file, msg::kFileNotRegular, {}, "not a regular file"))
                                            : Error(fileMessage(file, msg::kFileNotFound, {}, "file not found"));
  const std::string text = readFile(path);
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(text);
  } catch (const nlohmann::json::out_of_range& e) {
    // A number beyond double ("1e99999") is no parse error to nlohmann, but the file is unusable.
    const std::string what = e.what();
    const auto bracket = what.find("] ");
    const std::string detail = bracket == std::string::npos ? what : what.substr(bracket + 2);
    throw Error(fileMessage(file, msg::kFileInvalidJson, {{"detail", detail}}, "not valid JSON: " + detail));
  } catch (const nlohmann::json::parse_error& e) {
    size_t at = std::min(e.byte > 0 ? e.byte - 1 : 0, text.size());
    const std::string line =
        std::to_string(1 + static_cast<size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n')));
    std::string what = e.what();
    auto from = what.find("parse error");
    const std::string detail = from == std::string::npos ? what : what.substr(from);
    throw Error(fileMessage(file, msg::kFileInvalidJsonAtLine, {{"line", line}, {"detail", detail}},
                            "line " + line + ": not valid JSON (" + detail + ")"));
  }
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
