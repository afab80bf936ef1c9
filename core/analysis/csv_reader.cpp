#include "analysis/csv_reader.h"

#include "util/error.h"

namespace laminar {

std::vector<CsvRecord> readCsvRecords(std::string_view s, char delim, const std::string& source) {
  std::vector<CsvRecord> records;
  int line = 1;
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    CsvRecord rec;
    rec.line = line;
    std::string field;
    bool recordDone = false;
    while (!recordDone) {
      field.clear();
      if (i < n && s[i] == '"') {
        int quoteLine = line;
        ++i;
        bool closed = false;
        while (i < n) {
          char c = s[i];
          if (c == '"') {
            if (i + 1 < n && s[i + 1] == '"') { field += '"'; i += 2; continue; }
            ++i;
            closed = true;
            break;
          }
          if (c == '\n') ++line;
          field += c;
          ++i;
        }
        if (!closed)
          throw Error(fileMessage(source, msg::kSentenceFileUnclosedQuote, {{"line", std::to_string(quoteLine)}},
                                  "line " + std::to_string(quoteLine) + ": a quoted field is never closed (missing \")"));
        // After the closing quote only a delimiter or the end of the record may follow.
        if (i < n && s[i] != delim && s[i] != '\n' && s[i] != '\r') {
          rec.problem = &msg::kSentenceFileTextAfterQuote;
          while (i < n && s[i] != delim && s[i] != '\n' && s[i] != '\r') field += s[i++];
        }
      } else {
        while (i < n && s[i] != delim && s[i] != '\n' && !(s[i] == '\r' && (i + 1 == n || s[i + 1] == '\n')))
          field += s[i++];
      }
      rec.fields.push_back(field);
      if (i < n && s[i] == delim) {
        ++i;  // "a,b," ends with an empty field: the loop reads it at the end
        continue;
      }
      if (i < n && s[i] == '\r') ++i;
      if (i < n && s[i] == '\n') { ++i; ++line; }
      recordDone = true;
    }
    records.push_back(std::move(rec));
  }
  return records;
}

}  // namespace laminar
