// Internal: the element type of a decoded collection. When the schema's
// element type involves `dynamic`, decoded elements carry their real types;
// a cty collection needs them all equal (go-cty would panic otherwise, we
// report an error).
#pragma once

#include <expected>
#include <map>
#include <string>
#include <vector>

#include "cty/type.h"
#include "cty/value.h"

namespace cty::internal {

std::expected<Type, std::string> ElementTypeOf(const Type& schema_element, const std::vector<Value>& elements);
std::expected<Type, std::string> ElementTypeOf(const Type& schema_element,
                                               const std::map<std::string, Value>& entries);

}  // namespace cty::internal
