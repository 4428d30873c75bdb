// msgpack encode/decode against the reference's worked bytes and bytes
// derived from go-cty's marshal rules (compact ints, float64, decimal text).
#include <catch2/catch.hpp>

#include "cty/codec.h"
#include "hex.h"

using cty::DecodeMsgpack;
using cty::EncodeMsgpack;
using cty::Number;
using cty::Type;
using cty::Value;
using cty_test::Bytes;
using cty_test::Hex;
using cty_test::Spaced;

namespace {

Type DataSourceSchema() {
  return Type::Object({{"id", Type::String()},
                       {"input", Type::String()},
                       {"output", Type::String()},
                       {"tags", Type::Map(Type::String())}});
}

Value Decoded(std::string_view hex, const Type& type) {
  auto v = DecodeMsgpack(Bytes(hex), type);
  INFO(hex);
  if (!v) FAIL("decode failed: " << v.error().message);
  return *v;
}

std::string EncodedNumber(std::string_view text) {
  return Hex(EncodeMsgpack(Value::NumberVal(*Number::Parse(text)), Type::Number()));
}

// Encode, decode, compare; then re-encode and compare bytes.
void CheckRoundTrip(const Value& v, const Type& type) {
  std::string bytes = EncodeMsgpack(v, type);
  INFO(Hex(bytes));
  auto back = DecodeMsgpack(bytes, type);
  REQUIRE(back.has_value());
  CHECK(*back == v);
  CHECK(Hex(EncodeMsgpack(*back, type)) == Hex(bytes));
}

}  // namespace

TEST_CASE("reference 6.6: data source config decodes and re-encodes byte for byte", "[msgpack]") {
  const std::string wire =
      "84 a2 6964 c0 a5 696e707574 a5 68656c6c6f a6 6f7574707574 c0 a4 74616773 81 a1 6b a1 76";
  Value v = Decoded(wire, DataSourceSchema());
  CHECK(v.GetAttr("id") == Value::Null(Type::String()));
  CHECK(v.GetAttr("input") == Value::String("hello"));
  CHECK(v.GetAttr("output").is_null());
  CHECK(v.GetAttr("tags") == Value::Map(Type::String(), {{"k", Value::String("v")}}));
  CHECK(v.type() == DataSourceSchema());
  CHECK(Hex(EncodeMsgpack(v, DataSourceSchema())) == Spaced(wire));
}

TEST_CASE("reference 6.6: unknown input and unknown provider endpoint", "[msgpack]") {
  const std::string wire = "84 a2 6964 c0 a5 696e707574 d4 00 00 a6 6f7574707574 c0 a4 74616773 81 a1 6b a1 76";
  Value v = Decoded(wire, DataSourceSchema());
  CHECK(v.GetAttr("input") == Value::Unknown(Type::String()));
  CHECK_FALSE(v.IsWhollyKnown());
  CHECK(Hex(EncodeMsgpack(v, DataSourceSchema())) == Spaced(wire));

  Type provider = Type::Object({{"endpoint", Type::String()}});
  const std::string config = "81 a8 656e64706f696e74 d4 00 00";
  Value p = Decoded(config, provider);
  CHECK(p.GetAttr("endpoint").is_unknown());
  CHECK(Hex(EncodeMsgpack(p, provider)) == Spaced(config));
}

TEST_CASE("integers use the smallest msgpack form", "[msgpack][number]") {
  CHECK(EncodedNumber("0") == "00");
  CHECK(EncodedNumber("127") == "7f");
  CHECK(EncodedNumber("128") == "cc 80");
  CHECK(EncodedNumber("255") == "cc ff");
  CHECK(EncodedNumber("256") == "cd 01 00");
  CHECK(EncodedNumber("65535") == "cd ff ff");
  CHECK(EncodedNumber("65536") == "ce 00 01 00 00");
  CHECK(EncodedNumber("4294967295") == "ce ff ff ff ff");
  CHECK(EncodedNumber("4294967296") == "cf 00 00 00 01 00 00 00 00");
  CHECK(EncodedNumber("9223372036854775807") == "cf 7f ff ff ff ff ff ff ff");
  CHECK(EncodedNumber("-1") == "ff");
  CHECK(EncodedNumber("-32") == "e0");
  CHECK(EncodedNumber("-33") == "d0 df");
  CHECK(EncodedNumber("-128") == "d0 80");
  CHECK(EncodedNumber("-129") == "d1 ff 7f");
  CHECK(EncodedNumber("-32768") == "d1 80 00");
  CHECK(EncodedNumber("-32769") == "d2 ff ff 7f ff");
  CHECK(EncodedNumber("-2147483648") == "d2 80 00 00 00");
  CHECK(EncodedNumber("-2147483649") == "d3 ff ff ff ff 7f ff ff ff");
  CHECK(EncodedNumber("-9223372036854775808") == "d3 80 00 00 00 00 00 00 00");
}

TEST_CASE("integers beyond int64 that fit uint64 are msgpack uint", "[msgpack][number]") {
  CHECK(EncodedNumber("9223372036854775808") == "cf 80 00 00 00 00 00 00 00");  // 2^63: not float64
  CHECK(EncodedNumber("18446744073709551615") == "cf ff ff ff ff ff ff ff ff");  // 2^64-1
  CHECK(EncodedNumber("1e19") == "cf 8a c7 23 04 89 e8 00 00");
  // ...and decode back as the same number.
  for (const char* text : {"9223372036854775808", "18446744073709551615", "1e19"}) {
    INFO(text);
    CHECK(Decoded(EncodedNumber(text), Type::Number()).as_number() == *Number::Parse(text));
  }
}

TEST_CASE("every other number is its exact decimal text, never float64", "[msgpack][number]") {
  // go-cty would write a float64 for these; Terraform would then print 2^64
  // as 18446744073709552000. A msgpack string is read by go-cty as a number.
  CHECK(EncodedNumber("1.5") == Hex("\xa3" "1.5"));
  CHECK(EncodedNumber("-2.5") == Hex("\xa4" "-2.5"));
  CHECK(EncodedNumber("0.5") == Hex("\xa3" "0.5"));
  CHECK(EncodedNumber("350.5") == Hex("\xa5" "350.5"));
  CHECK(EncodedNumber("0.1") == "a3 30 2e 31");
  CHECK(EncodedNumber("18446744073709551616") == Hex("\xb4" "18446744073709551616"));  // 2^64
  CHECK(EncodedNumber("1e20") == Hex("\xb5" "100000000000000000000"));
  CHECK(EncodedNumber("-9223372036854775809") == Hex("\xb4" "-9223372036854775809"));  // below int64
  CHECK(EncodedNumber("18446744073709551617") == Hex("\xb4" "18446744073709551617"));
  CHECK(EncodedNumber("123456789012345678901234567890") == Hex("\xbe" "123456789012345678901234567890"));
  CHECK(EncodedNumber("0.123456789012345678901234567891") == Hex("\xd9\x20" "0.123456789012345678901234567891"));
  CHECK(EncodedNumber("1e400") == Hex("\xda\x01\x91" "1" + std::string(400, '0')));
  CHECK(EncodedNumber("1e-3") == Hex("\xa5" "0.001"));
  CHECK(EncodedNumber("-0.3") == Hex("\xa4-0.3"));
  // Zero of either sign, and integral spellings, are integers.
  CHECK(EncodedNumber("-0") == "00");
  CHECK(EncodedNumber("-0.0") == "00");
  CHECK(EncodedNumber("40.0") == "28");
  CHECK(EncodedNumber("4e1") == "28");
  // Infinities have no decimal text: float64 is their only form.
  CHECK(EncodedNumber("Inf") == "cb 7f f0 00 00 00 00 00 00");
  CHECK(EncodedNumber("-Inf") == "cb ff f0 00 00 00 00 00 00");
  // Each decodes back to exactly the number it came from.
  for (const char* text : {"1.5", "350.5", "18446744073709551616", "1e20", "-9223372036854775809",
                           "0.123456789012345678901234567891", "1e400", "-0.3"}) {
    INFO(text);
    CHECK(Decoded(EncodedNumber(text), Type::Number()).as_number() == *Number::Parse(text));
  }
}

TEST_CASE("numbers decode from every msgpack numeric form and from text", "[msgpack][number]") {
  auto number = [](std::string_view hex) { return Decoded(hex, Type::Number()).as_number().ToString(); };
  CHECK(number("05") == "5");
  CHECK(number("e0") == "-32");
  CHECK(number("cc ff") == "255");
  CHECK(number("cd 01 00") == "256");
  CHECK(number("ce ff ff ff ff") == "4294967295");
  CHECK(number("cf ff ff ff ff ff ff ff ff") == "18446744073709551615");
  CHECK(number("d0 80") == "-128");
  CHECK(number("d0 05") == "5");
  CHECK(number("d1 80 00") == "-32768");
  CHECK(number("d2 80 00 00 00") == "-2147483648");
  CHECK(number("d3 80 00 00 00 00 00 00 00") == "-9223372036854775808");
  CHECK(number("d3 ff ff ff ff ff ff ff ff") == "-1");
  CHECK(number("ca 3f c0 00 00") == "1.5");                           // float32
  CHECK(number("ca 3d cc cc cd") == "0.100000001490116119384765625");  // float32 0.1, exactly
  CHECK(number("cb 3f b9 99 99 99 99 99 9a") == "0.1000000000000000055511151231257827021181583404541015625");
  CHECK(number("cb 40 08 00 00 00 00 00 00") == "3");
  CHECK(number("cb 7f f0 00 00 00 00 00 00") == "+Inf");
  CHECK(number("a3 31 65 33") == "1000");  // "1e3"
  CHECK(number("c4 03 31 2e 35") == "1.5");  // bin also decodes
  CHECK(number("a3 49 6e 66") == "+Inf");  // "Inf", as big.ParseFloat
}

TEST_CASE("decoded numbers re-encode as go-cty would", "[msgpack][number]") {
  auto reencode = [](std::string_view hex) { return Hex(EncodeMsgpack(Decoded(hex, Type::Number()), Type::Number())); };
  CHECK(reencode("d3 00 00 00 00 00 00 00 05") == "05");  // non-compact int in, compact out
  CHECK(reencode("cd 00 7f") == "7f");
  CHECK(reencode("cb 40 08 00 00 00 00 00 00") == "03");  // integral float -> int
  CHECK(reencode("ca 3f c0 00 00") == Hex("\xa3" "1.5"));  // float32 in, exact text out
  CHECK(reencode("ca 3d cc cc cd") == Hex("\xbd" "0.100000001490116119384765625"));
  CHECK(reencode("cb 3f b9 99 99 99 99 99 9a") ==
        Hex("\xd9\x39" "0.1000000000000000055511151231257827021181583404541015625"));
  CHECK(reencode("cf ff ff ff ff ff ff ff ff") == "cf ff ff ff ff ff ff ff ff");
  CHECK(reencode("cf 80 00 00 00 00 00 00 00") == "cf 80 00 00 00 00 00 00 00");
  CHECK(reencode("cb 43 f0 00 00 00 00 00 00") == Hex("\xb4" "18446744073709551616"));  // float64 2^64 in
  CHECK(reencode("a4 31 2e 35 30") == Hex("\xa3" "1.5"));  // "1.50", canonical text
}

TEST_CASE("strings use fixstr, str8, str16, str32 and accept bin", "[msgpack][string]") {
  auto encoded = [](size_t n) { return EncodeMsgpack(Value::String(std::string(n, 'x')), Type::String()); };
  CHECK(Hex(encoded(0)) == "a0");
  CHECK(Hex(encoded(31).substr(0, 1)) == "bf");
  CHECK(Hex(encoded(32).substr(0, 2)) == "d9 20");
  CHECK(Hex(encoded(255).substr(0, 2)) == "d9 ff");
  CHECK(Hex(encoded(256).substr(0, 3)) == "da 01 00");
  CHECK(Hex(encoded(65535).substr(0, 3)) == "da ff ff");
  CHECK(Hex(encoded(65536).substr(0, 5)) == "db 00 01 00 00");
  CHECK(encoded(65536).size() == 65541);
  for (size_t n : {0, 31, 32, 255, 256, 65535, 65536}) {
    CheckRoundTrip(Value::String(std::string(n, 'q')), Type::String());
  }
  CHECK(Decoded("d9 03 61 62 63", Type::String()) == Value::String("abc"));
  CHECK(Decoded("da 00 03 61 62 63", Type::String()) == Value::String("abc"));
  CHECK(Decoded("db 00 00 00 03 61 62 63", Type::String()) == Value::String("abc"));
  CHECK(Decoded("c4 03 61 62 63", Type::String()) == Value::String("abc"));
  CHECK(Decoded("c5 00 03 61 62 63", Type::String()) == Value::String("abc"));
  CHECK(Decoded("c6 00 00 00 03 61 62 63", Type::String()) == Value::String("abc"));
}

TEST_CASE("invalid UTF-8 passes through as bytes, as in go-cty", "[msgpack][string]") {
  Value v = Decoded("a3 ff fe 61", Type::String());
  CHECK(v.as_string() == std::string("\xff\xfe" "a"));
  CHECK(Hex(EncodeMsgpack(v, Type::String())) == "a3 ff fe 61");
}

TEST_CASE("bools and nulls", "[msgpack]") {
  CHECK(Decoded("c3", Type::Bool()) == Value::Bool(true));
  CHECK(Decoded("c2", Type::Bool()) == Value::Bool(false));
  CHECK(Hex(EncodeMsgpack(Value::Bool(true), Type::Bool())) == "c3");
  CHECK(Hex(EncodeMsgpack(Value::Bool(false), Type::Bool())) == "c2");
  for (const Type& t : {Type::String(), Type::Number(), Type::Bool(), Type::List(Type::String()),
                        Type::Map(Type::Number()), Type::Object({{"a", Type::String()}}), Type::Tuple({Type::Bool()}),
                        Type::Dynamic()}) {
    INFO(t.FriendlyName());
    CHECK(Decoded("c0", t) == Value::Null(t));
    CHECK(Hex(EncodeMsgpack(Value::Null(t), t)) == "c0");
  }
}

TEST_CASE("unknown is d4 00 00 for every type, and any ext decodes as unknown", "[msgpack][unknown]") {
  for (const Type& t : {Type::String(), Type::Number(), Type::Bool(), Type::Set(Type::String()),
                        Type::Object({{"a", Type::String()}}), Type::Tuple({}), Type::Dynamic()}) {
    INFO(t.FriendlyName());
    CHECK(Hex(EncodeMsgpack(Value::Unknown(t), t)) == "d4 00 00");
    CHECK(Decoded("d4 00 00", t) == Value::Unknown(t));
  }
  // Every ext form, any ext type.
  for (const char* ext : {"d4 05 00", "d5 07 00 00", "d6 7f 00 00 00 00", "d7 80 00 00 00 00 00 00 00 00",
                          "d8 01 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00", "c7 00 00", "c7 03 09 01 02 03",
                          "c8 00 02 01 61 62", "c9 00 00 00 01 00 ff"}) {
    INFO(ext);
    CHECK(Decoded(ext, Type::String()) == Value::Unknown(Type::String()));
  }
}

TEST_CASE("refined unknowns (ext 12) are read and their refinements dropped", "[msgpack][unknown]") {
  // Payloads as go-cty's marshalUnknownValue writes them.
  // string, not null, prefix "ab": {1: false, 2: "ab"}
  CHECK(Decoded("c7 07 0c 82 01 c2 02 a2 61 62", Type::String()) == Value::Unknown(Type::String()));
  // number, not null, lower bound [0, inclusive], upper bound [10.5, exclusive]
  CHECK(Decoded("c7 13 0c 83 01 c2 03 92 00 c3 04 92 cb 40 25 00 00 00 00 00 00 c2", Type::Number()) ==
        Value::Unknown(Type::Number()));
  // list, not null, length between 1 and 3: {1: false, 5: 1, 6: 3}
  Type list = Type::List(Type::String());
  CHECK(Decoded("c7 07 0c 83 01 c2 05 01 06 03", list) == Value::Unknown(list));
  // fixext4 form with a trailing byte after the map (ignored, as go-cty does)
  CHECK(Decoded("d6 0c 81 01 c2 00", Type::Bool()) == Value::Unknown(Type::Bool()));
  // unknown keys are ignored whatever their values
  CHECK(Decoded("c7 08 0c 82 01 c2 63 92 a1 78 c0", Type::String()) == Value::Unknown(Type::String()));
  // dynamic ignores refinements
  CHECK(Decoded("c7 03 0c 81 01 c2", Type::Dynamic()) == Value::Unknown(Type::Dynamic()));
  // "definitely null" collapses to a known null, as in go-cty's refinement builder
  CHECK(Decoded("c7 03 0c 81 01 c3", Type::String()) == Value::Null(Type::String()));
  // Re-encoding writes the unrefined form.
  Value v = Decoded("84 a2 6964 c0 a5 696e707574 c7 03 0c 81 01 c2 a6 6f7574707574 c0 a4 74616773 c0",
                    DataSourceSchema());
  CHECK(v.GetAttr("input").is_unknown());
  CHECK(Hex(EncodeMsgpack(v, DataSourceSchema())) ==
        Spaced("84 a2 6964 c0 a5 696e707574 d4 00 00 a6 6f7574707574 c0 a4 74616773 c0"));
}

TEST_CASE("dynamic values are [type JSON, value]", "[msgpack][dynamic]") {
  const std::string hello = "92 c4 08 22737472696e6722 a5 68656c6c6f";
  Value v = Decoded(hello, Type::Dynamic());
  CHECK(v == Value::String("hello"));
  CHECK(Hex(EncodeMsgpack(v, Type::Dynamic())) == Spaced(hello));
  // str instead of bin for the type is accepted
  CHECK(Decoded("92 a8 22737472696e6722 a5 68656c6c6f", Type::Dynamic()) == Value::String("hello"));
  // list(number) [1, 2]
  const std::string list = "92 c4 11 5b226c697374222c226e756d626572225d 92 01 02";
  Value l = Decoded(list, Type::Dynamic());
  CHECK(l == Value::List(Type::Number(), {Value::Int(1), Value::Int(2)}));
  CHECK(Hex(EncodeMsgpack(l, Type::Dynamic())) == Spaced(list));
  // unknown of a known type under dynamic keeps its type; dynamic unknown stays bare
  CHECK(Hex(EncodeMsgpack(Value::Unknown(Type::String()), Type::Dynamic())) == Spaced("92 c4 08 22737472696e6722 d4 00 00"));
  CHECK(Hex(EncodeMsgpack(Value::Null(Type::String()), Type::Dynamic())) == Spaced("92 c4 08 22737472696e6722 c0"));
  CHECK(Hex(EncodeMsgpack(Value::Unknown(Type::Dynamic()), Type::Dynamic())) == "d4 00 00");
  // nested dynamic: the type JSON may itself say "dynamic"
  CHECK(Decoded("92 c4 09 2264796e616d696322 92 c4 06 22626f6f6c22 c3", Type::Dynamic()) == Value::Bool(true));
}

TEST_CASE("dynamic inside an object attribute", "[msgpack][dynamic]") {
  Type schema = Type::Object({{"any", Type::Dynamic()}, {"name", Type::String()}});
  Value v = Value::Object({{"any", Value::Object({{"x", Value::Int(1)}})}, {"name", Value::String("n")}});
  CheckRoundTrip(v, schema);
  std::string bytes = EncodeMsgpack(v, schema);
  // ["object",{"x":"number"}]
  CHECK(Hex(bytes) == Spaced("82 a3 616e79 92 c4 19 5b226f626a656374222c7b2278223a226e756d626572227d5d 81 a1 78 01 "
                             "a4 6e616d65 a1 6e"));
}

TEST_CASE("object keys are written sorted bytewise; every attribute present", "[msgpack][object]") {
  Type schema = Type::Object({{"b", Type::Number()}, {"a", Type::Number()}, {"B", Type::Number()}});
  Value v = Value::Object({{"b", Value::Int(1)}, {"a", Value::Int(2)}, {"B", Value::Int(3)}});
  CHECK(Hex(EncodeMsgpack(v, schema)) == "83 a1 42 03 a1 61 02 a1 62 01");
  // Any key order decodes.
  CHECK(Decoded("83 a1 62 01 a1 42 03 a1 61 02", schema) == v);
  // An attribute missing from the value is written as nil.
  Value partial = Value::Object({{"a", Value::Int(2)}});
  CHECK(Hex(EncodeMsgpack(partial, schema)) == "83 a1 42 c0 a1 61 02 a1 62 c0");
}

TEST_CASE("maps, lists, sets and tuples", "[msgpack]") {
  Type map = Type::Map(Type::Bool());
  Value m = Value::Map(Type::Bool(), {{"z", Value::Bool(true)}, {"a", Value::Bool(false)}});
  CHECK(Hex(EncodeMsgpack(m, map)) == "82 a1 61 c2 a1 7a c3");
  CheckRoundTrip(m, map);
  CheckRoundTrip(Value::Map(Type::Bool(), {}), map);

  Type list = Type::List(Type::Number());
  Value l = Value::List(Type::Number(), {Value::Int(3), Value::Int(1), Value::Int(3)});
  CHECK(Hex(EncodeMsgpack(l, list)) == "93 03 01 03");
  CheckRoundTrip(l, list);
  CheckRoundTrip(Value::List(Type::Number(), {}), list);

  Type set = Type::Set(Type::String());
  Value s = Value::Set(Type::String(), {Value::String("b"), Value::String("a"), Value::String("b")});
  CHECK(Hex(EncodeMsgpack(s, set)) == "92 a1 61 a1 62");
  CHECK(Decoded("93 a1 62 a1 61 a1 62", set) == s);

  Type tuple = Type::Tuple({Type::String(), Type::Number()});
  Value t = Value::Tuple({Value::String("a"), Value::Int(1)});
  CHECK(Hex(EncodeMsgpack(t, tuple)) == "92 a1 61 01");
  CheckRoundTrip(t, tuple);
  CheckRoundTrip(Value::Tuple({}), Type::Tuple({}));

  // 16 and more entries use the 16-bit headers.
  std::vector<Value> many(16, Value::Bool(true));
  CHECK(Hex(EncodeMsgpack(Value::List(Type::Bool(), many), Type::List(Type::Bool())).substr(0, 3)) == "dc 00 10");
  std::map<std::string, Value> entries;
  for (int i = 0; i < 16; ++i) entries.emplace("k" + std::to_string(10 + i), Value::Bool(true));
  CHECK(Hex(EncodeMsgpack(Value::Map(Type::Bool(), entries), Type::Map(Type::Bool())).substr(0, 3)) == "de 00 10");
  CHECK(Decoded("dd 00 00 00 01 c3", Type::List(Type::Bool())).elements().size() == 1);
  CHECK(Decoded("df 00 00 00 01 a1 61 c3", Type::Map(Type::Bool())).entries().size() == 1);
}

TEST_CASE("round trips for every type, including null, unknown and big numbers", "[msgpack][roundtrip]") {
  Type object = Type::Object({{"s", Type::String()},
                              {"n", Type::Number()},
                              {"b", Type::Bool()},
                              {"l", Type::List(Type::Number())},
                              {"st", Type::Set(Type::String())},
                              {"m", Type::Map(Type::Object({{"x", Type::String()}}))},
                              {"t", Type::Tuple({Type::String(), Type::Bool()})},
                              {"d", Type::Dynamic()}});
  Value v = Value::Object({
      {"s", Value::String(std::string(300, 's'))},
      {"n", Value::NumberVal(*Number::Parse("-123456789012345678901234567890.125"))},
      {"b", Value::Unknown(Type::Bool())},
      {"l", Value::List(Type::Number(), {Value::Int(INT64_MIN), Value::NumberVal(*Number::Parse("0.1")),
                                         Value::NumberVal(*Number::Parse("1e400")), Value::Null(Type::Number()),
                                         Value::Unknown(Type::Number()), Value::Int(-33)})},
      {"st", Value::Set(Type::String(), {Value::String("x"), Value::String("y")})},
      {"m", Value::Map(Type::Object({{"x", Type::String()}}),
                       {{"k", Value::Object({{"x", Value::Null(Type::String())}})},
                        {"u", Value::Unknown(Type::Object({{"x", Type::String()}}))}})},
      {"t", Value::Tuple({Value::String("a"), Value::Bool(false)})},
      {"d", Value::Map(Type::Number(), {{"big", Value::NumberVal(*Number::Parse("18446744073709551617"))}})},
  });
  CheckRoundTrip(v, object);
  CheckRoundTrip(Value::Null(object), object);
  CheckRoundTrip(Value::Unknown(object), object);
  for (const char* text : {"0", "1", "-1", "127", "128", "-33", "65536", "-2147483649", "9223372036854775807",
                           "18446744073709551616", "18446744073709551617", "0.1", "1.5", "1e400", "-1e-400",
                           "3.14159265358979323846264338327950288419716939937510", "Inf", "-Inf"}) {
    INFO(text);
    CheckRoundTrip(Value::NumberVal(*Number::Parse(text)), Type::Number());
    CheckRoundTrip(Value::NumberVal(*Number::Parse(text)), Type::Dynamic());
  }
}

TEST_CASE("list of dynamic takes its elements' common type", "[msgpack][dynamic]") {
  Type schema = Type::List(Type::Dynamic());
  std::string two_strings = "92 92 c4 08 22737472696e6722 a1 61 92 c4 08 22737472696e6722 a1 62";
  Value v = Decoded(two_strings, schema);
  CHECK(v.type() == Type::List(Type::String()));
  CHECK(Hex(EncodeMsgpack(v, schema)) == Spaced(two_strings));
  auto mixed = DecodeMsgpack(Bytes("92 92 c4 08 22737472696e6722 a1 61 92 c4 06 22626f6f6c22 c3"), schema);
  REQUIRE_FALSE(mixed.has_value());
  CHECK(mixed.error().message == "inconsistent element types (string then bool)");
}
