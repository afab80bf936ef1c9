#pragma once
// Sentence sets: .txt (one text per line, optional "# target: WORD"), .tsv/.csv ("text"
// column, optional "target"), .json ({"target": ..., "texts": [...]}). UTF-8 only; square
// brackets mark an intended occurrence. See ../shared/analysis-spec.md.
#include <filesystem>
#include <string>
#include <vector>

#include "util/message.h"

namespace laminar {

struct SentenceText {
  std::string text;  // as in the file, brackets included
  int line = 0;      // 1-based line (or JSON array index + 1) in the source file
  std::string target;  // this text's own target (a .csv/.tsv "target" column); empty = the set's
};

struct Diagnostic {
  enum class Severity { Info, Warning, Error } severity = Severity::Warning;
  int line = 0;  // 0 = whole file
  std::string message;  // complete, user-facing, English
  std::string code;     // util/message_codes.h: the GUI translates by code and params
  MessageParams params;

  static Diagnostic coded(Severity severity, int line, const Message& m) { return {severity, line, m.english, m.code, m.params}; }
  Message asMessage() const {
    Message m(message);
    m.code = code;
    m.params = params;
    return m;
  }
};

struct SentenceSet {
  std::filesystem::path source;  // empty for sets built in memory
  std::string target;            // from the file; may be overridden by the user
  std::vector<SentenceText> texts;
  std::vector<Diagnostic> diagnostics;  // loader problems (empty lines counted, bad rows ...)
  std::string sha256;                   // of the file bytes
};

// Throws laminar::Error naming the file (and line) when nothing usable can be read.
SentenceSet loadSentenceSet(const std::filesystem::path& path);

// The same from bytes already in memory; `path` names the source (its extension picks the format).
SentenceSet parseSentenceSet(const std::string& bytes, const std::filesystem::path& path);

// "line 12" (or "texts[11]" for .json sets), as messages name a text's place in its file.
std::string describeLocation(const SentenceSet& set, int line);
// "her.txt: line 12: warning: ..." — one line for stderr or a log.
std::string formatDiagnostic(const SentenceSet& set, const Diagnostic& d);
const char* severityName(Diagnostic::Severity s);
// How messages name the set: its file, or "sentences" for a set built in memory.
std::string sentenceSourceName(const SentenceSet& set);  // "info", "warning", "error"

}  // namespace laminar
