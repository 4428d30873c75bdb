// A cty value: a Type plus null / unknown / known contents. Values are
// immutable and cheaply copyable (shared representation). Containers built
// with the factories below are checked: an element of the wrong type is a
// programming error (assert), not a runtime case, because wire input goes
// through the decoders, which report errors instead.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cty/number.h"
#include "cty/type.h"

namespace cty {

class Value {
 public:
  Value();  // null of dynamic type
  static Value Null(Type type);
  static Value Unknown(Type type);
  static Value String(std::string s);
  static Value NumberVal(Number n);
  static Value Int(int64_t v);
  static Value Bool(bool b);
  // Collections carry their element type so that empty ones are typed.
  static Value List(Type element, std::vector<Value> elements);
  // Sets are kept sorted by Compare, with equal wholly known elements merged.
  static Value Set(Type element, std::vector<Value> elements);
  static Value Map(Type element, std::map<std::string, Value> entries);
  // An object's type is the object of its attributes' types.
  static Value Object(std::map<std::string, Value> attributes);
  // The same, when the caller already has the object type: every attribute of
  // `type` present with exactly its type. Saves building the type again, which
  // is most of the cost of mapping a large state.
  static Value Object(Type type, std::map<std::string, Value> attributes);
  static Value Tuple(std::vector<Value> elements);

  const Type& type() const;
  bool is_null() const;
  bool is_unknown() const;
  bool is_known() const { return !is_unknown(); }
  // No unknown anywhere inside.
  bool IsWhollyKnown() const;

  // Accessors for known, non-null values of the matching kind.
  const std::string& as_string() const;
  const Number& as_number() const;
  bool as_bool() const;
  const std::vector<Value>& elements() const;              // list, set, tuple
  const std::map<std::string, Value>& entries() const;     // map, object
  // An object's attribute; a null of dynamic type when absent or when this
  // value is null/unknown.
  const Value& GetAttr(std::string_view name) const;

  bool operator==(const Value& other) const;  // structural, type included
  bool operator!=(const Value& other) const { return !(*this == other); }
  // A total order (types, then null < known < unknown, then contents), used
  // to keep set elements sorted and free of duplicates. <0, 0 or >0.
  static int Compare(const Value& a, const Value& b);

 private:
  struct Rep;
  explicit Value(std::shared_ptr<const Rep> rep);
  std::shared_ptr<const Rep> rep_;
};

}  // namespace cty
