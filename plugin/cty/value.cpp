#include "cty/value.h"

#include <algorithm>
#include <cassert>
#include <variant>

namespace cty {

namespace {

enum class State { Null, Known, Unknown };

using Payload = std::variant<std::monostate, std::string, Number, bool, std::vector<Value>,
                             std::map<std::string, Value>>;

}  // namespace

struct Value::Rep {
  Type type;
  State state = State::Null;
  Payload payload;
  bool wholly_known = true;  // cached: nothing unknown anywhere inside
};

namespace {

const Value& NullDynamic() {
  static const Value v;
  return v;
}

// An element may be placed in a collection whose element type is the same
// type, or dynamic (the caller does not know the concrete type).
[[maybe_unused]] bool Conforms(const Value& v, const Type& element) {
  return element.is_dynamic() || v.type() == element;
}

template <typename Range>
bool AllWhollyKnown(const Range& values) {
  return std::all_of(values.begin(), values.end(), [](const Value& v) { return v.IsWhollyKnown(); });
}

int CompareTypes(const Type& a, const Type& b) {
  if (a.kind() != b.kind()) return a.kind() < b.kind() ? -1 : 1;
  switch (a.kind()) {
    case Kind::List:
    case Kind::Set:
    case Kind::Map:
      return CompareTypes(a.element(), b.element());
    case Kind::Object: {
      const auto& x = a.attributes();
      const auto& y = b.attributes();
      auto i = x.begin();
      auto j = y.begin();
      for (; i != x.end() && j != y.end(); ++i, ++j) {
        if (int c = i->first.compare(j->first); c != 0) return c;
        if (int c = CompareTypes(i->second, j->second); c != 0) return c;
      }
      return i == x.end() ? (j == y.end() ? 0 : -1) : 1;
    }
    case Kind::Tuple: {
      const auto& x = a.elements();
      const auto& y = b.elements();
      for (size_t k = 0; k < x.size() && k < y.size(); ++k) {
        if (int c = CompareTypes(x[k], y[k]); c != 0) return c;
      }
      return x.size() == y.size() ? 0 : (x.size() < y.size() ? -1 : 1);
    }
    default:
      return 0;
  }
}

}  // namespace

Value::Value() {
  // Default values are common placeholders: share one representation.
  static const std::shared_ptr<const Rep> null_dynamic =
      std::make_shared<const Rep>(Rep{Type::Dynamic(), State::Null, {}, true});
  rep_ = null_dynamic;
}

Value::Value(std::shared_ptr<const Rep> rep) : rep_(std::move(rep)) {}

Value Value::Null(Type type) {
  // Nulls of primitive types are the most common values in a state (every
  // field the API left out): share one representation of each.
  static const Value null_string(std::make_shared<const Rep>(Rep{Type::String(), State::Null, {}, true}));
  static const Value null_number(std::make_shared<const Rep>(Rep{Type::Number(), State::Null, {}, true}));
  static const Value null_bool(std::make_shared<const Rep>(Rep{Type::Bool(), State::Null, {}, true}));
  switch (type.kind()) {
    case Kind::String: return null_string;
    case Kind::Number: return null_number;
    case Kind::Bool: return null_bool;
    default: return Value(std::make_shared<const Rep>(Rep{std::move(type), State::Null, {}, true}));
  }
}

Value Value::Unknown(Type type) {
  return Value(std::make_shared<const Rep>(Rep{std::move(type), State::Unknown, {}, false}));
}

Value Value::String(std::string s) {
  return Value(std::make_shared<const Rep>(Rep{Type::String(), State::Known, std::move(s), true}));
}

Value Value::NumberVal(Number n) {
  return Value(std::make_shared<const Rep>(Rep{Type::Number(), State::Known, std::move(n), true}));
}

Value Value::Int(int64_t v) { return NumberVal(Number::FromInt(v)); }

Value Value::Bool(bool b) {
  return Value(std::make_shared<const Rep>(Rep{Type::Bool(), State::Known, b, true}));
}

Value Value::List(Type element, std::vector<Value> elements) {
  for ([[maybe_unused]] const auto& e : elements) assert(Conforms(e, element));
  bool known = AllWhollyKnown(elements);
  return Value(std::make_shared<const Rep>(
      Rep{Type::List(std::move(element)), State::Known, std::move(elements), known}));
}

Value Value::Set(Type element, std::vector<Value> elements) {
  for ([[maybe_unused]] const auto& e : elements) assert(Conforms(e, element));
  std::stable_sort(elements.begin(), elements.end(),
                   [](const Value& a, const Value& b) { return Compare(a, b) < 0; });
  // Merge duplicates (adjacent once sorted); values with unknowns inside
  // stay distinct, as in cty.
  std::vector<Value> kept;
  kept.reserve(elements.size());
  for (auto& e : elements) {
    if (!kept.empty() && e.IsWhollyKnown() && kept.back() == e) continue;
    kept.push_back(std::move(e));
  }
  elements = std::move(kept);
  bool known = AllWhollyKnown(elements);
  return Value(std::make_shared<const Rep>(
      Rep{Type::Set(std::move(element)), State::Known, std::move(elements), known}));
}

Value Value::Map(Type element, std::map<std::string, Value> entries) {
  bool known = true;
  for ([[maybe_unused]] const auto& [k, v] : entries) {
    assert(Conforms(v, element));
    known = known && v.IsWhollyKnown();
  }
  return Value(std::make_shared<const Rep>(
      Rep{Type::Map(std::move(element)), State::Known, std::move(entries), known}));
}

Value Value::Object(std::map<std::string, Value> attributes) {
  std::map<std::string, Type> types;
  bool known = true;
  for (const auto& [name, v] : attributes) {
    types.emplace_hint(types.end(), name, v.type());
    known = known && v.IsWhollyKnown();
  }
  return Value(std::make_shared<const Rep>(
      Rep{Type::Object(std::move(types)), State::Known, std::move(attributes), known}));
}

Value Value::Object(Type type, std::map<std::string, Value> attributes) {
  assert(type.kind() == Kind::Object && type.attributes().size() == attributes.size());
  bool known = true;
  for (const auto& [name, v] : attributes) {
    assert(type.attributes().contains(name) && v.type() == type.attributes().at(name));
    known = known && v.IsWhollyKnown();
  }
  return Value(std::make_shared<const Rep>(Rep{std::move(type), State::Known, std::move(attributes), known}));
}

Value Value::Tuple(std::vector<Value> elements) {
  std::vector<Type> types;
  types.reserve(elements.size());
  for (const auto& v : elements) types.push_back(v.type());
  bool known = AllWhollyKnown(elements);
  return Value(std::make_shared<const Rep>(
      Rep{Type::Tuple(std::move(types)), State::Known, std::move(elements), known}));
}

const Type& Value::type() const { return rep_->type; }
bool Value::is_null() const { return rep_->state == State::Null; }
bool Value::is_unknown() const { return rep_->state == State::Unknown; }
bool Value::IsWhollyKnown() const { return rep_->wholly_known; }

const std::string& Value::as_string() const {
  static const std::string empty;
  const auto* s = std::get_if<std::string>(&rep_->payload);
  return s ? *s : empty;
}

const Number& Value::as_number() const {
  static const Number zero;
  const auto* n = std::get_if<Number>(&rep_->payload);
  return n ? *n : zero;
}

bool Value::as_bool() const {
  const auto* b = std::get_if<bool>(&rep_->payload);
  return b ? *b : false;
}

const std::vector<Value>& Value::elements() const {
  static const std::vector<Value> empty;
  const auto* v = std::get_if<std::vector<Value>>(&rep_->payload);
  return v ? *v : empty;
}

const std::map<std::string, Value>& Value::entries() const {
  static const std::map<std::string, Value> empty;
  const auto* m = std::get_if<std::map<std::string, Value>>(&rep_->payload);
  return m ? *m : empty;
}

const Value& Value::GetAttr(std::string_view name) const {
  if (type().kind() != Kind::Object) return NullDynamic();
  const auto& attrs = entries();
  auto it = attrs.find(std::string(name));
  return it == attrs.end() ? NullDynamic() : it->second;
}

bool Value::operator==(const Value& other) const {
  if (rep_ == other.rep_) return true;
  return rep_->state == other.rep_->state && rep_->type == other.rep_->type &&
         rep_->payload == other.rep_->payload;
}

int Value::Compare(const Value& a, const Value& b) {
  if (a.rep_ == b.rep_) return 0;
  if (int c = CompareTypes(a.type(), b.type()); c != 0) return c;
  if (a.rep_->state != b.rep_->state) return a.rep_->state < b.rep_->state ? -1 : 1;
  const Payload& x = a.rep_->payload;
  const Payload& y = b.rep_->payload;
  if (x.index() != y.index()) return x.index() < y.index() ? -1 : 1;
  if (const auto* s = std::get_if<std::string>(&x)) return s->compare(std::get<std::string>(y));
  if (const auto* n = std::get_if<Number>(&x)) return n->ToString().compare(std::get<Number>(y).ToString());
  if (const auto* v = std::get_if<bool>(&x)) return int(*v) - int(std::get<bool>(y));
  if (const auto* v = std::get_if<std::vector<Value>>(&x)) {
    const auto& w = std::get<std::vector<Value>>(y);
    for (size_t i = 0; i < v->size() && i < w.size(); ++i) {
      if (int c = Compare((*v)[i], w[i]); c != 0) return c;
    }
    return v->size() == w.size() ? 0 : (v->size() < w.size() ? -1 : 1);
  }
  if (const auto* m = std::get_if<std::map<std::string, Value>>(&x)) {
    const auto& n = std::get<std::map<std::string, Value>>(y);
    auto i = m->begin();
    auto j = n.begin();
    for (; i != m->end() && j != n.end(); ++i, ++j) {
      if (int c = i->first.compare(j->first); c != 0) return c;
      if (int c = Compare(i->second, j->second); c != 0) return c;
    }
    return i == m->end() ? (j == n.end() ? 0 : -1) : 1;
  }
  return 0;  // both monostate: null or unknown of the same type
}

}  // namespace cty
