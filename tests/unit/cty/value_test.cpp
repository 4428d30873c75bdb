#include <catch2/catch.hpp>

#include <map>
#include <string>

#include "cty/value.h"

using cty::Number;
using cty::Type;
using cty::Value;

TEST_CASE("null and unknown exist for every type", "[value]") {
  for (const Type& t : {Type::String(), Type::Number(), Type::Bool(), Type::Dynamic(), Type::List(Type::String()),
                        Type::Object({{"a", Type::Bool()}}), Type::Tuple({Type::Number()})}) {
    INFO(t.FriendlyName());
    Value n = Value::Null(t);
    CHECK(n.is_null());
    CHECK(n.is_known());
    CHECK(n.IsWhollyKnown());
    CHECK(n.type() == t);
    Value u = Value::Unknown(t);
    CHECK(u.is_unknown());
    CHECK_FALSE(u.is_null());
    CHECK_FALSE(u.IsWhollyKnown());
    CHECK(u.type() == t);
    CHECK(n != u);
  }
  CHECK(Value().is_null());
  CHECK(Value().type() == Type::Dynamic());
}

TEST_CASE("equality includes the type", "[value]") {
  CHECK(Value::Null(Type::String()) != Value::Null(Type::Number()));
  CHECK(Value::Unknown(Type::String()) == Value::Unknown(Type::String()));
  CHECK(Value::String("a") == Value::String("a"));
  CHECK(Value::String("a") != Value::String("b"));
  CHECK(Value::Int(1) == Value::NumberVal(*Number::Parse("1.0")));
  CHECK(Value::Bool(true) != Value::Bool(false));
  CHECK(Value::List(Type::String(), {}) != Value::List(Type::Number(), {}));
  CHECK(Value::List(Type::String(), {}) != Value::Set(Type::String(), {}));
  CHECK(Value::Tuple({Value::String("a")}) != Value::List(Type::String(), {Value::String("a")}));
}

TEST_CASE("objects answer GetAttr and build their type", "[value]") {
  Value obj = Value::Object({{"name", Value::String("x")}, {"size", Value::Int(3)}});
  CHECK(obj.type() == Type::Object({{"name", Type::String()}, {"size", Type::Number()}}));
  CHECK(obj.GetAttr("name") == Value::String("x"));
  CHECK(obj.GetAttr("size").as_number().ToInt64() == 3);
  CHECK(obj.GetAttr("missing").is_null());
  CHECK(obj.GetAttr("missing").type() == Type::Dynamic());
  Type t = Type::Object({{"a", Type::String()}});
  CHECK(Value::Null(t).GetAttr("a").is_null());
  CHECK(Value::Unknown(t).GetAttr("a").is_null());
  CHECK(Value::String("s").GetAttr("a").is_null());
}

TEST_CASE("an object built with its type equals one whose type is derived", "[value]") {
  Type t = Type::Object({{"name", Type::String()}, {"size", Type::Number()}, {"tags", Type::Map(Type::String())}});
  std::map<std::string, Value> attributes{{"name", Value::String("x")},
                                          {"size", Value::Null(Type::Number())},
                                          {"tags", Value::Unknown(Type::Map(Type::String()))}};
  Value typed = Value::Object(t, attributes);
  Value derived = Value::Object(attributes);
  CHECK(typed == derived);
  CHECK(typed.type() == t);
  CHECK(typed.GetAttr("name") == Value::String("x"));
  CHECK_FALSE(typed.IsWhollyKnown());
  CHECK(Value::Object(Type::Object({}), {}) == Value::Object({}));
}

TEST_CASE("nulls of primitive types behave like any other null", "[value]") {
  for (const Type& t : {Type::String(), Type::Number(), Type::Bool()}) {
    INFO(t.FriendlyName());
    Value a = Value::Null(t);
    Value b = Value::Null(t);
    CHECK(a == b);
    CHECK(a.type() == t);
    CHECK(a.is_null());
    CHECK(a.as_string().empty());
    CHECK(Value::List(t, {a, b}).elements().size() == 2);
  }
  CHECK(Value::Null(Type::String()) != Value::String(""));
  CHECK(Value::Null(Type::Bool()) != Value::Bool(false));
}

TEST_CASE("IsWhollyKnown looks inside containers", "[value]") {
  Value inner = Value::List(Type::String(), {Value::String("a"), Value::Unknown(Type::String())});
  CHECK(inner.is_known());
  CHECK_FALSE(inner.IsWhollyKnown());
  CHECK_FALSE(Value::Object({{"l", inner}}).IsWhollyKnown());
  CHECK_FALSE(Value::Map(Type::String(), {{"k", Value::Unknown(Type::String())}}).IsWhollyKnown());
  CHECK_FALSE(Value::Tuple({Value::Unknown(Type::Bool())}).IsWhollyKnown());
  CHECK(Value::Object({{"a", Value::Null(Type::String())}}).IsWhollyKnown());
}

TEST_CASE("sets are order-insensitive and merge duplicates", "[value]") {
  Value a = Value::Set(Type::String(), {Value::String("b"), Value::String("a"), Value::String("b")});
  Value b = Value::Set(Type::String(), {Value::String("a"), Value::String("b")});
  CHECK(a == b);
  REQUIRE(a.elements().size() == 2);
  CHECK(a.elements()[0] == Value::String("a"));
  // Unknowns never merge: two unknowns may be different values.
  Value u = Value::Set(Type::String(), {Value::Unknown(Type::String()), Value::Unknown(Type::String())});
  CHECK(u.elements().size() == 2);
  Value nums = Value::Set(Type::Number(), {Value::Int(2), Value::NumberVal(*Number::Parse("2.0")), Value::Int(1)});
  CHECK(nums.elements().size() == 2);
}

TEST_CASE("Compare is a consistent total order", "[value]") {
  Value x = Value::String("a");
  Value y = Value::String("b");
  CHECK(Value::Compare(x, y) < 0);
  CHECK(Value::Compare(y, x) > 0);
  CHECK(Value::Compare(x, Value::String("a")) == 0);
  CHECK(Value::Compare(Value::Null(Type::String()), x) < 0);
  CHECK(Value::Compare(x, Value::Unknown(Type::String())) < 0);
  CHECK(Value::Compare(Value::List(Type::String(), {}), Value::List(Type::Number(), {})) != 0);
}

TEST_CASE("accessors of other kinds return empty values", "[value]") {
  Value n = Value::Int(5);
  CHECK(n.as_string().empty());
  CHECK_FALSE(n.as_bool());
  CHECK(n.elements().empty());
  CHECK(n.entries().empty());
  CHECK(Value::String("x").as_number() == Number());
  CHECK(Value::Null(Type::String()).as_string().empty());
}

TEST_CASE("copies share one immutable representation", "[value]") {
  Value big = Value::List(Type::String(), std::vector<Value>(1000, Value::String("x")));
  Value copy = big;
  CHECK(copy == big);
  CHECK(&copy.elements() == &big.elements());
}
