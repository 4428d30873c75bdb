#include "cty/type.h"

#include <optional>

namespace cty {

struct Type::Rep {
  Kind kind = Kind::Dynamic;
  std::optional<Type> element;             // list, set, map
  std::map<std::string, Type> attributes;  // object
  std::vector<Type> elements;              // tuple
  bool has_dynamic = false;
};

namespace {

const std::map<std::string, Type>& EmptyAttributes() {
  static const std::map<std::string, Type> empty;
  return empty;
}

const std::vector<Type>& EmptyElements() {
  static const std::vector<Type> empty;
  return empty;
}

}  // namespace

Type::Type() : Type(Dynamic()) {}

Type::Type(std::shared_ptr<const Rep> rep) : rep_(std::move(rep)) {}

// Primitive and dynamic types are shared singletons, so copying and comparing
// them is a pointer operation.
Type Type::String() {
  static const Type t(std::make_shared<const Rep>(Rep{Kind::String, std::nullopt, {}, {}, false}));
  return t;
}
Type Type::Number() {
  static const Type t(std::make_shared<const Rep>(Rep{Kind::Number, std::nullopt, {}, {}, false}));
  return t;
}
Type Type::Bool() {
  static const Type t(std::make_shared<const Rep>(Rep{Kind::Bool, std::nullopt, {}, {}, false}));
  return t;
}
Type Type::Dynamic() {
  static const Type t(std::make_shared<const Rep>(Rep{Kind::Dynamic, std::nullopt, {}, {}, true}));
  return t;
}

Type Type::List(Type element) {
  bool dyn = element.HasDynamic();
  return Type(std::make_shared<const Rep>(Rep{Kind::List, std::move(element), {}, {}, dyn}));
}
Type Type::Set(Type element) {
  bool dyn = element.HasDynamic();
  return Type(std::make_shared<const Rep>(Rep{Kind::Set, std::move(element), {}, {}, dyn}));
}
Type Type::Map(Type element) {
  bool dyn = element.HasDynamic();
  return Type(std::make_shared<const Rep>(Rep{Kind::Map, std::move(element), {}, {}, dyn}));
}

Type Type::Object(std::map<std::string, Type> attributes) {
  bool dyn = false;
  for (const auto& [name, t] : attributes) dyn = dyn || t.HasDynamic();
  return Type(std::make_shared<const Rep>(Rep{Kind::Object, std::nullopt, std::move(attributes), {}, dyn}));
}

Type Type::Tuple(std::vector<Type> elements) {
  bool dyn = false;
  for (const auto& t : elements) dyn = dyn || t.HasDynamic();
  return Type(std::make_shared<const Rep>(Rep{Kind::Tuple, std::nullopt, {}, std::move(elements), dyn}));
}

Kind Type::kind() const { return rep_->kind; }

bool Type::is_primitive() const {
  Kind k = kind();
  return k == Kind::String || k == Kind::Number || k == Kind::Bool;
}

bool Type::is_collection() const {
  Kind k = kind();
  return k == Kind::List || k == Kind::Set || k == Kind::Map;
}

bool Type::HasDynamic() const { return rep_->has_dynamic; }

const Type& Type::element() const {
  // Not a collection: answer dynamic rather than leave a dangling reference.
  static const Type fallback = Dynamic();
  return rep_->element ? *rep_->element : fallback;
}

const std::map<std::string, Type>& Type::attributes() const {
  return rep_->kind == Kind::Object ? rep_->attributes : EmptyAttributes();
}

const std::vector<Type>& Type::elements() const {
  return rep_->kind == Kind::Tuple ? rep_->elements : EmptyElements();
}

bool Type::operator==(const Type& other) const {
  if (rep_ == other.rep_) return true;
  if (kind() != other.kind()) return false;
  switch (kind()) {
    case Kind::List:
    case Kind::Set:
    case Kind::Map:
      return element() == other.element();
    case Kind::Object:
      return rep_->attributes == other.rep_->attributes;
    case Kind::Tuple:
      return rep_->elements == other.rep_->elements;
    default:
      return true;  // primitives and dynamic have no parameters
  }
}

std::string Type::FriendlyName() const {
  switch (kind()) {
    case Kind::String: return "string";
    case Kind::Number: return "number";
    case Kind::Bool: return "bool";
    case Kind::List: return "list of " + element().FriendlyName();
    case Kind::Set: return "set of " + element().FriendlyName();
    case Kind::Map: return "map of " + element().FriendlyName();
    case Kind::Object: return "object";
    case Kind::Tuple: return "tuple";
    case Kind::Dynamic: return "dynamic";
  }
  return "dynamic";
}

}  // namespace cty
