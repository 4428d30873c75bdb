#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>

#include <catch2/catch.hpp>

#include "cty/number.h"

using cty::Number;

namespace {

std::string Canonical(std::string_view text) {
  auto n = Number::Parse(text);
  return n ? n->ToString() : "<invalid>";
}

}  // namespace

TEST_CASE("Parse keeps a canonical decimal text", "[number]") {
  CHECK(Canonical("42") == "42");
  CHECK(Canonical("1.50") == "1.5");
  CHECK(Canonical("-0") == "0");
  CHECK(Canonical("-0.000") == "0");
  CHECK(Canonical("0001") == "1");
  CHECK(Canonical(".5") == "0.5");
  CHECK(Canonical("5.") == "5");
  CHECK(Canonical("+7") == "7");
  CHECK(Canonical("1e3") == "1000");
  CHECK(Canonical("1E-3") == "0.001");
  CHECK(Canonical("-12.5e+1") == "-125");
  CHECK(Canonical("123456789012345678901234567890") == "123456789012345678901234567890");
  CHECK(Canonical("0e99999999999999999999") == "0");
}

TEST_CASE("Parse switches to scientific text beyond 32 padding zeros", "[number]") {
  CHECK(Canonical("1e32") == "1" + std::string(32, '0'));
  CHECK(Canonical("1e33") == "1e33");
  CHECK(Canonical("1e400") == "1e400");
  CHECK(Canonical("-1.5e-400") == "-1.5e-400");
  CHECK(Canonical("0.000000000000000000000000000000001") == "0." + std::string(32, '0') + "1");
  CHECK(Canonical("0.0000000000000000000000000000000001") == "1e-34");
  // The scientific form parses back to itself.
  CHECK(Canonical(Canonical("1.25e-400")) == "1.25e-400");
}

TEST_CASE("Parse accepts Go's infinities and rejects everything else", "[number]") {
  CHECK(Canonical("Inf") == "+Inf");
  CHECK(Canonical("+inf") == "+Inf");
  CHECK(Canonical("-Inf") == "-Inf");
  CHECK(Number::Parse("Inf")->IsInfinity());
  for (const char* bad : {"", ".", "+", "-", "e5", "1e", "1e+", "0x10", " 1", "1 ", "1_000", "NaN", "nan",
                          "INF", "Infinity", "1.2.3", "--1", "1e1.5", "abc"}) {
    INFO(bad);
    CHECK_FALSE(Number::Parse(bad).has_value());
  }
}

TEST_CASE("Parse refuses exponents beyond the limit", "[number]") {
  CHECK(Number::Parse("1e10000").has_value());
  CHECK(Number::Parse("1e-10000").has_value());
  CHECK_FALSE(Number::Parse("1e10001").has_value());
  CHECK_FALSE(Number::Parse("1e-10001").has_value());
  CHECK_FALSE(Number::Parse("1e99999999999999999999999").has_value());
  CHECK(Number::Parse("0.01e10001").has_value());  // 1e9999
}

TEST_CASE("integer conversions are exact and range-checked", "[number]") {
  CHECK(Number::Parse("9223372036854775807")->ToInt64() == INT64_MAX);
  CHECK_FALSE(Number::Parse("9223372036854775808")->ToInt64().has_value());
  CHECK(Number::Parse("-9223372036854775808")->ToInt64() == INT64_MIN);
  CHECK_FALSE(Number::Parse("-9223372036854775809")->ToInt64().has_value());
  CHECK_FALSE(Number::Parse("1.5")->ToInt64().has_value());
  CHECK(Number::Parse("1e3")->ToInt64() == 1000);
  CHECK(Number::Parse("18446744073709551615")->ToUint64() == UINT64_MAX);
  CHECK_FALSE(Number::Parse("18446744073709551616")->ToUint64().has_value());
  CHECK_FALSE(Number::Parse("-1")->ToUint64().has_value());
  CHECK_FALSE(Number::Parse("Inf")->ToInt64().has_value());
  CHECK(Number().ToInt64() == 0);
  CHECK(Number::FromInt(INT64_MIN).ToString() == "-9223372036854775808");
  CHECK(Number::FromUint(UINT64_MAX).ToString() == "18446744073709551615");
  CHECK(Number::FromInt(-5).ToInt64() == -5);
  CHECK(Number::Parse("2.000")->IsInteger());
  CHECK_FALSE(Number::Parse("2.001")->IsInteger());
}

TEST_CASE("FromDouble keeps the exact binary value", "[number]") {
  CHECK(Number::FromDouble(0.1).ToString() == "0.1000000000000000055511151231257827021181583404541015625");
  CHECK(Number::FromDouble(1.5).ToString() == "1.5");
  CHECK(Number::FromDouble(-0.0).ToString() == "0");
  CHECK(Number::FromDouble(3.0) == Number::FromInt(3));
  CHECK(Number::FromDouble(1e20).ToString() == "100000000000000000000");
  CHECK(Number::FromDouble(std::numeric_limits<double>::infinity()).ToString() == "+Inf");
  CHECK(Number::FromDouble(-std::numeric_limits<double>::infinity()).ToString() == "-Inf");
  CHECK(Number::FromDouble(std::nan("")) == Number());
  Number tiny = Number::FromDouble(5e-324);
  CHECK(tiny.ToString().starts_with("4.940656458412465441765687928682213723650598026143247644255856825"));
  CHECK(tiny.ToString().ends_with("5625e-324"));
  CHECK(tiny.ToDouble() == 5e-324);
  CHECK(tiny.IsExactDouble());
}

TEST_CASE("IsExactDouble follows big.Float Float64 exactness", "[number]") {
  CHECK(Number::Parse("0.5")->IsExactDouble());
  CHECK(Number::Parse("0.25")->IsExactDouble());
  CHECK(Number::Parse("-2.5")->IsExactDouble());
  CHECK_FALSE(Number::Parse("0.1")->IsExactDouble());
  CHECK_FALSE(Number::Parse("0.3")->IsExactDouble());
  CHECK(Number::Parse("18446744073709551616")->IsExactDouble());       // 2^64
  CHECK_FALSE(Number::Parse("18446744073709551617")->IsExactDouble());  // 2^64 + 1
  CHECK_FALSE(Number::Parse("18446744073709551615")->IsExactDouble());  // 2^64 - 1
  CHECK(Number::Parse("1e22")->IsExactDouble());
  CHECK_FALSE(Number::Parse("1e23")->IsExactDouble());
  CHECK_FALSE(Number::Parse("1e400")->IsExactDouble());
  CHECK_FALSE(Number::Parse("1e-400")->IsExactDouble());
  CHECK(Number::Parse("Inf")->IsExactDouble());
  CHECK(Number().IsExactDouble());
}

TEST_CASE("ToDouble rounds correctly and saturates", "[number]") {
  CHECK(Number::Parse("0.1")->ToDouble() == 0.1);
  CHECK(Number::Parse("1e400")->ToDouble() == std::numeric_limits<double>::infinity());
  CHECK(Number::Parse("-1e400")->ToDouble() == -std::numeric_limits<double>::infinity());
  CHECK(Number::Parse("1e-400")->ToDouble() == 0.0);
  CHECK(Number::Parse("123456789012345678901234567890")->ToDouble() == 123456789012345678901234567890.0);
  CHECK(Number::Parse("-Inf")->ToDouble() == -std::numeric_limits<double>::infinity());
}

TEST_CASE("every double survives FromDouble -> text -> Parse -> ToDouble", "[number]") {
  std::mt19937_64 rng(20240521);
  int checked = 0;
  for (int i = 0; i < 20000; ++i) {
    double d = std::bit_cast<double>(rng());
    if (!std::isfinite(d)) continue;
    Number n = Number::FromDouble(d);
    INFO(n.ToString());
    REQUIRE(n.IsExactDouble());
    REQUIRE(n.ToDouble() == d);
    auto reparsed = Number::Parse(n.ToString());
    REQUIRE(reparsed.has_value());
    REQUIRE(*reparsed == n);
    ++checked;
  }
  for (double d : {std::numeric_limits<double>::max(), std::numeric_limits<double>::min(),
                   std::numeric_limits<double>::denorm_min(), -std::numeric_limits<double>::max(), 9007199254740993.0,
                   0.30000000000000004}) {
    Number n = Number::FromDouble(d);
    CHECK(n.IsExactDouble());
    CHECK(n.ToDouble() == d);
  }
  CHECK(checked > 19000);
}

TEST_CASE("ToPlainString writes positional digits like Text('f', -1)", "[number]") {
  CHECK(Number::Parse("1e40")->ToPlainString() == "1" + std::string(40, '0'));
  CHECK(Number::Parse("-1.5e-35")->ToPlainString() == "-0." + std::string(34, '0') + "15");
  CHECK(Number::Parse("0.1")->ToPlainString() == "0.1");
  CHECK(Number::Parse("12.5")->ToPlainString() == "12.5");
  CHECK(Number().ToPlainString() == "0");
}
