#include "analysis/sentence_set.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "analysis/csv_reader.h"
#include "tokenizer/utf8.h"
#include "util/atomic_file.h"
#include "util/error.h"
#include "util/json_text.h"
#include "util/sha256.h"
#include "util/trim.h"

namespace laminar {
namespace fs = std::filesystem;

namespace {

// The CLI's words for the one malformed record the CSV reader reports.
const std::string kTextAfterQuote = "unexpected text after a closing quote (a quote inside a quoted field must be doubled: \"\")";

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool isBlank(const std::string& s) { return trimAsciiSpace(s).empty(); }

// Larger sentence files are refused before they are read: the model runs on every text, and
// 32 MiB (some 300,000 sentences) is already days of GPT-2 XL; a 200 MB file needed gigabytes
// for its token lists alone before the first layer ran.
constexpr uint64_t kMaxSentenceFileBytes = 32ull << 20;

Error tooLarge(const std::string& path, uint64_t bytes) {
  const std::string mib = std::to_string(bytes >> 20), limit = std::to_string(kMaxSentenceFileBytes >> 20);
  return Error(fileMessage(path, msg::kSentenceFileTooLarge, {{"mib", mib}, {"limit", limit}},
                           "is " + mib + " MiB; sentence files are limited to " + limit +
                               " MiB (the model runs on every text): split it"));
}

// "lines 3, 7 and 9" (at most 10 listed).
std::string listLines(const std::vector<int>& lines, const char* word) {
  std::string out = std::string(word) + (lines.size() == 1 ? " " : "s ");
  for (size_t i = 0; i < lines.size() && i < 10; ++i) {
    if (i) out += (i + 1 == lines.size()) ? " and " : ", ";
    out += std::to_string(lines[i]);
  }
  if (lines.size() > 10) out += ", ... (" + std::to_string(lines.size()) + " in all)";
  return out;
}

void add(SentenceSet& set, Diagnostic::Severity sev, int line, const Message& message) {
  set.diagnostics.push_back(Diagnostic::coded(sev, line, message));
}

// `blank` holds line numbers (text files) or, with `jsonIndices`, indices into "texts".
void reportBlank(SentenceSet& set, const std::vector<int>& blank, bool jsonIndices) {
  if (blank.empty()) return;
  std::string numbers;  // "3, 5, 7" (the first ten), for translations
  for (size_t i = 0; i < blank.size() && i < 10; ++i) numbers += (i ? ", " : "") + std::to_string(blank[i]);
  if (blank.size() > 10) numbers += ", …";
  const char* word = jsonIndices ? "texts index" : "line";
  add(set, Diagnostic::Severity::Info, 0,
      Message(jsonIndices ? msg::kSentenceFileEmptyEntriesIgnored : msg::kSentenceFileEmptyTextsIgnored,
              {{"count", std::to_string(blank.size())}, {jsonIndices ? "indices" : "lines", numbers}},
              std::to_string(blank.size()) + " empty " + (blank.size() == 1 ? "text" : "texts") + " ignored (" +
                  listLines(blank, word) + ")"));
}

// "# target: WORD" (spaces optional, "target" in any case); nullopt-like: returns false.
bool parseTargetLine(const std::string& line, std::string* target) {
  std::string t = trimAsciiSpace(line);
  if (t.empty() || t[0] != '#') return false;
  t = trimAsciiSpace(t.substr(1));
  if (lower(t.substr(0, 6)) != "target") return false;
  t = trimAsciiSpace(t.substr(6));
  if (t.empty() || t[0] != ':') return false;
  *target = trimAsciiSpace(t.substr(1));
  return true;
}

void parseTxt(const std::string& content, SentenceSet& set) {
  std::vector<int> blank;
  size_t pos = 0;
  int line = 0;
  while (pos < content.size()) {
    size_t nl = content.find('\n', pos);
    std::string text = content.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
    pos = nl == std::string::npos ? content.size() : nl + 1;
    ++line;
    if (!text.empty() && text.back() == '\r') text.pop_back();
    std::string target;
    if (line == 1 && parseTargetLine(text, &target)) {
      if (target.empty())
        add(set, Diagnostic::Severity::Warning, 1,
            Message(msg::kSentenceFileTargetLineEmpty, {}, "\"# target:\" names no word; give the target another way"));
      set.target = target;
      continue;
    }
    if (isBlank(text)) {
      blank.push_back(line);
      continue;
    }
    set.texts.push_back({text, line, {}});
  }
  reportBlank(set, blank, false);
  if (set.texts.empty())
    throw Error(line == 0 ? fileMessage(set.source.string(), msg::kSentenceFileEmpty, {}, "the file is empty: it holds no texts")
                          : fileMessage(set.source.string(), msg::kSentenceFileNoTexts, {},
                                        "no texts: every line is empty or the target line"));
}

// The header's "text" (required) and "target" columns: the first of each name, in any case.
struct DelimitedColumns {
  int text = -1, target = -1;
};

DelimitedColumns headerColumns(const CsvRecord& header, char delim, const std::string& source) {
  const std::string headerLine = std::to_string(header.line);
  if (header.problem)  // the only malformed record the reader reports: text after a closing quote
    throw Error(fileMessage(source, msg::kSentenceFileHeaderTextAfterQuote, {{"line", headerLine}},
                            "line " + headerLine + ": header: " + kTextAfterQuote));
  DelimitedColumns columns;
  std::string names;
  for (size_t c = 0; c < header.fields.size(); ++c) {
    std::string name = lower(trimAsciiSpace(header.fields[c]));
    names += (c ? ", " : "") + std::string("\"") + trimAsciiSpace(header.fields[c]) + "\"";
    if (name == "text" && columns.text < 0) columns.text = static_cast<int>(c);
    if (name == "target" && columns.target < 0) columns.target = static_cast<int>(c);
  }
  if (columns.text < 0)
    throw Error(fileMessage(source, delim == '\t' ? msg::kSentenceFileNoTextColumnTsv : msg::kSentenceFileNoTextColumnCsv,
                            {{"line", headerLine}, {"found", names}},
                            "line " + headerLine + ": the header has no \"text\" column (found " + names + "; columns are " +
                                (delim == '\t' ? "tab" : "comma") + "-separated, the first row names them)"));
  return columns;
}

// A row the reader could not split as the header is (text after a closing quote, another
// number of fields) is reported and skipped: returns true.
bool skipMalformedRow(const CsvRecord& rec, size_t headerFields, char delim, SentenceSet& set) {
  if (rec.problem) {
    add(set, Diagnostic::Severity::Error, rec.line, Message(*rec.problem, {}, kTextAfterQuote + "; row skipped"));
    return true;
  }
  if (rec.fields.size() == headerFields) return false;
  add(set, Diagnostic::Severity::Error, rec.line,
      Message(delim == '\t' ? msg::kSentenceFileFieldCountTsv : msg::kSentenceFileFieldCountCsv,
              {{"fields", std::to_string(rec.fields.size())}, {"expected", std::to_string(headerFields)}},
              std::to_string(rec.fields.size()) + " fields where the header has " + std::to_string(headerFields) +
                  " (a " + (delim == '\t' ? "tab" : "comma") + " inside a text must be quoted); row skipped"));
  return true;
}

void parseDelimited(const std::string& content, char delim, SentenceSet& set) {
  auto records = readCsvRecords(content, delim, set.source.string());
  auto blankRecord = [](const CsvRecord& r) { return r.fields.size() == 1 && isBlank(r.fields[0]); };
  size_t first = 0;
  while (first < records.size() && blankRecord(records[first])) ++first;
  if (first == records.size())
    throw Error(fileMessage(set.source.string(), msg::kSentenceFileEmpty, {}, "the file is empty: it holds no texts"));
  const CsvRecord& header = records[first];
  const DelimitedColumns columns = headerColumns(header, delim, set.source.string());
  std::vector<int> blank;
  std::vector<std::string> targets;
  int malformed = 0;
  for (size_t r = first + 1; r < records.size(); ++r) {
    const CsvRecord& rec = records[r];
    if (blankRecord(rec)) {
      blank.push_back(rec.line);
      continue;
    }
    if (skipMalformedRow(rec, header.fields.size(), delim, set)) {
      ++malformed;
      continue;
    }
    const std::string& text = rec.fields[static_cast<size_t>(columns.text)];
    if (isBlank(text)) {
      blank.push_back(rec.line);
      continue;
    }
    std::string target =
        columns.target >= 0 ? trimAsciiSpace(rec.fields[static_cast<size_t>(columns.target)]) : std::string();
    if (!target.empty()) targets.push_back(target);
    set.texts.push_back({text, rec.line, target});
  }
  reportBlank(set, blank, false);
  // One shared target becomes the set's; differing ones stay per text.
  if (!targets.empty() && std::all_of(targets.begin(), targets.end(), [&](auto& t) { return t == targets[0]; }))
    set.target = targets[0];
  if (set.texts.empty()) {
    if (malformed)
      throw Error(fileMessage(set.source.string(), msg::kSentenceFileMalformedRows, {{"count", std::to_string(malformed)}},
                              "no texts: " + std::to_string(malformed) + " malformed rows and no usable one"));
    throw Error(fileMessage(set.source.string(), msg::kSentenceFileNoRowText, {},
                            "no texts: no rows below the header hold a text"));
  }
}

void parseJson(const std::string& content, SentenceSet& set) {
  const nlohmann::json j = parseJsonText(content, set.source.string());
  if (!j.is_object())
    throw Error(fileMessage(set.source.string(), msg::kSentenceFileJsonNotObject, {},
                            "expected a JSON object {\"target\": \"...\", \"texts\": [...]}"));
  if (j.contains("target")) {
    if (!j["target"].is_string())
      throw Error(fileMessage(set.source.string(), msg::kSentenceFileJsonTargetNotString, {}, "\"target\" must be a string"));
    set.target = trimAsciiSpace(j["target"].get<std::string>());
  }
  if (!j.contains("texts") || !j["texts"].is_array())
    throw Error(fileMessage(set.source.string(), msg::kSentenceFileJsonNoTextsArray, {},
                            "no \"texts\" array (expected {\"target\": \"...\", \"texts\": [...]})"));
  for (auto it = j.begin(); it != j.end(); ++it)
    if (it.key() != "target" && it.key() != "texts")
      add(set, Diagnostic::Severity::Info, 0,
          Message(msg::kSentenceFileJsonKeyIgnored, {{"key", it.key()}}, "key \"" + it.key() + "\" ignored"));
  std::vector<int> blank;
  const auto& texts = j["texts"];
  for (size_t i = 0; i < texts.size(); ++i) {
    int line = static_cast<int>(i) + 1;
    if (!texts[i].is_string()) {
      const std::string type = texts[i].type_name();
      add(set, Diagnostic::Severity::Error, line,
          Message(msg::kSentenceFileJsonEntryNotString, {{"type", type}}, "is a JSON " + type + ", not a string; skipped"));
      continue;
    }
    std::string text = texts[i].get<std::string>();
    if (isBlank(text)) {
      blank.push_back(line);
      continue;
    }
    set.texts.push_back({text, line, {}});
  }
  if (!blank.empty()) {
    std::vector<int> idx;
    for (int l : blank) idx.push_back(l - 1);
    reportBlank(set, idx, true);
  }
  if (set.texts.empty())
    throw Error(texts.empty() ? fileMessage(set.source.string(), msg::kSentenceFileJsonTextsEmpty, {}, "no texts: \"texts\" is empty")
                              : fileMessage(set.source.string(), msg::kSentenceFileJsonNoStringText, {},
                                            "no texts: every entry of \"texts\" is empty or not a string"));
}

bool isJson(const SentenceSet& set) { return lower(set.source.extension().string()) == ".json"; }

}  // namespace

const char* severityName(Diagnostic::Severity s) {
  switch (s) {
    case Diagnostic::Severity::Info: return "info";
    case Diagnostic::Severity::Warning: return "warning";
    case Diagnostic::Severity::Error: return "error";
  }
  return "?";
}

std::string describeLocation(const SentenceSet& set, int line) {
  if (isJson(set)) return "texts[" + std::to_string(line - 1) + "]";
  return "line " + std::to_string(line);
}

std::string formatDiagnostic(const SentenceSet& set, const Diagnostic& d) {
  std::string out = set.source.empty() ? std::string("sentences") : set.source.filename().string();
  out += ": ";
  if (d.line > 0) out += describeLocation(set, d.line) + ": ";
  out += severityName(d.severity);
  out += ": " + d.message;
  return out;
}

SentenceSet parseSentenceSet(const std::string& bytes, const fs::path& path) {
  if (bytes.size() > kMaxSentenceFileBytes) throw tooLarge(path.string(), bytes.size());
  SentenceSet set;
  set.source = path;
  set.sha256 = sha256Hex(bytes.data(), bytes.size());
  std::string content = bytes;
  if (content.compare(0, 3, "\xEF\xBB\xBF") == 0) content.erase(0, 3);  // UTF-8 byte-order mark
  size_t bad = utf8::firstInvalidByte(content);
  if (bad != std::string::npos) {
    size_t lineStart = content.rfind('\n', bad == 0 ? 0 : bad - 1);
    lineStart = (lineStart == std::string::npos || bad == 0) ? 0 : lineStart + 1;
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(content[bad]));
    const std::string line = std::to_string(lineOfOffset(content, bad)), column = std::to_string(bad - lineStart + 1);
    throw Error(fileMessage(path.string(), msg::kSentenceFileInvalidUtf8, {{"line", line}, {"column", column}, {"byte", hex}},
                            "line " + line + ": byte " + column + " of the line (" + hex +
                                ") is not valid UTF-8; sentence files must be saved as UTF-8"));
  }
  std::string ext = lower(path.extension().string());
  if (ext == ".txt") parseTxt(content, set);
  else if (ext == ".csv") parseDelimited(content, ',', set);
  else if (ext == ".tsv" || ext == ".tab") parseDelimited(content, '\t', set);
  else if (ext == ".json") parseJson(content, set);
  else
    throw Error(fileMessage(path.string(), msg::kSentenceFileUnsupportedType, {{"extension", path.extension().string()}},
                            "unsupported sentence file type \"" + path.extension().string() +
                                "\" (use .txt, .csv, .tsv or .json)"));
  return set;
}

SentenceSet loadSentenceSet(const fs::path& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec))
    throw Error(fileMessage(path.string(), msg::kSentenceFileIsDirectory, {}, "is a directory, not a sentence file"));
  const auto size = fs::file_size(path, ec);
  if (!ec && size > kMaxSentenceFileBytes) throw tooLarge(path.string(), size);
  return parseSentenceSet(readFile(path), path);
}

std::string sentenceSourceName(const SentenceSet& set) {
  return set.source.empty() ? "sentences" : set.source.string();
}

}  // namespace laminar
