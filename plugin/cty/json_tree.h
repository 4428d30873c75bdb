// Internal: a small JSON document tree that, unlike RapidJSON's DOM, keeps
// numbers as their exact source text while remembering they were numbers,
// and refuses nesting deeper than a limit while parsing (no recursion).
#pragma once

#include <expected>
#include <string>
#include <string_view>
#include <vector>

namespace cty::internal {

// Object members are `keys[i]: items[i]`, in source order. (Parallel
// vectors because std::vector is the one container that may hold the
// still-incomplete JsonNode portably.)
struct JsonNode {
  enum class Kind { Null, Bool, Number, String, Array, Object };
  Kind kind = Kind::Null;
  bool boolean = false;
  std::string text;             // String value or Number text
  std::vector<JsonNode> items;  // Array elements or Object member values
  std::vector<std::string> keys;  // Object member names
};

const char* DescribeJsonKind(JsonNode::Kind kind);

// Parses one JSON value (surrounding whitespace allowed, nothing else).
std::expected<JsonNode, std::string> ParseJsonTree(std::string_view json, size_t max_depth);

}  // namespace cty::internal
