// The integer readers every results and settings loader uses. nlohmann's get<int>() casts a
// JSON float such as 1e99 to int, which is undefined behaviour (the results fuzzer found it in
// CI); these readers refuse it, and every other value that is not an integer in range.
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

#include <nlohmann/json.hpp>

#include "analysis/result_values.h"
#include "util/error.h"

using laminar::Error;
using laminar::readJsonInteger;
using laminar::readJsonIntegers;
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
