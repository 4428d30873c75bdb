// cty types, as go-cty models them: the type system of Terraform values.
// A Type is an immutable, cheaply copyable handle (shared representation).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace cty {

enum class Kind { String, Number, Bool, List, Set, Map, Object, Tuple, Dynamic };

class Type {
 public:
  Type();  // Dynamic
  static Type String();
  static Type Number();
  static Type Bool();
  static Type Dynamic();
  static Type List(Type element);
  static Type Set(Type element);
  static Type Map(Type element);
  static Type Object(std::map<std::string, Type> attributes);
  static Type Tuple(std::vector<Type> elements);

  Kind kind() const;
  bool is_primitive() const;   // string, number, bool
  bool is_collection() const;  // list, set, map
  bool is_dynamic() const { return kind() == Kind::Dynamic; }
  // True when `dynamic` appears anywhere inside (values of such types carry
  // their real types, which may differ from this one).
  bool HasDynamic() const;
  // Element type of a list, set or map. Undefined for other kinds.
  const Type& element() const;
  // Attribute types of an object (sorted by name). Empty for other kinds.
  const std::map<std::string, Type>& attributes() const;
  // Element types of a tuple. Empty for other kinds.
  const std::vector<Type>& elements() const;

  bool operator==(const Type& other) const;
  bool operator!=(const Type& other) const { return !(*this == other); }

  // Human-readable name for diagnostics, e.g. "list of string".
  std::string FriendlyName() const;

 private:
  struct Rep;
  explicit Type(std::shared_ptr<const Rep> rep);
  std::shared_ptr<const Rep> rep_;
};

}  // namespace cty
