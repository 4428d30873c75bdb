// Malformed and wrong-typed msgpack: every case is an error value, never a
// crash, an exception or a huge allocation.
#include <catch2/catch.hpp>

#include "cty/codec.h"
#include "hex.h"

using cty::DecodeMsgpack;
using cty::Type;
using cty::Value;
using cty_test::Bytes;

namespace {

std::string ErrorOf(std::string_view hex, const Type& type) {
  auto v = DecodeMsgpack(Bytes(hex), type);
  INFO(hex);
  REQUIRE_FALSE(v.has_value());
  return v.error().message;
}

std::string ErrorOfBytes(const std::string& bytes, const Type& type) {
  auto v = DecodeMsgpack(bytes, type);
  REQUIRE_FALSE(v.has_value());
  return v.error().message;
}

Type ImageSchema() { return Type::Object({{"image_id", Type::String()}, {"region", Type::String()}}); }

}  // namespace

TEST_CASE("wrong kinds name the path and what was found", "[msgpack][errors]") {
  CHECK(ErrorOf("82 a8 696d6167655f6964 c3 a6 726567696f6e c0", ImageSchema()) ==
        ".image_id: string required, got bool");
  CHECK(ErrorOf("c3", Type::String()) == "string required, got bool");
  CHECK(ErrorOf("a1 61", Type::Number()) == "number required, got a string that is not a number");
  CHECK(ErrorOf("01", Type::Bool()) == "bool required, got integer");
  CHECK(ErrorOf("81 a1 61 01", Type::List(Type::String())) == "list required, got map");
  CHECK(ErrorOf("91 01", Type::Set(Type::String())) == "[0]: string required, got integer");
  CHECK(ErrorOf("81 a1 6b 01", Type::Map(Type::String())) == "[\"k\"]: string required, got integer");
  CHECK(ErrorOf("91 01", Type::Object({})) == "object required, got array");
  CHECK(ErrorOf("81 a1 61 01", Type::Tuple({Type::Number()})) == "tuple required, got map");
  CHECK(ErrorOf("81 a1 6c 92 a1 61 c3", Type::Object({{"l", Type::List(Type::String())}})) ==
        ".l[1]: string required, got bool");
}

TEST_CASE("objects need exactly the type's attributes", "[msgpack][errors]") {
  CHECK(ErrorOf("81 a8 696d6167655f6964 a1 78", ImageSchema()) == "an object with 2 attributes is required (1 given)");
  CHECK(ErrorOf("83 a8 696d6167655f6964 a1 78 a6 726567696f6e c0 a1 7a c0", ImageSchema()) ==
        "an object with 2 attributes is required (3 given)");
  CHECK(ErrorOf("80", ImageSchema()) == "an object with 2 attributes is required (0 given)");
  CHECK(ErrorOf("82 a8 696d6167655f6964 a1 78 a3 7a7a7a c0", ImageSchema()) == ".zzz: unsupported attribute");
  CHECK(ErrorOf("82 a8 696d6167655f6964 a1 78 a8 696d6167655f6964 a1 78", ImageSchema()) ==
        ".image_id: duplicate attribute");
  CHECK(ErrorOf("82 01 a1 78 a6 726567696f6e c0", ImageSchema()) == "keys must be strings, got integer");
  CHECK(ErrorOf("81 01 a1 78", Type::Map(Type::String())) == "keys must be strings, got integer");
  CHECK(ErrorOf("91 01", Type::Tuple({Type::Number(), Type::Number()})) ==
        "a tuple of length 2 is required (1 given)");
  CHECK(ErrorOf("90", Type::Tuple({Type::Number()})) == "a tuple of length 1 is required (0 given)");
}

TEST_CASE("truncated input is an error at every cut", "[msgpack][errors]") {
  std::string full = Bytes("84 a2 6964 c0 a5 696e707574 a5 68656c6c6f a6 6f7574707574 c0 a4 74616773 81 a1 6b a1 76");
  Type schema = Type::Object({{"id", Type::String()},
                              {"input", Type::String()},
                              {"output", Type::String()},
                              {"tags", Type::Map(Type::String())}});
  for (size_t cut = 0; cut < full.size(); ++cut) {
    INFO(cut);
    CHECK_FALSE(DecodeMsgpack(full.substr(0, cut), schema).has_value());
  }
  CHECK(ErrorOf("", Type::String()) == "unexpected end of msgpack data");
  for (const char* hex : {"a5 68 65", "d9", "d9 05 61", "da 00", "db 00 00 00 05 61", "c4 02 61", "cc", "cd 01",
                          "ce 01 02 03", "cf 01 02 03 04 05 06 07", "d0", "d1 00", "d2 00 00", "d3 00", "ca 00 00",
                          "cb 00 00 00", "d4 00", "d4", "d5 00 00", "c7 05 00 01", "c8 00", "c9 00 00 00 09 00",
                          "92 01", "dc 00 02 01", "82 a1 61", "de 00"}) {
    INFO(hex);
    CHECK_FALSE(DecodeMsgpack(Bytes(hex), Type::Dynamic()).has_value());
    CHECK_FALSE(DecodeMsgpack(Bytes(hex), Type::List(Type::String())).has_value());
    CHECK_FALSE(DecodeMsgpack(Bytes(hex), Type::Number()).has_value());
  }
}

TEST_CASE("length prefixes larger than the input are refused before allocating", "[msgpack][errors]") {
  for (const char* hex : {"db ff ff ff ff", "c6 ff ff ff ff 61", "dd ff ff ff ff", "dd ff ff ff ff 01 02 03",
                          "df ff ff ff ff a1 61 01", "c9 ff ff ff ff 0c", "dc ff ff", "de ff ff c0"}) {
    INFO(hex);
    CHECK(ErrorOf(hex, Type::List(Type::String())) == "unexpected end of msgpack data");
    CHECK(ErrorOf(hex, Type::Map(Type::String())) == "unexpected end of msgpack data");
  }
  // A map header needs two bytes per entry.
  CHECK(ErrorOf("82 a1 61 01 a1", Type::Map(Type::Number())) == "unexpected end of msgpack data");
}

TEST_CASE("trailing bytes after the value are an error", "[msgpack][errors]") {
  CHECK(ErrorOf("a1 61 00", Type::String()) == "1 unexpected bytes after the value");
  CHECK(ErrorOf("c0 c0", Type::String()) == "1 unexpected bytes after the value");
  CHECK(ErrorOf("d4 00 00 00 00", Type::Bool()) == "2 unexpected bytes after the value");
}

TEST_CASE("NaN and the reserved code 0xc1 are refused", "[msgpack][errors]") {
  CHECK(ErrorOf("cb 7f f8 00 00 00 00 00 00", Type::Number()) == "number required, got NaN");
  CHECK(ErrorOf("ca 7f c0 00 00", Type::Number()) == "number required, got NaN");
  CHECK(ErrorOf("ca ff c0 00 01", Type::Number()) == "number required, got NaN");
  CHECK(ErrorOf("c1", Type::String()) == "invalid msgpack type code 0xc1");
  CHECK(ErrorOf("91 c1", Type::List(Type::String())) == "[0]: invalid msgpack type code 0xc1");
  for (const char* text : {"a3 4e 61 4e", "a3 61 62 63", "a4 30 78 31 30", "a2 20 31", "a0", "a7 31 65 39 39 39 39 39"}) {
    INFO(text);
    CHECK(ErrorOf(text, Type::Number()) == "number required, got a string that is not a number");
  }
}

TEST_CASE("malformed dynamic wrappers are errors", "[msgpack][errors][dynamic]") {
  CHECK(ErrorOf("91 c4 08 22737472696e6722", Type::Dynamic()) ==
        "dynamic value must be a two-element array [type JSON, value], got array");
  CHECK(ErrorOf("a1 61", Type::Dynamic()) == "dynamic value must be a two-element array [type JSON, value], got string");
  CHECK(ErrorOf("92 01 02", Type::Dynamic()) == "dynamic value type must be JSON bytes, got integer");
  CHECK(ErrorOf("92 c0 02", Type::Dynamic()) == "dynamic value type must be JSON bytes, got null");
  CHECK(ErrorOf("92 c4 03 626164 01", Type::Dynamic()).starts_with("invalid dynamic value type: invalid JSON"));
  CHECK(ErrorOf("92 c4 05 2262616422 01", Type::Dynamic()) ==
        "invalid dynamic value type: invalid primitive type name \"bad\"");
  CHECK(ErrorOf("92 c4 08 22737472696e6722 01", Type::Dynamic()) == "string required, got integer");
  CHECK(ErrorOf("81 a1 64 92 c4 08 22737472696e6722 01", Type::Object({{"d", Type::Dynamic()}})) ==
        ".d: string required, got integer");
}

TEST_CASE("type JSON names are UTF-8-cleaned, so raw-byte keys no longer match", "[msgpack][errors][dynamic]") {
  // ["object",{"\xff":"string"}] then {"\xff": "v"}: the type's attribute is
  // U+FFFD after JSON decoding (as in Go), so the raw key is unsupported.
  std::string type_json = "[\"object\",{\"\xff\":\"string\"}]";
  std::string input = "\x92\xc4" + std::string(1, char(type_json.size())) + type_json + "\x81\xa1\xff\xa1v";
  CHECK(ErrorOfBytes(input, Type::Dynamic()) == ".\xff: unsupported attribute");
}

TEST_CASE("refinement payloads are checked safely", "[msgpack][errors][unknown]") {
  CHECK(ErrorOf("c7 02 0c 01 02", Type::String()) == "unknown value refinements must be a map");
  CHECK(ErrorOf("c7 02 0c 82 01", Type::String()) == "unknown value refinements must be a map");  // truncated map
  CHECK(ErrorOf("c7 03 0c 81 a1 61", Type::String()) == "unknown value refinement keys must be integers");
  CHECK(ErrorOf("c7 03 0c 81 01 01", Type::String()) == "null refinement is not boolean");
  CHECK(ErrorOf("c7 04 0c 81 02 a5 61", Type::String()).starts_with("malformed unknown value refinement"));
  CHECK(ErrorOf("c7 05 0c 81 03 dd ff ff", Type::Number()).starts_with("malformed unknown value refinement"));
  std::string oversize = "\xc8\x04\x01\x0c" + std::string(1025, '\x80');
  CHECK(ErrorOfBytes(oversize, Type::String()) == "oversize unknown value refinement");
  // A refinement map may nest deeply inside a value we skip: no recursion.
  std::string deep = "\x81\x07" + std::string(900, '\x91') + "\x01";
  std::string ext = "\xc8" + std::string(1, char(deep.size() >> 8)) + std::string(1, char(deep.size() & 0xff)) + "\x0c" + deep;
  auto v = DecodeMsgpack(ext, Type::String());
  REQUIRE(v.has_value());
  CHECK(v->is_unknown());
}

TEST_CASE("nesting is limited instead of overflowing the stack", "[msgpack][errors]") {
  // list(list(...(string))) 200 levels deep, and matching input.
  Type t = Type::String();
  for (int i = 0; i < 200; ++i) t = Type::List(t);
  std::string input = std::string(200, '\x91') + "\xa1" "x";
  CHECK(ErrorOfBytes(input, t).find("nested more than 128 levels deep") != std::string::npos);
  // 100 levels are fine.
  Type ok = Type::String();
  for (int i = 0; i < 100; ++i) ok = Type::List(ok);
  CHECK(DecodeMsgpack(std::string(100, '\x91') + "\xa1" "x", ok).has_value());

  // Self-describing depth through dynamic: [["list","dynamic"], [ [..] ]] repeated.
  std::string nested;
  const std::string list_dynamic = "[\"list\",\"dynamic\"]";
  for (int i = 0; i < 5000; ++i) {
    nested += "\x92\xc4";
    nested += static_cast<char>(list_dynamic.size());
    nested += list_dynamic;
    nested += "\x91";
  }
  nested += "\xc0";
  auto v = DecodeMsgpack(nested, Type::Dynamic());
  REQUIRE_FALSE(v.has_value());
  CHECK(v.error().message.find("nested more than 128 levels deep") != std::string::npos);
}

TEST_CASE("every single-byte input and every two-byte prefix decodes or errors", "[msgpack][errors]") {
  const Type types[] = {Type::String(), Type::Number(), Type::Bool(), Type::Dynamic(), Type::List(Type::Dynamic()),
                        Type::Object({{"a", Type::String()}})};
  int decoded = 0;
  for (int a = 0; a < 256; ++a) {
    for (int b = -1; b < 256; ++b) {
      std::string input(1, static_cast<char>(a));
      if (b >= 0) input += static_cast<char>(b);
      for (const Type& t : types) decoded += DecodeMsgpack(input, t).has_value();
    }
  }
  CHECK(decoded > 0);
}
