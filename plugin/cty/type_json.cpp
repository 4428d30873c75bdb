#include "cty/type_json.h"

#include "cty/codec.h"
#include "json/quoting.h"

namespace cty {

namespace internal {

namespace {

std::unexpected<std::string> Fail(std::string message) { return std::unexpected(std::move(message)); }

std::expected<Type, std::string> ComplexTypeFromJson(const json::Node& node) {
  const auto& items = node.items;
  if (items.empty() || items[0].kind != json::Node::Kind::String) return Fail("invalid complex type kind name");
  const std::string& kind = items[0].text;
  // An object type may carry a third element listing optional attributes
  // (type constraints only); it is accepted and ignored.
  size_t allowed = kind == "object" ? 3 : 2;
  if (items.size() < 2) return Fail("missing element type in " + kind + " type description");
  if (items.size() > allowed) return Fail("unexpected extra data in type description");

  if (kind == "list" || kind == "set" || kind == "map") {
    auto element = TypeFromJsonNode(items[1]);
    if (!element) return element;
    if (kind == "list") return Type::List(*element);
    if (kind == "set") return Type::Set(*element);
    return Type::Map(*element);
  }
  if (kind == "object") {
    if (items[1].kind != json::Node::Kind::Object) return Fail("object type attributes must be a JSON object");
    std::map<std::string, Type> attributes;
    const json::Node& members = items[1];
    for (size_t i = 0; i < members.items.size(); ++i) {
      auto t = TypeFromJsonNode(members.items[i]);
      if (!t) return t;
      attributes.insert_or_assign(members.keys[i], *t);  // duplicate names: last wins, as in Go
    }
    if (items.size() == 3) {
      if (items[2].kind != json::Node::Kind::Array) return Fail("optional attributes must be a JSON array");
      for (const auto& name : items[2].items) {
        if (name.kind != json::Node::Kind::String) return Fail("optional attribute names must be strings");
      }
    }
    return Type::Object(std::move(attributes));
  }
  if (kind == "tuple") {
    if (items[1].kind != json::Node::Kind::Array) return Fail("tuple element types must be a JSON array");
    std::vector<Type> elements;
    elements.reserve(items[1].items.size());
    for (const auto& item : items[1].items) {
      auto t = TypeFromJsonNode(item);
      if (!t) return t;
      elements.push_back(*t);
    }
    return Type::Tuple(std::move(elements));
  }
  return Fail("invalid complex type kind name \"" + kind + "\"");
}

}  // namespace

std::expected<Type, std::string> TypeFromJsonNode(const json::Node& node) {
  if (node.kind == json::Node::Kind::String) {
    if (node.text == "string") return Type::String();
    if (node.text == "number") return Type::Number();
    if (node.text == "bool") return Type::Bool();
    if (node.text == "dynamic") return Type::Dynamic();
    std::string quoted;
    json::AppendQuoted(quoted, node.text);
    return Fail("invalid primitive type name " + quoted);
  }
  if (node.kind == json::Node::Kind::Array) return ComplexTypeFromJson(node);
  return Fail("invalid type description");
}

}  // namespace internal

namespace {

void AppendTypeJson(std::string& out, const Type& type) {
  switch (type.kind()) {
    case Kind::String: out += "\"string\""; return;
    case Kind::Number: out += "\"number\""; return;
    case Kind::Bool: out += "\"bool\""; return;
    case Kind::Dynamic: out += "\"dynamic\""; return;
    case Kind::List:
    case Kind::Set:
    case Kind::Map:
      out += type.kind() == Kind::List ? "[\"list\"," : type.kind() == Kind::Set ? "[\"set\"," : "[\"map\",";
      AppendTypeJson(out, type.element());
      out += ']';
      return;
    case Kind::Object: {
      out += "[\"object\",{";
      bool first = true;
      for (const auto& [name, t] : type.attributes()) {  // std::map: bytewise sorted, as Go
        if (!first) out += ',';
        first = false;
        json::AppendQuoted(out, name);
        out += ':';
        AppendTypeJson(out, t);
      }
      out += "}]";
      return;
    }
    case Kind::Tuple: {
      out += "[\"tuple\",[";
      bool first = true;
      for (const auto& t : type.elements()) {
        if (!first) out += ',';
        first = false;
        AppendTypeJson(out, t);
      }
      out += "]]";
      return;
    }
  }
}

}  // namespace

std::string TypeToJson(const Type& type) {
  std::string out;
  AppendTypeJson(out, type);
  return out;
}

std::expected<Type, DecodeError> TypeFromJson(std::string_view json) {
  auto tree = json::ParseTree(json, internal::kMaxJsonDepth);
  if (!tree) return std::unexpected(DecodeError{tree.error()});
  auto type = internal::TypeFromJsonNode(*tree);
  if (!type) return std::unexpected(DecodeError{type.error()});
  return *type;
}

}  // namespace cty
