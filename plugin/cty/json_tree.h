// Internal: a small JSON document tree that, unlike RapidJSON's DOM, keeps
// numbers as their exact source text while remembering they were numbers,
// and refuses nesting deeper than a limit while parsing (no recursion).
#pragma once

#include <expected>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cty::internal {

struct JsonNode {
  enum class Kind { Null, Bool, Number, String, Array, Object };
  Kind kind = Kind::Null;
  bool boolean = false;
  std::string text;                                        // String value or Number text
  std::vector<JsonNode> items;                             // Array
  std::vector<std::pair<std::string, JsonNode>> members;   // Object, in source order
};

const char* DescribeJsonKind(JsonNode::Kind kind);

// Parses one JSON value (surrounding whitespace allowed, nothing else).
std::expected<JsonNode, std::string> ParseJsonTree(std::string_view json, size_t max_depth);

}  // namespace cty::internal
