// JSON DynamicValue decoding with go-cty's cty/json rules.
#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "cty/codec.h"

using cty::DecodeJson;
using cty::Number;
using cty::Type;
using cty::Value;

namespace {

Value Decoded(std::string_view json, const Type& type) {
  auto v = DecodeJson(json, type);
  INFO(json);
  if (!v) FAIL("decode failed: " << v.error().message);
  return *v;
}

std::string ErrorOf(std::string_view json, const Type& type) {
  auto v = DecodeJson(json, type);
  INFO(json);
  REQUIRE_FALSE(v.has_value());
  return v.error().message;
}

Type DataSourceSchema() {
  return Type::Object({{"id", Type::String()},
                       {"input", Type::String()},
                       {"output", Type::String()},
                       {"tags", Type::Map(Type::String())}});
}

}  // namespace

TEST_CASE("missing object attributes become null", "[json]") {
  Value v = Decoded(R"({"input":"hello","tags":{"k":"v"}})", DataSourceSchema());
  CHECK(v.type() == DataSourceSchema());
  CHECK(v.GetAttr("id") == Value::Null(Type::String()));
  CHECK(v.GetAttr("input") == Value::String("hello"));
  CHECK(v.GetAttr("tags") == Value::Map(Type::String(), {{"k", Value::String("v")}}));
  CHECK(Decoded("{}", DataSourceSchema()).GetAttr("tags") == Value::Null(Type::Map(Type::String())));
  CHECK(Decoded("null", DataSourceSchema()) == Value::Null(DataSourceSchema()));
  CHECK(Decoded(" \n\t{ \"input\" : null } ", DataSourceSchema()).GetAttr("input").is_null());
}

TEST_CASE("unknown attribute names are errors", "[json][errors]") {
  CHECK(ErrorOf(R"({"input":"x","zzz":1})", DataSourceSchema()) == "unsupported attribute \"zzz\"");
  CHECK(ErrorOf(R"({"tags":{"k":{"deep":1}}})", DataSourceSchema()) == ".tags[\"k\"]: string required, got object");
}

TEST_CASE("numbers keep their exact text, from JSON numbers or strings", "[json][number]") {
  auto number = [](std::string_view json) { return Decoded(json, Type::Number()).as_number().ToString(); };
  CHECK(number("42") == "42");
  CHECK(number("-0") == "0");
  CHECK(number("123456789012345678901234567890.5") == "123456789012345678901234567890.5");
  CHECK(number("0.1") == "0.1");
  CHECK(number("1e-400") == "1e-400");
  CHECK(number("\"1e400\"") == "1e400");
  // Beyond the double range too, though RapidJSON's own check refuses them.
  CHECK(number("1e400") == "1e400");
  CHECK(number("1.50E+2") == "150");
  CHECK(number("\"42\"") == "42");
  CHECK(number("\"-1.5e-3\"") == "-0.0015");
  CHECK(ErrorOf("\"abc\"", Type::Number()) == "a number is required");
  CHECK(ErrorOf("true", Type::Number()) == "number required, got bool");
  CHECK(ErrorOf("\"1e99999\"", Type::Number()) == "a number is required");
  CHECK(ErrorOf("1e-99999", Type::Number()) == "a number is required");
}

TEST_CASE("strings accept numbers (verbatim) and bools", "[json][string]") {
  CHECK(Decoded("\"h\\u00e9llo\\n\"", Type::String()) == Value::String("h\xc3\xa9llo\n"));
  CHECK(Decoded("1.50", Type::String()) == Value::String("1.50"));
  CHECK(Decoded("true", Type::String()) == Value::String("true"));
  CHECK(ErrorOf("[]", Type::String()) == "string required, got array");
}

TEST_CASE("invalid UTF-8 in JSON strings becomes U+FFFD per byte, as Go decodes", "[json][string]") {
  CHECK(Decoded("\"a\xff\xc3\"", Type::String()) == Value::String("a\xef\xbf\xbd\xef\xbf\xbd"));
  CHECK(Decoded("\"\xed\xa0\x80\"", Type::String()) == Value::String("\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"));
  CHECK(Decoded("{\"\xff\":\"v\"}", Type::Map(Type::String())) ==
        Value::Map(Type::String(), {{"\xef\xbf\xbd", Value::String("v")}}));
}

TEST_CASE("bools accept the four strings go-cty converts", "[json][bool]") {
  CHECK(Decoded("true", Type::Bool()) == Value::Bool(true));
  CHECK(Decoded("\"1\"", Type::Bool()) == Value::Bool(true));
  CHECK(Decoded("\"false\"", Type::Bool()) == Value::Bool(false));
  CHECK(Decoded("\"0\"", Type::Bool()) == Value::Bool(false));
  CHECK(ErrorOf("\"True\"", Type::Bool()) == "a bool is required");
  CHECK(ErrorOf("1", Type::Bool()) == "bool required, got number");
}

TEST_CASE("collections, tuples and sets", "[json]") {
  CHECK(Decoded("[1,2,3]", Type::List(Type::Number())) ==
        Value::List(Type::Number(), {Value::Int(1), Value::Int(2), Value::Int(3)}));
  CHECK(Decoded("[]", Type::List(Type::Number())) == Value::List(Type::Number(), {}));
  CHECK(Decoded("[\"b\",\"a\",\"b\"]", Type::Set(Type::String())) ==
        Value::Set(Type::String(), {Value::String("a"), Value::String("b")}));
  CHECK(Decoded(R"({"a":1,"a":2})", Type::Map(Type::Number())) == Value::Map(Type::Number(), {{"a", Value::Int(2)}}));
  Type tuple = Type::Tuple({Type::String(), Type::Bool()});
  CHECK(Decoded("[\"x\",false]", tuple) == Value::Tuple({Value::String("x"), Value::Bool(false)}));
  CHECK(ErrorOf("[\"x\"]", tuple) == "not enough tuple elements (need 2)");
  CHECK(ErrorOf("[\"x\",true,1]", tuple) == "too many tuple elements (need 2)");
  CHECK(ErrorOf("[1,{}]", Type::List(Type::Number())) == "[1]: number required, got object");
}

TEST_CASE("dynamic values are {\"value\":..., \"type\":...}", "[json][dynamic]") {
  CHECK(Decoded(R"({"value":[1,2],"type":["list","number"]})", Type::Dynamic()) ==
        Value::List(Type::Number(), {Value::Int(1), Value::Int(2)}));
  CHECK(Decoded(R"({"type":"string","value":"x"})", Type::Dynamic()) == Value::String("x"));
  CHECK(Decoded("null", Type::Dynamic()) == Value::Null(Type::Dynamic()));
  CHECK(Decoded(R"({"type":"dynamic","value":{"type":"bool","value":true}})", Type::Dynamic()) == Value::Bool(true));
  CHECK(ErrorOf(R"({"value":1})", Type::Dynamic()) == "missing type in dynamically-typed value");
  CHECK(ErrorOf(R"({"type":"number"})", Type::Dynamic()) == "missing value in dynamically-typed value");
  CHECK(ErrorOf(R"({"type":"number","value":1,"x":2})", Type::Dynamic()) ==
        "invalid key \"x\" in dynamically-typed value");
  CHECK(ErrorOf(R"({"type":"nope","value":1})", Type::Dynamic()) ==
        "failed to decode type for dynamic value: invalid primitive type name \"nope\"");
  CHECK(ErrorOf("[1]", Type::Dynamic()) == "dynamic value must be an object with \"type\" and \"value\", got array");
}

TEST_CASE("malformed JSON is an error, never a crash", "[json][errors]") {
  for (const char* bad : {"", "{", "[1,", "{\"a\":}", "nul", "01", "1.", "\"unterminated", "{} {}", "[1] x",
                          "{\"a\" 1}", "\"\\x\"", "NaN", "Infinity", "-", "\"\\ud800\""}) {
    INFO(bad);
    CHECK_FALSE(DecodeJson(bad, DataSourceSchema()).has_value());
    CHECK_FALSE(DecodeJson(bad, Type::Dynamic()).has_value());
  }
  CHECK(ErrorOf(std::string_view("\"a\"\0\"b\"", 7), Type::String()) == "invalid JSON: NUL byte");
  CHECK(ErrorOf("[1] x", Type::List(Type::Number())).starts_with("invalid JSON: "));
}

TEST_CASE("deep JSON nesting is limited while parsing", "[json][errors]") {
  std::string deep = std::string(100000, '[') + std::string(100000, ']');
  CHECK(ErrorOf(deep, Type::Dynamic()) == "JSON nesting deeper than 128 levels");
  CHECK(ErrorOf(deep, Type::String()) == "JSON nesting deeper than 128 levels");
  std::string objects;
  for (int i = 0; i < 10000; ++i) objects += "{\"a\":";
  objects += "1" + std::string(10000, '}');
  CHECK(ErrorOf(objects, Type::Dynamic()) == "JSON nesting deeper than 128 levels");
  // Within the limit, depth follows the type.
  Type t = Type::Number();
  std::string ok = "1";
  for (int i = 0; i < 100; ++i) {
    t = Type::List(t);
    ok = "[" + ok + "]";
  }
  CHECK(DecodeJson(ok, t).has_value());
}

TEST_CASE("a repeated object attribute or map key counts as its last occurrence, as in Go", "[json][duplicate]") {
  Value v = Decoded(R"({"input":"first","tags":{"k":"1","j":"x","k":"2"},"input":"last"})", DataSourceSchema());
  CHECK(v.GetAttr("input") == Value::String("last"));
  CHECK(v.GetAttr("tags") == Value::Map(Type::String(), {{"j", Value::String("x")}, {"k", Value::String("2")}}));
  Value nulled = Decoded(R"({"input":"first","input":null})", DataSourceSchema());
  CHECK(nulled.GetAttr("input") == Value::Null(Type::String()));
}

TEST_CASE("JSON numbers decode exactly in every spelling", "[json][number]") {
  for (const auto& [json, canonical] : std::vector<std::pair<std::string, std::string>>{
           {"40", "40"}, {"40.0", "40"}, {"4e1", "40"}, {"350.5", "350.5"}, {"-0", "0"},
           {"18446744073709551616", "18446744073709551616"},
           {"0.123456789012345678901234567891", "0.123456789012345678901234567891"}}) {
    INFO(json);
    CHECK(Decoded(json, Type::Number()).as_number() == *Number::Parse(canonical));
  }
}
