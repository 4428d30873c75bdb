// ReadRecord on its own, through a small table of every field type, and the
// JSON tree it reads: last-wins members, exact number text, UTF-8 handling.
#include <catch2/catch.hpp>

#include <string>
#include <variant>

#include "jdcloud/image.h"
#include "jdcloud/record_reader.h"
#include "json/tree.h"

using jdcloud::FieldSpec;
using jdcloud::FieldType;
using jdcloud::NumberText;
using jdcloud::Record;
using jdcloud::RecordList;
using jdcloud::RecordPtr;
using jdcloud::RecordSpec;

namespace {

constexpr FieldSpec kPairFields[] = {
    {"key", "key", FieldType::kString, "k"},
    {"value", "value", FieldType::kString, "v"},
};
constexpr RecordSpec kPair{"Pair", kPairFields};

constexpr FieldSpec kInnerFields[] = {
    {"count", "count", FieldType::kNumber, "c"},
};
constexpr RecordSpec kInner{"Inner", kInnerFields};

constexpr FieldSpec kOuterFields[] = {
    {"title", "Title", FieldType::kString, "t"},
    {"size", "sizeX", FieldType::kNumber, "s"},
    {"flag", "flag", FieldType::kBool, "f"},
    {"inner", "inner", FieldType::kObject, "i", &kInner},
    {"items", "items", FieldType::kObjectList, "l", &kInner},
    {"tags", "tags", FieldType::kTagMap, "m", &kPair},
};
constexpr RecordSpec kOuter{"Outer", kOuterFields};

json::Node Tree(std::string_view text) {
  auto tree = json::ParseTree(text, 64, json::InvalidUtf8::kReject);
  INFO(text);
  REQUIRE(tree.has_value());
  return std::move(*tree);
}

// "" and the record, or the problem.
std::string Read(std::string_view text, Record& out, const std::string& path = "root") {
  return jdcloud::ReadRecord(Tree(text), path, out);
}

}  // namespace

TEST_CASE("ReadRecord fills each field by its table, values parallel to the table", "[record]") {
  Record r(kOuter);
  REQUIRE(Read(R"({"Title":"t","sizeX":1.50,"flag":true,"inner":{"count":-0},
                  "items":[{"count":1},null,{}],"tags":[{"key":"a","value":"b"},null],
                  "title":"wrong case, ignored","unknown":{"deep":[1,2,{"x":null}]}})",
               r) == "");
  CHECK(r.spec().name == "Outer");
  CHECK(*r.GetString("title") == "t");
  CHECK(std::get<std::string>(r.value(0)) == "t");
  CHECK(std::get<NumberText>(r.value(kOuter.IndexOf("size"))) == NumberText{"1.50"});  // not canonicalised
  CHECK(r.GetBool("flag") == true);
  const auto& inner = std::get<RecordPtr>(r.Get("inner"));
  REQUIRE(inner);
  CHECK(&inner->spec() == &kInner);
  CHECK(std::get<NumberText>(inner->Get("count")).text == "-0");
  const auto& items = std::get<RecordList>(r.Get("items"));
  REQUIRE(items.size() == 3);
  REQUIRE(items[0]);
  CHECK(std::get<NumberText>(items[0]->Get("count")).text == "1");
  CHECK(items[1] == nullptr);
  REQUIRE(items[2]);
  CHECK(std::holds_alternative<std::monostate>(items[2]->Get("count")));
  const auto& tags = std::get<RecordList>(r.Get("tags"));
  REQUIRE(tags.size() == 2);
  REQUIRE(tags[0]);
  CHECK(*tags[0]->GetString("value") == "b");
  CHECK(tags[1] == nullptr);
}

TEST_CASE("ReadRecord: absent and null stay monostate; accessors of the wrong type see nothing", "[record]") {
  Record r(kOuter);
  REQUIRE(Read(R"({"Title":null,"flag":null})", r) == "");
  for (std::size_t i = 0; i < kOuter.fields.size(); ++i) {
    INFO(kOuter.fields[i].attribute);
    CHECK(std::holds_alternative<std::monostate>(r.value(i)));
  }
  CHECK(r.GetString("title") == nullptr);
  CHECK_FALSE(r.GetBool("flag").has_value());
  Record s(kOuter);
  REQUIRE(Read(R"({"sizeX":3})", s) == "");
  CHECK(s.GetString("size") == nullptr);  // a number is not a string
}

TEST_CASE("ReadRecord: the first wrong kind is the problem, with its path", "[record]") {
  struct Case {
    const char* json;
    const char* problem;
  };
  const Case cases[] = {
      {R"({"Title":1})", "field root.Title: expected string, got number"},
      {R"({"sizeX":"1"})", "field root.sizeX: expected number, got string"},
      {R"({"sizeX":null,"flag":"yes"})", "field root.flag: expected bool, got string"},
      {R"({"inner":[]})", "field root.inner: expected object, got array"},
      {R"({"inner":{"count":[1]}})", "field root.inner.count: expected number, got array"},
      {R"({"items":{}})", "field root.items: expected array, got object"},
      {R"({"items":[null,{"count":true}]})", "field root.items[1].count: expected number, got bool"},
      {R"({"items":[null,null,3]})", "field root.items[2]: expected object, got number"},
      {R"({"tags":[{"key":{}}]})", "field root.tags[0].key: expected string, got object"},
      {R"({"tags":"a=b"})", "field root.tags: expected array, got string"},
  };
  for (const auto& c : cases) {
    INFO(c.json);
    Record r(kOuter);
    CHECK(Read(c.json, r) == c.problem);
  }
  Record top(kOuter);
  CHECK(Read(R"({"Title":false})", top, "") == "field Title: expected string, got bool");  // no leading dot
}

TEST_CASE("ReadRecord: a duplicated member counts as its last occurrence", "[record][duplicate]") {
  Record r(kOuter);
  REQUIRE(Read(R"({"Title":"a","sizeX":"not judged","Title":"b","sizeX":2,"inner":{"count":1,"count":9},
                  "flag":true,"flag":false})",
               r) == "");
  CHECK(*r.GetString("title") == "b");
  CHECK(std::get<NumberText>(r.Get("size")).text == "2");
  CHECK(std::get<NumberText>(std::get<RecordPtr>(r.Get("inner"))->Get("count")).text == "9");
  CHECK(r.GetBool("flag") == false);
}

TEST_CASE("the image table: one entry per SPEC attribute, in the SPEC's order", "[record][image]") {
  const RecordSpec& spec = jdcloud::ImageSpec();
  CHECK(spec.name == "Image");
  REQUIRE(spec.fields.size() == 24);
  CHECK(spec.fields.front().attribute == "id");
  CHECK(spec.fields.front().member == "imageId");
  CHECK(spec.fields[spec.IndexOf("description")].member == "desc");
  CHECK(spec.fields[spec.IndexOf("size_mb")].type == FieldType::kNumber);
  CHECK(spec.fields[spec.IndexOf("data_disks")].type == FieldType::kObjectList);
  CHECK(spec.fields[spec.IndexOf("data_disks")].nested == spec.fields[spec.IndexOf("system_disk")].nested);
  for (const auto& field : spec.fields) {
    INFO(field.attribute);
    CHECK_FALSE(field.description.empty());
    CHECK((field.nested != nullptr) ==
          (field.type == FieldType::kObject || field.type == FieldType::kObjectList || field.type == FieldType::kTagMap));
  }
}

TEST_CASE("json::Node::Member finds the last occurrence, and only in objects", "[json]") {
  const json::Node root = Tree(R"({"a":1,"b":{"c":"x","c":"y"},"a":2,"a":"three","":"empty key"})");
  REQUIRE(root.kind == json::Node::Kind::Object);
  CHECK(root.keys.size() == 5);  // duplicates are kept in the tree, in order
  const json::Node* a = root.Member("a");
  REQUIRE(a);
  CHECK(a->kind == json::Node::Kind::String);
  CHECK(a->text == "three");
  REQUIRE(root.Member("b"));
  REQUIRE(root.Member("b")->Member("c"));
  CHECK(root.Member("b")->Member("c")->text == "y");
  CHECK(root.Member("")->text == "empty key");
  CHECK(root.Member("A") == nullptr);
  CHECK(root.Member("missing") == nullptr);
  const json::Node array = Tree(R"(["a", {"a":1}])");
  CHECK(array.Member("a") == nullptr);
  CHECK(Tree("\"a\"").Member("a") == nullptr);
}

TEST_CASE("json::ParseTree keeps number text exactly and kinds apart", "[json]") {
  const json::Node n = Tree(R"([40, 40.0, 4e1, -0, -0.0, 18446744073709551616, 1e-400, "40", true, null])");
  REQUIRE(n.items.size() == 10);
  const char* texts[] = {"40", "40.0", "4e1", "-0", "-0.0", "18446744073709551616", "1e-400"};
  for (int i = 0; i < 7; ++i) {
    CHECK(n.items[i].kind == json::Node::Kind::Number);
    CHECK(n.items[i].text == texts[i]);
  }
  CHECK(n.items[7].kind == json::Node::Kind::String);
  CHECK(n.items[8].kind == json::Node::Kind::Bool);
  CHECK(n.items[8].boolean);
  CHECK(n.items[9].kind == json::Node::Kind::Null);
  CHECK(std::string(json::KindName(json::Node::Kind::Object)) == "object");
}

// RapidJSON 1.1 refuses exponents beyond double range even when numbers are
// kept as text; ParseTree reads them all the same.
TEST_CASE("json::ParseTree keeps numbers beyond double range", "[json]") {
  for (const char* text : {"1e400", "1e309", "[1e400]"}) {
    INFO(text);
    auto tree = json::ParseTree(text, 8);
    REQUIRE(tree.has_value());
    const json::Node& n = tree->kind == json::Node::Kind::Array ? tree->items.at(0) : *tree;
    CHECK(n.kind == json::Node::Kind::Number);
  }
}

TEST_CASE("json::ParseTree: invalid UTF-8 is replaced or rejected as asked", "[json][utf8]") {
  const std::string bad = "{\"name\":\"a\xff" "b\",\"k\xfe\":1}";
  auto replaced = json::ParseTree(bad, 8, json::InvalidUtf8::kReplace);
  REQUIRE(replaced.has_value());
  REQUIRE(replaced->Member("name"));
  CHECK(replaced->Member("name")->text == "a\xEF\xBF\xBD" "b");  // U+FFFD for the bad byte
  CHECK(replaced->Member("k\xEF\xBF\xBD"));
  auto defaulted = json::ParseTree(bad, 8);  // kReplace is the default
  REQUIRE(defaulted.has_value());
  CHECK(defaulted->Member("name")->text == replaced->Member("name")->text);

  auto rejected = json::ParseTree(bad, 8, json::InvalidUtf8::kReject);
  REQUIRE_FALSE(rejected.has_value());
  CHECK_THAT(rejected.error(), Catch::Contains("invalid JSON"));

  // Valid multi-byte text passes both ways unchanged (CJK, an emoji, an escaped surrogate pair).
  const std::string good = "{\"s\":\"\xE4\xB8\xAD \xF0\x9F\x98\x80 \\ud83d\\ude00\"}";
  for (auto mode : {json::InvalidUtf8::kReplace, json::InvalidUtf8::kReject}) {
    auto t = json::ParseTree(good, 8, mode);
    REQUIRE(t.has_value());
    CHECK(t->Member("s")->text == "\xE4\xB8\xAD \xF0\x9F\x98\x80 \xF0\x9F\x98\x80");
  }
}

TEST_CASE("json::ParseTree refuses nesting beyond its limit and what is not one JSON value", "[json]") {
  CHECK(json::ParseTree("[[[]]]", 3).has_value());
  auto deep = json::ParseTree("[[[[]]]]", 3);
  REQUIRE_FALSE(deep.has_value());
  CHECK_THAT(deep.error(), Catch::Contains("deeper than 3"));
  CHECK_FALSE(json::ParseTree(std::string(100000, '['), 256).has_value());
  CHECK_FALSE(json::ParseTree("{} {}", 8).has_value());
  CHECK_FALSE(json::ParseTree(std::string("{\"a\":1}\0", 8), 8).has_value());  // a NUL byte is never JSON
  CHECK(json::ParseTree("  {\"a\" : 1 }  ", 8).has_value());
}
