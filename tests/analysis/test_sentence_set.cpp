// Sentence-set loading: every format, every loader diagnostic with its line, corrupt files.
#include <gtest/gtest.h>

#include "analysis/sentence_set.h"
#include "test_support.h"
#include "util/error.h"

using namespace laminar;
using laminar::test::TempDir;

namespace {

SentenceSet parse(const std::string& name, const std::string& content) { return parseSentenceSet(content, name); }

std::string errorOf(const std::string& name, const std::string& content) {
  try {
    parse(name, content);
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

bool hasDiagnostic(const SentenceSet& s, int line, const std::string& part) {
  for (auto& d : s.diagnostics)
    if (d.line == line && d.message.find(part) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST(SentenceSetTxt, TargetLineTextsAndLineNumbers) {
  auto s = parse("a.txt", "# target: her\nI saw her.\n\nWe met her friend.\r\n   \nLast one with her");
  EXPECT_EQ(s.target, "her");
  ASSERT_EQ(s.texts.size(), 3u);
  EXPECT_EQ(s.texts[0].text, "I saw her.");
  EXPECT_EQ(s.texts[0].line, 2);
  EXPECT_EQ(s.texts[1].text, "We met her friend.");  // CR of CRLF removed
  EXPECT_EQ(s.texts[1].line, 4);
  EXPECT_EQ(s.texts[2].line, 6);
  // Empty lines are ignored and counted, naming their lines.
  ASSERT_EQ(s.diagnostics.size(), 1u);
  EXPECT_EQ(s.diagnostics[0].severity, Diagnostic::Severity::Info);
  EXPECT_NE(s.diagnostics[0].message.find("2 empty texts ignored (lines 3 and 5)"), std::string::npos)
      << s.diagnostics[0].message;
}

TEST(SentenceSetTxt, TargetLineVariantsAndAbsence) {
  EXPECT_EQ(parse("a.txt", "#TARGET:coffee\nx coffee").target, "coffee");
  EXPECT_EQ(parse("a.txt", "  #  target :  the word  \nx").target, "the word");
  auto s = parse("a.txt", "no target line\nsecond");
  EXPECT_EQ(s.target, "");
  EXPECT_EQ(s.texts.size(), 2u);
  // A "# target:" line after the first is text like any other.
  EXPECT_EQ(parse("a.txt", "one\n# target: her").texts.size(), 2u);
  auto empty = parse("a.txt", "# target:\ntext");
  EXPECT_TRUE(hasDiagnostic(empty, 1, "names no word"));
}

TEST(SentenceSetTxt, ByteOrderMarkIsIgnored) {
  auto s = parse("a.txt", "\xEF\xBB\xBF# target: her\nI saw her.");
  EXPECT_EQ(s.target, "her");
  ASSERT_EQ(s.texts.size(), 1u);
}

TEST(SentenceSetTxt, NothingUsableIsAnErrorNamingTheFile) {
  EXPECT_NE(errorOf("e.txt", "").find("e.txt: the file is empty"), std::string::npos);
  EXPECT_NE(errorOf("e.txt", "# target: her\n\n  \n").find("e.txt: no texts"), std::string::npos);
}

TEST(SentenceSetUtf8, InvalidBytesNameFileLineAndByte) {
  std::string msg = errorOf("bad.txt", "# target: her\nfine line\nbroken \xC3\x28 here\n");
  EXPECT_NE(msg.find("bad.txt: line 3: byte 8 of the line (0xC3) is not valid UTF-8"), std::string::npos) << msg;
  // Overlong encodings, surrogates and truncated sequences are refused too.
  EXPECT_NE(errorOf("b.txt", "x \xC0\xAF").find("line 1"), std::string::npos);
  EXPECT_NE(errorOf("b.txt", "a\nb\xED\xA0\x80").find("line 2"), std::string::npos);
  EXPECT_NE(errorOf("b.txt", "a\n\nccc\xE2\x82").find("line 3"), std::string::npos);
  EXPECT_NE(errorOf("b.csv", "text\n\"caf\xE9\"\n").find("b.csv: line 2"), std::string::npos);
  // Valid multi-byte text is kept byte for byte.
  auto s = parse("v.txt", "# target: cà phê\nTôi thích cà phê sữa đá ☕ 😀");
  EXPECT_EQ(s.target, "cà phê");
  EXPECT_EQ(s.texts[0].text, "Tôi thích cà phê sữa đá ☕ 😀");
}

TEST(SentenceSetCsv, QuotedFieldsTargetsAndLines) {
  auto s = parse("s.csv",
                 "id,text,target\n"
                 "1,\"She said, \"\"give it to her\"\"\",her\n"
                 "2,\"A text\nover two lines with her\",her\n"
                 "3,plain her text,her\n");
  EXPECT_EQ(s.target, "her");  // one shared target becomes the set's
  ASSERT_EQ(s.texts.size(), 3u);
  EXPECT_EQ(s.texts[0].text, "She said, \"give it to her\"");
  EXPECT_EQ(s.texts[0].line, 2);
  EXPECT_EQ(s.texts[1].text, "A text\nover two lines with her");
  EXPECT_EQ(s.texts[1].line, 3);
  EXPECT_EQ(s.texts[2].line, 5);  // the quoted line break moved it down
  EXPECT_TRUE(s.diagnostics.empty());
}

// RFC 4180 ends every record with CRLF (Excel on Windows saves so): the CR is the line end,
// not part of the last field, whatever column the text is in.
TEST(SentenceSetCsv, CrlfLineEndsStayOutOfTheLastField) {
  auto s = parse("s.csv",
                 "id,target,text\r\n"
                 "1,her,I saw her\r\n"
                 "2,her,\"She said, \"\"give it to her\"\"\"\r\n"
                 "3,her,last line with her");
  ASSERT_EQ(s.texts.size(), 3u);
  EXPECT_EQ(s.texts[0].text, "I saw her");
  EXPECT_EQ(s.texts[0].line, 2);
  EXPECT_EQ(s.texts[1].text, "She said, \"give it to her\"");
  EXPECT_EQ(s.texts[2].text, "last line with her");
  EXPECT_EQ(s.texts[2].line, 4);
  EXPECT_EQ(s.target, "her");
  EXPECT_TRUE(s.diagnostics.empty());
  auto t = parse("s.tsv", "target\ttext\r\nher\tI gave her a pen\r\n");
  ASSERT_EQ(t.texts.size(), 1u);
  EXPECT_EQ(t.texts[0].text, "I gave her a pen");
}

// Blank lines above the header (LF or CRLF) are skipped: the first non-blank row names the
// columns, and lines keep counting from the top of the file.
TEST(SentenceSetCsv, BlankLinesBeforeTheHeaderAreSkipped) {
  auto s = parse("s.csv", "\n\r\n  \ntext,target\nI saw her,her\n");
  ASSERT_EQ(s.texts.size(), 1u);
  EXPECT_EQ(s.texts[0].text, "I saw her");
  EXPECT_EQ(s.texts[0].line, 5);
  EXPECT_EQ(s.target, "her");
  auto t = parse("s.tsv", "\r\ntext\nI saw her\n");
  ASSERT_EQ(t.texts.size(), 1u);
  EXPECT_EQ(t.texts[0].line, 3);
}

TEST(SentenceSetCsv, PerRowTargetsAndMissingTargetColumn) {
  auto s = parse("s.csv", "text,target\nI like coffee,coffee\nI saw her,her\nno target here,\n");
  EXPECT_EQ(s.target, "");  // they differ: each text keeps its own
  ASSERT_EQ(s.texts.size(), 3u);
  EXPECT_EQ(s.texts[0].target, "coffee");
  EXPECT_EQ(s.texts[1].target, "her");
  EXPECT_EQ(s.texts[2].target, "");
  auto t = parse("s.csv", "TEXT\nonly text\n");
  EXPECT_EQ(t.texts.size(), 1u);
}

TEST(SentenceSetCsv, BadRowsAreReportedWithTheirLines) {
  auto s = parse("s.csv",
                 "text,target\n"
                 "good her,her\n"
                 "too,many,fields\n"
                 "\n"
                 "\"quoted\"junk,her\n"
                 ",her\n"
                 "also good her,her\n");
  ASSERT_EQ(s.texts.size(), 2u);
  EXPECT_EQ(s.texts[1].line, 7);
  EXPECT_TRUE(hasDiagnostic(s, 3, "3 fields where the header has 2"));
  EXPECT_TRUE(hasDiagnostic(s, 5, "after a closing quote"));
  EXPECT_TRUE(hasDiagnostic(s, 0, "2 empty texts ignored (lines 4 and 6)"));
}

TEST(SentenceSetCsv, CorruptFilesAreErrors) {
  EXPECT_NE(errorOf("s.csv", "sentence,word\na,b\n").find("s.csv: line 1: the header has no \"text\" column"),
            std::string::npos);
  EXPECT_NE(errorOf("s.csv", "text\n\"never closed\nmore\n").find("s.csv: line 2: a quoted field is never closed"),
            std::string::npos);
  EXPECT_NE(errorOf("s.csv", "text\n").find("s.csv: no texts"), std::string::npos);
  EXPECT_NE(errorOf("s.csv", "text,x\na,b,c\n").find("malformed"), std::string::npos);
  EXPECT_NE(errorOf("s.csv", "").find("empty"), std::string::npos);
}

TEST(SentenceSetTsv, TabsSeparateCommasDoNot) {
  auto s = parse("s.tsv", "target\ttext\nher\tI gave her a pen, then left\n");
  ASSERT_EQ(s.texts.size(), 1u);
  EXPECT_EQ(s.texts[0].text, "I gave her a pen, then left");
  EXPECT_EQ(s.target, "her");
}

TEST(SentenceSetJson, TargetTextsAndIndices) {
  auto s = parse("s.json", R"({"target": "coffee", "texts": ["I like coffee.", "", 42, "More coffee"], "note": 1})");
  EXPECT_EQ(s.target, "coffee");
  ASSERT_EQ(s.texts.size(), 2u);
  EXPECT_EQ(s.texts[1].line, 4);  // JSON array index + 1
  EXPECT_EQ(describeLocation(s, 4), "texts[3]");
  EXPECT_TRUE(hasDiagnostic(s, 3, "is a JSON number, not a string"));
  EXPECT_TRUE(hasDiagnostic(s, 0, "key \"note\" ignored"));
  EXPECT_TRUE(hasDiagnostic(s, 0, "1 empty text ignored (texts index 1)"));
  EXPECT_EQ(formatDiagnostic(s, s.diagnostics[1]).substr(0, 24), "s.json: texts[2]: error:");
}

TEST(SentenceSetJson, CorruptFilesAreErrors) {
  EXPECT_NE(errorOf("s.json", "{\"target\": \"x\",\n \"texts\": [\"a\",]\n}").find("s.json: line 2: not valid JSON"),
            std::string::npos);
  EXPECT_NE(errorOf("s.json", "[\"a\"]").find("expected a JSON object"), std::string::npos);
  EXPECT_NE(errorOf("s.json", "{\"target\": \"x\"}").find("no \"texts\" array"), std::string::npos);
  EXPECT_NE(errorOf("s.json", "{\"target\": 3, \"texts\": [\"a\"]}").find("\"target\" must be a string"),
            std::string::npos);
  EXPECT_NE(errorOf("s.json", "{\"texts\": []}").find("\"texts\" is empty"), std::string::npos);
}

// nlohmann counts the failing character in its byte count: an error AT a line break (a raw
// line break inside a string, a literal cut short by one) is on the line that break ends.
TEST(SentenceSetJson, AnErrorAtALineBreakIsOnTheLineItEnds) {
  std::string msg = errorOf("s.json", "{\"target\": \"her\", \"texts\": [\"I saw\nher\"]}");
  EXPECT_NE(msg.find("s.json: line 1: not valid JSON"), std::string::npos) << msg;
  msg = errorOf("s.json", "{\"target\": \"her\",\n \"texts\": [tru\n]}");
  EXPECT_NE(msg.find("s.json: line 2: not valid JSON"), std::string::npos) << msg;
}

// The message keeps nlohmann's reason, not only its "last read" tail: what is wrong is the
// part a user can act on.
TEST(SentenceSetJson, AnErrorSaysWhatIsWrong) {
  std::string msg = errorOf("s.json", "{\"target\": \"her\", \"texts\": [\"I saw\nher\"]}");
  EXPECT_NE(msg.find("control character U+000A (LF) must be escaped"), std::string::npos) << msg;
  msg = errorOf("s.json", "{\"target\": \"x\",\n \"texts\": [\"a\",]\n}");
  EXPECT_NE(msg.find("s.json: line 2: not valid JSON: syntax error while parsing value - unexpected ']'"), std::string::npos)
      << msg;
  EXPECT_EQ(msg.find("parse error at line"), std::string::npos) << msg;  // one line number, ours
}

TEST(SentenceSetFiles, ExtensionAndFileErrors) {
  EXPECT_NE(errorOf("s.docx", "x").find("s.docx: unsupported sentence file type \".docx\""), std::string::npos);
  TempDir dir;
  try {
    loadSentenceSet(dir.path() / "missing.txt");
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("missing.txt"), std::string::npos);
  }
  EXPECT_THROW(loadSentenceSet(dir.path()), Error);
  auto p = dir.write("ok.txt", "# target: her\nI saw her there.\n");
  auto s = loadSentenceSet(p);
  EXPECT_EQ(s.source, p);
  // sha256 of the file bytes, as `sha256sum` prints it.
  EXPECT_EQ(s.sha256.size(), 64u);
  EXPECT_EQ(parseSentenceSet("abc", "x.txt").sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

// metadata.sentences.sha256 identifies the file the user has: for one saved with a UTF-8
// byte-order mark (Notepad does) it is still what `sha256sum` prints for the file, BOM included.
TEST(SentenceSetFiles, Sha256OfAFileWithAByteOrderMarkIsSha256sumOfItsBytes) {
  TempDir dir;
  auto p = dir.write("bom.txt", "\xEF\xBB\xBF# target: her\nI saw her.\n");
  auto s = loadSentenceSet(p);
  EXPECT_EQ(s.target, "her");  // the mark itself is not read as text
  // `printf '\xEF\xBB\xBF# target: her\nI saw her.\n' | sha256sum`
  EXPECT_EQ(s.sha256, "ce3eae0b815aea1e0670bcc6056886dda879d084fdc3f9ff110e6ef5a3531912");
  // The same text without the mark is another file with another hash:
  // `printf '# target: her\nI saw her.\n' | sha256sum`
  EXPECT_EQ(parse("plain.txt", "# target: her\nI saw her.\n").sha256,
            "e956e7a98127288d80cd9d569429f21071808dfe1b25eef9d9cf7d295c78107b");
  // `printf '\xEF\xBB\xBFtext,target\r\nI saw her,her\r\n' | sha256sum`
  EXPECT_EQ(parse("bom.csv", "\xEF\xBB\xBFtext,target\r\nI saw her,her\r\n").sha256,
            "7e1e7035200838072a43c8b04ebab3d4677b7357169ae48964227a9feb77374e");
}

TEST(SentenceSetExamples, ShippedSetsLoadCleanly) {
  auto her = loadSentenceSet(laminar::test::sourceDir() / "resources/examples/her.txt");
  EXPECT_EQ(her.target, "her");
  EXPECT_EQ(her.texts.size(), 54u);
  EXPECT_TRUE(her.diagnostics.empty());
  auto coffee = loadSentenceSet(laminar::test::sourceDir() / "resources/examples/coffee.txt");
  EXPECT_EQ(coffee.target, "coffee");
  EXPECT_EQ(coffee.texts.size(), 1u);
}
