// cty type JSON, as go-cty's Type.MarshalJSON / UnmarshalJSON.
#include <catch2/catch.hpp>

#include "cty/codec.h"

using cty::Type;
using cty::TypeFromJson;
using cty::TypeToJson;

namespace {

Type Parsed(std::string_view json) {
  auto t = TypeFromJson(json);
  INFO(json);
  if (!t) FAIL("parse failed: " << t.error().message);
  return *t;
}

std::string ErrorOf(std::string_view json) {
  auto t = TypeFromJson(json);
  INFO(json);
  REQUIRE_FALSE(t.has_value());
  return t.error().message;
}

}  // namespace

TEST_CASE("types encode as compact JSON with sorted object keys", "[typejson]") {
  CHECK(TypeToJson(Type::String()) == "\"string\"");
  CHECK(TypeToJson(Type::Number()) == "\"number\"");
  CHECK(TypeToJson(Type::Bool()) == "\"bool\"");
  CHECK(TypeToJson(Type::Dynamic()) == "\"dynamic\"");
  CHECK(TypeToJson(Type::List(Type::String())) == R"(["list","string"])");
  CHECK(TypeToJson(Type::Set(Type::Number())) == R"(["set","number"])");
  CHECK(TypeToJson(Type::Map(Type::List(Type::Bool()))) == R"(["map",["list","bool"]])");
  CHECK(TypeToJson(Type::Object({{"b", Type::List(Type::Number())}, {"a", Type::String()}, {"B", Type::Bool()}})) ==
        R"(["object",{"B":"bool","a":"string","b":["list","number"]}])");
  CHECK(TypeToJson(Type::Object({})) == R"(["object",{}])");
  CHECK(TypeToJson(Type::Tuple({Type::String(), Type::Number()})) == R"(["tuple",["string","number"]])");
  CHECK(TypeToJson(Type::Tuple({})) == R"(["tuple",[]])");
}

TEST_CASE("attribute names are escaped as Go's encoding/json does", "[typejson]") {
  CHECK(TypeToJson(Type::Object({{"a<b>&\"\\", Type::String()}})) ==
        R"(["object",{"a\u003cb\u003e\u0026\"\\":"string"}])");
  CHECK(TypeToJson(Type::Object({{"\n\t\x01", Type::String()}})) == R"(["object",{"\n\t\u0001":"string"}])");
  CHECK(TypeToJson(Type::Object({{"\xe2\x80\xa8\xff" "\xc3\xa9", Type::String()}})) ==
        "[\"object\",{\"\\u2028\\ufffd\xc3\xa9\":\"string\"}]");
}

TEST_CASE("type JSON decodes, in any key order and with whitespace", "[typejson]") {
  CHECK(Parsed("\"string\"") == Type::String());
  CHECK(Parsed(" \"dynamic\" ") == Type::Dynamic());
  CHECK(Parsed(R"([ "list" , "number" ])") == Type::List(Type::Number()));
  CHECK(Parsed(R"(["object",{"b":"bool","a":["set","string"]}])") ==
        Type::Object({{"a", Type::Set(Type::String())}, {"b", Type::Bool()}}));
  CHECK(Parsed(R"(["tuple",[]])") == Type::Tuple({}));
  CHECK(Parsed(R"(["object",{"a":"string","a":"number"}])") == Type::Object({{"a", Type::Number()}}));
}

TEST_CASE("attribute names with invalid UTF-8 read as U+FFFD and print back stably", "[typejson]") {
  Type t = Parsed("[\"object\",{\"a\xff\":\"string\"}]");
  CHECK(t == Type::Object({{"a\xef\xbf\xbd", Type::String()}}));
  CHECK(Parsed(TypeToJson(t)) == t);
}

TEST_CASE("an object's optional-attribute list is accepted and ignored", "[typejson]") {
  CHECK(Parsed(R"(["object",{"a":"string","b":"number"},["b"]])") ==
        Type::Object({{"a", Type::String()}, {"b", Type::Number()}}));
  CHECK(ErrorOf(R"(["object",{"a":"string"},"b"])") == "optional attributes must be a JSON array");
  CHECK(ErrorOf(R"(["object",{"a":"string"},[1]])") == "optional attribute names must be strings");
  CHECK(ErrorOf(R"(["object",{"a":"string"},["a"],1])") == "unexpected extra data in type description");
}

TEST_CASE("every type round-trips through its JSON", "[typejson]") {
  std::vector<Type> types = {
      Type::String(), Type::Dynamic(), Type::List(Type::Dynamic()), Type::Set(Type::Object({})),
      Type::Map(Type::Tuple({Type::Bool(), Type::Map(Type::Number())})),
      Type::Object({{"id", Type::String()}, {"tags", Type::Map(Type::String())}, {"x", Type::Dynamic()}})};
  for (const Type& t : types) {
    INFO(TypeToJson(t));
    CHECK(Parsed(TypeToJson(t)) == t);
  }
}

TEST_CASE("bad type JSON is an error", "[typejson][errors]") {
  CHECK(ErrorOf("\"strin\"") == "invalid primitive type name \"strin\"");
  CHECK(ErrorOf("[]") == "invalid complex type kind name");
  CHECK(ErrorOf("[1,\"string\"]") == "invalid complex type kind name");
  CHECK(ErrorOf(R"(["array","string"])") == "invalid complex type kind name \"array\"");
  CHECK(ErrorOf(R"(["list"])") == "missing element type in list type description");
  CHECK(ErrorOf(R"(["list","string","x"])") == "unexpected extra data in type description");
  CHECK(ErrorOf(R"(["object",["a"]])") == "object type attributes must be a JSON object");
  CHECK(ErrorOf(R"(["tuple",{}])") == "tuple element types must be a JSON array");
  CHECK(ErrorOf("{\"a\":1}") == "invalid type description");
  CHECK(ErrorOf("1") == "invalid type description");
  CHECK(ErrorOf("null") == "invalid type description");
  CHECK(ErrorOf("").starts_with("invalid JSON"));
  CHECK(ErrorOf("\"string\" \"x\"").starts_with("invalid JSON"));
  CHECK(ErrorOf(R"(["list",["list",["list","nope"]]])") == "invalid primitive type name \"nope\"");
}

TEST_CASE("deeply nested type JSON is refused without recursion trouble", "[typejson][errors]") {
  std::string deep;
  for (int i = 0; i < 50000; ++i) deep += "[\"list\",";
  deep += "\"string\"" + std::string(50000, ']');
  CHECK(ErrorOf(deep) == "JSON nesting deeper than 128 levels");
  std::string ok;
  for (int i = 0; i < 100; ++i) ok += "[\"list\",";
  ok += "\"string\"" + std::string(100, ']');
  CHECK(TypeFromJson(ok).has_value());
}
