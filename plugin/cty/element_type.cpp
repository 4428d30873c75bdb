#include "cty/element_type.h"

namespace cty::internal {

namespace {

template <typename Range, typename Get>
std::expected<Type, std::string> Unify(const Type& schema_element, const Range& range, Get get) {
  if (!schema_element.HasDynamic() || range.empty()) return schema_element;
  const Type& first = get(*range.begin()).type();
  for (const auto& item : range) {
    const Type& t = get(item).type();
    if (t != first) {
      return std::unexpected("inconsistent element types (" + first.FriendlyName() + " then " + t.FriendlyName() + ")");
    }
  }
  return first;
}

}  // namespace

std::expected<Type, std::string> ElementTypeOf(const Type& schema_element, const std::vector<Value>& elements) {
  return Unify(schema_element, elements, [](const Value& v) -> const Value& { return v; });
}

std::expected<Type, std::string> ElementTypeOf(const Type& schema_element,
                                               const std::map<std::string, Value>& entries) {
  return Unify(schema_element, entries, [](const auto& kv) -> const Value& { return kv.second; });
}

}  // namespace cty::internal
