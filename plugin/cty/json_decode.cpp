// DecodeJson: go-cty's cty/json Unmarshal rules over an exact-number JSON tree.
#include "cty/codec.h"
#include "cty/decode_path.h"
#include "cty/element_type.h"
#include "json/quoting.h"
#include "json/tree.h"
#include "cty/type_json.h"

namespace cty {

namespace {

using internal::DecodePath;


using Result = std::expected<Value, DecodeError>;

std::string Quote(std::string_view s) {
  std::string out;
  json::AppendQuoted(out, s);
  return out;
}

std::string Got(const json::Node& n) { return std::string(", got ") + json::KindName(n.kind); }

class JsonDecoder {
 public:
  Result Decode(const json::Node& node, const Type& type) {
    if (node.kind == json::Node::Kind::Null) return Value::Null(type);
    switch (type.kind()) {
      case Kind::Dynamic: return DecodeDynamic(node);
      case Kind::String: return DecodeString(node);
      case Kind::Number: return DecodeNumber(node);
      case Kind::Bool: return DecodeBool(node);
      case Kind::List:
      case Kind::Set: return DecodeSequence(node, type);
      case Kind::Map: return DecodeMap(node, type);
      case Kind::Tuple: return DecodeTuple(node, type);
      case Kind::Object: return DecodeObject(node, type);
    }
    return Fail("unsupported type " + type.FriendlyName());
  }

 private:
  std::unexpected<DecodeError> Fail(std::string_view message) const { return std::unexpected(path_.Error(message)); }

  // {"value": <value>, "type": <type JSON>}, both required, nothing else.
  Result DecodeDynamic(const json::Node& node) {
    if (node.kind != json::Node::Kind::Object) return Fail("dynamic value must be an object with \"type\" and \"value\"" + Got(node));
    const json::Node* type_node = nullptr;
    const json::Node* value_node = nullptr;
    for (size_t i = 0; i < node.items.size(); ++i) {
      const std::string& key = node.keys[i];
      const json::Node& member = node.items[i];
      if (key == "type") {
        type_node = &member;
      } else if (key == "value") {
        value_node = &member;
      } else {
        return Fail("invalid key " + Quote(key) + " in dynamically-typed value");
      }
    }
    if (!type_node) return Fail("missing type in dynamically-typed value");
    if (!value_node) return Fail("missing value in dynamically-typed value");
    auto type = internal::TypeFromJsonNode(*type_node);
    if (!type) return Fail("failed to decode type for dynamic value: " + type.error());
    return Decode(*value_node, *type);
  }

  Result DecodeString(const json::Node& node) {
    switch (node.kind) {
      case json::Node::Kind::String:
      case json::Node::Kind::Number: return Value::String(node.text);  // numbers keep their source text
      case json::Node::Kind::Bool: return Value::String(node.boolean ? "true" : "false");
      default: return Fail("string required" + Got(node));
    }
  }

  Result DecodeNumber(const json::Node& node) {
    if (node.kind != json::Node::Kind::Number && node.kind != json::Node::Kind::String) {
      return Fail("number required" + Got(node));
    }
    auto n = Number::Parse(node.text);
    if (!n) return Fail("a number is required");
    return Value::NumberVal(*n);
  }

  // go-cty converts only these four strings to bool.
  Result DecodeBool(const json::Node& node) {
    if (node.kind == json::Node::Kind::Bool) return Value::Bool(node.boolean);
    if (node.kind != json::Node::Kind::String) return Fail("bool required" + Got(node));
    if (node.text == "true" || node.text == "1") return Value::Bool(true);
    if (node.text == "false" || node.text == "0") return Value::Bool(false);
    return Fail("a bool is required");
  }

  Result DecodeSequence(const json::Node& node, const Type& type) {
    const char* what = type.kind() == Kind::List ? "list" : "set";
    if (node.kind != json::Node::Kind::Array) return Fail(std::string(what) + " required" + Got(node));
    std::vector<Value> elements;
    elements.reserve(node.items.size());
    for (size_t i = 0; i < node.items.size(); ++i) {
      path_.PushIndex(i);
      auto v = Decode(node.items[i], type.element());
      if (!v) return v;
      path_.Pop();
      elements.push_back(std::move(*v));
    }
    auto element = internal::ElementTypeOf(type.element(), elements);
    if (!element) return Fail(element.error());
    if (type.kind() == Kind::List) return Value::List(*element, std::move(elements));
    return Value::Set(*element, std::move(elements));
  }

  Result DecodeMap(const json::Node& node, const Type& type) {
    if (node.kind != json::Node::Kind::Object) return Fail("map required" + Got(node));
    std::map<std::string, Value> entries;
    for (size_t i = 0; i < node.items.size(); ++i) {
      const std::string& key = node.keys[i];
      const json::Node& member = node.items[i];
      path_.PushKey(key);
      auto v = Decode(member, type.element());
      if (!v) return v;
      path_.Pop();
      entries.insert_or_assign(key, std::move(*v));  // repeated key: last wins, as in Go
    }
    auto element = internal::ElementTypeOf(type.element(), entries);
    if (!element) return Fail(element.error());
    return Value::Map(*element, std::move(entries));
  }

  Result DecodeTuple(const json::Node& node, const Type& type) {
    if (node.kind != json::Node::Kind::Array) return Fail("tuple required" + Got(node));
    const auto& types = type.elements();
    if (node.items.size() > types.size()) return Fail("too many tuple elements (need " + std::to_string(types.size()) + ")");
    if (node.items.size() < types.size()) return Fail("not enough tuple elements (need " + std::to_string(types.size()) + ")");
    std::vector<Value> elements;
    elements.reserve(types.size());
    for (size_t i = 0; i < types.size(); ++i) {
      path_.PushIndex(i);
      auto v = Decode(node.items[i], types[i]);
      if (!v) return v;
      path_.Pop();
      elements.push_back(std::move(*v));
    }
    return Value::Tuple(std::move(elements));
  }

  // Missing attributes become null; unknown names are errors.
  Result DecodeObject(const json::Node& node, const Type& type) {
    if (node.kind != json::Node::Kind::Object) return Fail("object required" + Got(node));
    const auto& attributes = type.attributes();
    std::map<std::string, Value> values;
    for (size_t i = 0; i < node.items.size(); ++i) {
      const std::string& key = node.keys[i];
      const json::Node& member = node.items[i];
      auto attribute = attributes.find(key);
      if (attribute == attributes.end()) return Fail("unsupported attribute " + Quote(key));
      path_.PushAttribute(key);
      auto v = Decode(member, attribute->second);
      if (!v) return v;
      path_.Pop();
      values.insert_or_assign(key, std::move(*v));
    }
    for (const auto& [name, attribute_type] : attributes) {
      if (!values.contains(name)) values.emplace(name, Value::Null(attribute_type));
    }
    // Without dynamic inside, every decoded attribute has exactly its schema
    // type: reuse the schema's object type instead of building it again.
    if (!type.HasDynamic()) return Value::Object(type, std::move(values));
    return Value::Object(std::move(values));
  }

  DecodePath path_;
};

}  // namespace

std::expected<Value, DecodeError> DecodeJson(std::string_view json, const Type& type) {
  // The tree's depth limit bounds the recursion below (each level of the
  // value is a level of JSON).
  auto tree = json::ParseTree(json, internal::kMaxJsonDepth);
  if (!tree) return std::unexpected(DecodeError{tree.error()});
  JsonDecoder decoder;
  return decoder.Decode(*tree, type);
}

}  // namespace cty
