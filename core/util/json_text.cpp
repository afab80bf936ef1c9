#include "util/json_text.h"

#include <algorithm>

#include "util/error.h"

namespace laminar {

size_t lineOfOffset(const std::string& text, size_t offset) {
  offset = std::min(offset, text.size());
  return 1 + static_cast<size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

nlohmann::json parseJsonText(const std::string& text, const std::string& file) {
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::out_of_range& e) {
    // A number beyond double ("1e99999") is no parse error to nlohmann, but the file is unusable.
    const std::string what = e.what();
    const auto bracket = what.find("] ");
    const std::string detail = bracket == std::string::npos ? what : what.substr(bracket + 2);
    throw Error(fileMessage(file, msg::kFileInvalidJson, {{"detail", detail}}, "not valid JSON: " + detail));
  } catch (const nlohmann::json::parse_error& e) {
    // e.byte counts from 1 and names the character that failed; a line break that may not
    // stand there (inside a string) belongs to the line it ends.
    const std::string line = std::to_string(lineOfOffset(text, e.byte > 0 ? e.byte - 1 : 0));
    // "[json.exception.parse_error.101] parse error at line 1, column 14: <reason>": the line
    // is ours (nlohmann puts a failing line break on the next line), the reason is kept whole.
    const std::string what = e.what();
    const auto at = what.find("parse error");
    const auto colon = at == std::string::npos ? std::string::npos : what.find(": ", at);
    const std::string detail = colon == std::string::npos ? what : what.substr(colon + 2);
    throw Error(fileMessage(file, msg::kFileInvalidJsonAtLine, {{"line", line}, {"detail", detail}},
                            "line " + line + ": not valid JSON: " + detail));
  }
}

}  // namespace laminar
