// A small JSON document tree that, unlike RapidJSON's DOM, keeps numbers as
// their exact source text while remembering they were numbers, and refuses
// nesting deeper than a limit while parsing (no recursion). Both Terraform's
// JSON values (cty) and JD Cloud's answers (jdcloud) are read through it.
#pragma once

#include <expected>
#include <string>
#include <string_view>
#include <vector>

namespace json {

// Object members are `keys[i]: items[i]`, in source order, duplicates kept.
// (Parallel vectors because std::vector is the one container that may hold
// the still-incomplete Node portably.)
struct Node {
  enum class Kind { Null, Bool, Number, String, Array, Object };
  Kind kind = Kind::Null;
  bool boolean = false;
  std::string text;               // String value or Number text
  std::vector<Node> items;        // Array elements or Object member values
  std::vector<std::string> keys;  // Object member names

  // An object's member called `key`; its last occurrence when the key is
  // duplicated, as Go's encoding/json and JavaScript's JSON.parse read it.
  // nullptr when absent or when this is not an object.
  const Node* Member(std::string_view key) const;
};

const char* KindName(Node::Kind kind);

// What a string that is not valid UTF-8 becomes.
enum class InvalidUtf8 {
  kReplace,  // each bad byte becomes U+FFFD, as Go's encoding/json decodes
  kReject,   // a parse error: the text is not what it claims to be
};

// Parses one JSON value (surrounding whitespace allowed, nothing else).
std::expected<Node, std::string> ParseTree(std::string_view json, size_t max_depth,
                                           InvalidUtf8 invalid_utf8 = InvalidUtf8::kReplace);

}  // namespace json
