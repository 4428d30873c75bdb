// Internal: cty type JSON read from an already parsed JSON tree (used by
// TypeFromJson and by the JSON value decoder's dynamic values).
#pragma once

#include <expected>
#include <string>

#include "json/tree.h"
#include "cty/type.h"

namespace cty::internal {

// JSON nesting allowed in type JSON and JSON values.
inline constexpr size_t kMaxJsonDepth = 128;

std::expected<Type, std::string> TypeFromJsonNode(const json::Node& node);

}  // namespace cty::internal
