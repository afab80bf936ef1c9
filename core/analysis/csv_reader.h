#pragma once
// A small RFC 4180 reader for sentence sets in .csv / .tsv: quoted fields may hold the
// delimiter, doubled quotes and line breaks. Each record remembers the line it starts on.
#include <string>
#include <string_view>
#include <vector>

#include "util/message_codes.h"

namespace laminar {

struct CsvRecord {
  int line = 0;                     // 1-based line where the record starts
  std::vector<std::string> fields;
  const MessageCode* problem = nullptr;  // set: the record is malformed (fields unreliable)
};

// Splits `content` (already valid UTF-8, BOM removed) into records. Empty lines give records
// with one empty field. Throws laminar::Error "<source>: line N: ..." for a quoted field
// that never ends (the rest of the file would be swallowed).
std::vector<CsvRecord> readCsvRecords(std::string_view content, char delimiter, const std::string& source);

}  // namespace laminar
