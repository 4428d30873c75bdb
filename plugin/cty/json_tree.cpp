#include "cty/json_tree.h"

#include "cty/json_string.h"

#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

namespace cty::internal {

const char* DescribeJsonKind(JsonNode::Kind kind) {
  switch (kind) {
    case JsonNode::Kind::Null: return "null";
    case JsonNode::Kind::Bool: return "bool";
    case JsonNode::Kind::Number: return "number";
    case JsonNode::Kind::String: return "string";
    case JsonNode::Kind::Array: return "array";
    case JsonNode::Kind::Object: return "object";
  }
  return "unknown";
}

namespace {

// SAX handler building JsonNodes on an explicit stack of open containers.
class TreeBuilder : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, TreeBuilder> {
 public:
  explicit TreeBuilder(size_t max_depth) : max_depth_(max_depth) {}

  bool Null() { return Add(JsonNode{}); }
  bool Bool(bool b) {
    JsonNode n;
    n.kind = JsonNode::Kind::Bool;
    n.boolean = b;
    return Add(std::move(n));
  }
  bool RawNumber(const char* s, rapidjson::SizeType len, bool) { return AddText(JsonNode::Kind::Number, s, len); }
  // Strings and keys get Go's treatment of invalid UTF-8 (U+FFFD per bad
  // byte), so names in type JSON always print back as themselves.
  bool String(const char* s, rapidjson::SizeType len, bool) {
    JsonNode n;
    n.kind = JsonNode::Kind::String;
    n.text = ToValidUtf8(std::string_view(s, len));
    return Add(std::move(n));
  }
  bool StartObject() { return Open(JsonNode::Kind::Object); }
  bool Key(const char* s, rapidjson::SizeType len, bool) {
    keys_.back() = ToValidUtf8(std::string_view(s, len));
    return true;
  }
  bool EndObject(rapidjson::SizeType) { return Close(); }
  bool StartArray() { return Open(JsonNode::Kind::Array); }
  bool EndArray(rapidjson::SizeType) { return Close(); }

  bool too_deep() const { return too_deep_; }
  JsonNode TakeRoot() { return std::move(root_); }

 private:
  bool AddText(JsonNode::Kind kind, const char* s, rapidjson::SizeType len) {
    JsonNode n;
    n.kind = kind;
    n.text.assign(s, len);
    return Add(std::move(n));
  }

  bool Open(JsonNode::Kind kind) {
    if (open_.size() >= max_depth_) {
      too_deep_ = true;
      return false;
    }
    JsonNode n;
    n.kind = kind;
    open_.push_back(std::move(n));
    keys_.emplace_back();
    return true;
  }

  bool Close() {
    JsonNode n = std::move(open_.back());
    open_.pop_back();
    keys_.pop_back();
    return Add(std::move(n));
  }

  bool Add(JsonNode n) {
    if (open_.empty()) {
      root_ = std::move(n);
      return true;
    }
    JsonNode& parent = open_.back();
    if (parent.kind == JsonNode::Kind::Array) {
      parent.items.push_back(std::move(n));
    } else {
      parent.keys.push_back(std::move(keys_.back()));
      parent.items.push_back(std::move(n));
    }
    return true;
  }

  size_t max_depth_;
  bool too_deep_ = false;
  std::vector<JsonNode> open_;
  std::vector<std::string> keys_;
  JsonNode root_;
};

}  // namespace

std::expected<JsonNode, std::string> ParseJsonTree(std::string_view json, size_t max_depth) {
  // RapidJSON treats a NUL byte as the end of input; raw NUL is never valid
  // JSON, so refuse it rather than silently ignore what follows.
  if (json.find('\0') != std::string_view::npos) return std::unexpected(std::string("invalid JSON: NUL byte"));
  rapidjson::MemoryStream stream(json.data(), json.size());
  rapidjson::Reader reader;
  TreeBuilder builder(max_depth);
  constexpr unsigned kFlags = rapidjson::kParseIterativeFlag | rapidjson::kParseNumbersAsStringsFlag;
  rapidjson::ParseResult ok = reader.Parse<kFlags>(stream, builder);
  if (builder.too_deep()) {
    return std::unexpected("JSON nesting deeper than " + std::to_string(max_depth) + " levels");
  }
  if (!ok) {
    return std::unexpected(std::string("invalid JSON: ") + rapidjson::GetParseError_En(ok.Code()) +
                           " at offset " + std::to_string(ok.Offset()));
  }
  return builder.TakeRoot();
}

}  // namespace cty::internal
