#include <catch2/catch.hpp>

#include "cty/type.h"

using cty::Kind;
using cty::Type;

TEST_CASE("primitive types compare by kind", "[type]") {
  CHECK(Type::String() == Type::String());
  CHECK(Type::String() != Type::Number());
  CHECK(Type::Bool() != Type::Dynamic());
  CHECK(Type() == Type::Dynamic());
  CHECK(Type::String().is_primitive());
  CHECK_FALSE(Type::Dynamic().is_primitive());
  CHECK(Type::Dynamic().is_dynamic());
}

TEST_CASE("collection types compare structurally", "[type]") {
  CHECK(Type::List(Type::String()) == Type::List(Type::String()));
  CHECK(Type::List(Type::String()) != Type::Set(Type::String()));
  CHECK(Type::Map(Type::Number()) != Type::Map(Type::String()));
  CHECK(Type::List(Type::List(Type::Bool())) == Type::List(Type::List(Type::Bool())));
  CHECK(Type::Set(Type::Bool()).is_collection());
  CHECK(Type::Set(Type::Bool()).element() == Type::Bool());
  CHECK_FALSE(Type::Object({}).is_collection());
}

TEST_CASE("object and tuple types compare attribute by attribute", "[type]") {
  Type a = Type::Object({{"x", Type::String()}, {"y", Type::Number()}});
  Type b = Type::Object({{"y", Type::Number()}, {"x", Type::String()}});
  Type c = Type::Object({{"x", Type::String()}});
  Type d = Type::Object({{"x", Type::String()}, {"y", Type::Bool()}});
  CHECK(a == b);
  CHECK(a != c);
  CHECK(a != d);
  CHECK(a.attributes().size() == 2);
  CHECK(a.attributes().begin()->first == "x");
  CHECK(Type::Tuple({Type::String(), Type::Number()}) == Type::Tuple({Type::String(), Type::Number()}));
  CHECK(Type::Tuple({Type::String(), Type::Number()}) != Type::Tuple({Type::Number(), Type::String()}));
  CHECK(Type::Tuple({}) != Type::Object({}));
  CHECK(Type::Tuple({Type::Bool()}).elements().size() == 1);
}

TEST_CASE("accessors of other kinds are empty, never dangling", "[type]") {
  CHECK(Type::String().attributes().empty());
  CHECK(Type::String().elements().empty());
  CHECK(Type::String().element() == Type::Dynamic());
  CHECK(Type::List(Type::String()).attributes().empty());
}

TEST_CASE("HasDynamic finds dynamic anywhere inside", "[type]") {
  CHECK(Type::Dynamic().HasDynamic());
  CHECK_FALSE(Type::List(Type::String()).HasDynamic());
  CHECK(Type::List(Type::Dynamic()).HasDynamic());
  CHECK(Type::Object({{"a", Type::Map(Type::Dynamic())}}).HasDynamic());
  CHECK(Type::Tuple({Type::String(), Type::Dynamic()}).HasDynamic());
  CHECK_FALSE(Type::Tuple({Type::String()}).HasDynamic());
}

TEST_CASE("FriendlyName reads like go-cty", "[type]") {
  CHECK(Type::String().FriendlyName() == "string");
  CHECK(Type::Number().FriendlyName() == "number");
  CHECK(Type::Bool().FriendlyName() == "bool");
  CHECK(Type::Dynamic().FriendlyName() == "dynamic");
  CHECK(Type::List(Type::String()).FriendlyName() == "list of string");
  CHECK(Type::Set(Type::Map(Type::Number())).FriendlyName() == "set of map of number");
  CHECK(Type::Object({{"a", Type::String()}}).FriendlyName() == "object");
  CHECK(Type::Tuple({}).FriendlyName() == "tuple");
}

TEST_CASE("Kind reports the constructor used", "[type]") {
  CHECK(Type::Map(Type::String()).kind() == Kind::Map);
  CHECK(Type::Tuple({}).kind() == Kind::Tuple);
  CHECK(Type::Object({}).kind() == Kind::Object);
}
