// The integer readers every results and settings loader uses. nlohmann's get<int>() casts a
// JSON float such as 1e99 to int, which is undefined behaviour (the results fuzzer found it in
// CI); these readers refuse it, and every other value that is not an integer in range.
// Also how numbers and CSV fields are written (result_values.h) and read back.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/csv_reader.h"
#include "analysis/result_values.h"
#include "util/error.h"

using laminar::csvField;
using laminar::csvNumber;
using laminar::Error;
using laminar::jsonNumber;
using laminar::jsonNumbers;
using laminar::readCsvRecords;
using laminar::readJsonInteger;
using laminar::readJsonIntegers;
using laminar::readJsonNumber;
using laminar::readJsonNumbers;
using nlohmann::json;

TEST(ResultValues, IntegersInRangeReadBack) {
  EXPECT_EQ(readJsonInteger<int>(json(-7)), -7);
  EXPECT_EQ(readJsonInteger<int>(json(std::numeric_limits<int>::max())), std::numeric_limits<int>::max());
  EXPECT_EQ(readJsonInteger<int64_t>(json(std::numeric_limits<int64_t>::min())), std::numeric_limits<int64_t>::min());
  EXPECT_EQ(readJsonInteger<uint64_t>(json(std::numeric_limits<uint64_t>::max())),
            std::numeric_limits<uint64_t>::max());
  EXPECT_EQ(readJsonIntegers<int64_t>(json::parse("[0, 5, -3]")), (std::vector<int64_t>{0, 5, -3}));
}

TEST(ResultValues, FloatsBooleansAndStringsAreNotIntegers) {
  EXPECT_THROW(readJsonInteger<int>(json::parse("1e99")), Error);
  EXPECT_THROW(readJsonInteger<int>(json::parse("3.0")), Error);
  EXPECT_THROW(readJsonInteger<uint64_t>(json::parse("6.2e21")), Error);
  EXPECT_THROW(readJsonInteger<int>(json(true)), Error);
  EXPECT_THROW(readJsonInteger<int>(json("3")), Error);
  EXPECT_THROW(readJsonInteger<int>(json(nullptr)), Error);
  EXPECT_THROW(readJsonIntegers<int>(json::parse("[1, 2.5]")), Error);
  EXPECT_THROW(readJsonIntegers<int>(json::parse("{\"a\": 1}")), Error);
}

TEST(ResultValues, IntegersOutsideTheTypeAreRefused) {
  EXPECT_THROW(readJsonInteger<int>(json(int64_t{1} << 40)), Error);
  EXPECT_THROW(readJsonInteger<int>(json(-(int64_t{1} << 40))), Error);
  EXPECT_THROW(readJsonInteger<int64_t>(json(std::numeric_limits<uint64_t>::max())), Error);
  EXPECT_THROW(readJsonInteger<uint64_t>(json(-1)), Error);
  try {
    readJsonInteger<int>(json::parse("1e99"));
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("expected an integer"), std::string::npos) << e.what();
  }
}

TEST(ResultValues, AnAbsentKeyTakesTheFallbackAndAPresentOneIsChecked) {
  const json o = json::parse(R"({"permutations": 1000, "seed": 1e30})");
  EXPECT_EQ(readJsonInteger<int>(o, "permutations", 0), 1000);
  EXPECT_EQ(readJsonInteger<int>(o, "missing", 17), 17);
  EXPECT_THROW(readJsonInteger<uint64_t>(o, "seed", uint64_t{0}), Error);
  EXPECT_THROW(readJsonInteger<int>(json::array(), "permutations", 0), Error);
}

// docs/results-format.md, "Numbers": JSON has no NaN or infinity, so null is NaN and the
// strings "Infinity" / "-Infinity" are the infinities. A statistic saved as +-inf must reopen
// as +-inf, not as a NaN (which the views show as undefined).
TEST(ResultValues, InfinitiesAreSavedAsStringsAndReadBack) {
  const double inf = std::numeric_limits<double>::infinity();
  const double undefined = std::numeric_limits<double>::quiet_NaN();
  const json saved = jsonNumbers({1.5, undefined, inf, -inf});
  EXPECT_EQ(saved.dump(), R"([1.5,null,"Infinity","-Infinity"])");
  // Through the text of a results.json, as a reopened run reads it.
  const std::vector<double> back = readJsonNumbers(json::parse(saved.dump()));
  ASSERT_EQ(back.size(), 4u);
  EXPECT_EQ(back[0], 1.5);
  EXPECT_TRUE(std::isnan(back[1]));
  EXPECT_EQ(back[2], inf);
  EXPECT_EQ(back[3], -inf);
  EXPECT_EQ(readJsonNumber(json::parse(jsonNumber(inf).dump())), inf);
  EXPECT_EQ(readJsonNumber(json::parse(jsonNumber(-inf).dump())), -inf);
  EXPECT_TRUE(std::isnan(readJsonNumber(json::parse(jsonNumber(undefined).dump()))));
}

// RFC 4180: a field holding a comma, a double quote or a line break is enclosed in double
// quotes, and a double quote inside it is escaped by another double quote. GPT-2 tokens such
// as '"' and ' "Hello' land in top_tokens.csv, rows.csv and target_mass.csv.
TEST(ResultValues, CsvFieldsAreQuotedAndTheirQuotesDoubledAsRfc4180) {
  EXPECT_EQ(csvField(" Hello"), " Hello");
  EXPECT_EQ(csvField("a,b"), "\"a,b\"");
  EXPECT_EQ(csvField("\""), "\"\"\"\"");
  EXPECT_EQ(csvField(" \"Hello"), "\" \"\"Hello\"");
  EXPECT_EQ(csvField("say \"hi\", then\r\nleave"), "\"say \"\"hi\"\", then\r\nleave\"");
  // A table written with them reads back field for field (the sentence-file reader is RFC 4180).
  const std::vector<std::string> tokens = {"\"", " \"Hello", "\",\"", "\n", "\"\"", "plain"};
  std::string table = "token,score\r\n";
  for (size_t k = 0; k < tokens.size(); ++k) table += csvField(tokens[k]) + "," + csvNumber(0.5 * k) + "\r\n";
  const auto records = readCsvRecords(table, ',', "top_tokens.csv");
  ASSERT_EQ(records.size(), tokens.size() + 1);
  for (size_t k = 0; k < tokens.size(); ++k) {
    const auto& rec = records[k + 1];
    EXPECT_TRUE(rec.problem == nullptr) << "row " << k + 1;
    ASSERT_EQ(rec.fields.size(), 2u) << "row " << k + 1;
    EXPECT_EQ(rec.fields[0], tokens[k]);
    EXPECT_EQ(rec.fields[1], csvNumber(0.5 * k));
  }
}

// An error quoting a value that nests anything, in any entry, names its kind instead of
// dumping it (util/json_excerpt.h): a hostile results.json may nest 100,000 levels there.
TEST(ResultValues, ANonNumberIsQuotedOnlyWhenFlat) {
  auto errorOf = [](const json& j) -> std::string {
    try {
      readJsonNumber(j);
    } catch (const Error& e) {
      return e.what();
    }
    return "(read)";
  };
  EXPECT_EQ(errorOf(json::parse(R"([1, 2])")), "expected a number, found [1,2]");
  EXPECT_EQ(errorOf(json::parse(R"([1, {"a": 2}])")), "expected a number, found an array of 2 entries (nested)");
  EXPECT_EQ(errorOf(json::parse(R"({"a": 1, "b": [2]})")), "expected a number, found an object of 2 members (nested)");
}
