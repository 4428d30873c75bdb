#include "json/tree.h"

#include "json/string.h"

#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

namespace json {

const Node* Node::Member(std::string_view key) const {
  if (kind != Kind::Object) return nullptr;
  for (size_t i = keys.size(); i-- > 0;) {
    if (keys[i] == key) return &items[i];
  }
  return nullptr;
}

const char* KindName(Node::Kind kind) {
  switch (kind) {
    case Node::Kind::Null: return "null";
    case Node::Kind::Bool: return "bool";
    case Node::Kind::Number: return "number";
    case Node::Kind::String: return "string";
    case Node::Kind::Array: return "array";
    case Node::Kind::Object: return "object";
  }
  return "unknown";
}

namespace {

// SAX handler building JsonNodes on an explicit stack of open containers.
class TreeBuilder : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, TreeBuilder> {
 public:
  explicit TreeBuilder(size_t max_depth) : max_depth_(max_depth) {}

  bool Null() { return Add(Node{}); }
  bool Bool(bool b) {
    Node n;
    n.kind = Node::Kind::Bool;
    n.boolean = b;
    return Add(std::move(n));
  }
  bool RawNumber(const char* s, rapidjson::SizeType len, bool) { return AddText(Node::Kind::Number, s, len); }
  // Strings and keys get Go's treatment of invalid UTF-8 (U+FFFD per bad
  // byte), so names in type JSON always print back as themselves.
  bool String(const char* s, rapidjson::SizeType len, bool) {
    Node n;
    n.kind = Node::Kind::String;
    n.text = ToValidUtf8(std::string_view(s, len));
    return Add(std::move(n));
  }
  bool StartObject() { return Open(Node::Kind::Object); }
  bool Key(const char* s, rapidjson::SizeType len, bool) {
    keys_.back() = ToValidUtf8(std::string_view(s, len));
    return true;
  }
  bool EndObject(rapidjson::SizeType) { return Close(); }
  bool StartArray() { return Open(Node::Kind::Array); }
  bool EndArray(rapidjson::SizeType) { return Close(); }

  bool too_deep() const { return too_deep_; }
  Node TakeRoot() { return std::move(root_); }

 private:
  bool AddText(Node::Kind kind, const char* s, rapidjson::SizeType len) {
    Node n;
    n.kind = kind;
    n.text.assign(s, len);
    return Add(std::move(n));
  }

  bool Open(Node::Kind kind) {
    if (open_.size() >= max_depth_) {
      too_deep_ = true;
      return false;
    }
    Node n;
    n.kind = kind;
    open_.push_back(std::move(n));
    keys_.emplace_back();
    return true;
  }

  bool Close() {
    Node n = std::move(open_.back());
    open_.pop_back();
    keys_.pop_back();
    return Add(std::move(n));
  }

  bool Add(Node n) {
    if (open_.empty()) {
      root_ = std::move(n);
      return true;
    }
    Node& parent = open_.back();
    if (parent.kind == Node::Kind::Array) {
      parent.items.push_back(std::move(n));
    } else {
      parent.keys.push_back(std::move(keys_.back()));
      parent.items.push_back(std::move(n));
    }
    return true;
  }

  size_t max_depth_;
  bool too_deep_ = false;
  std::vector<Node> open_;
  std::vector<std::string> keys_;
  Node root_;
};

template <unsigned kFlags>
std::expected<Node, std::string> Parse(std::string_view json, size_t max_depth) {
  // RapidJSON treats a NUL byte as the end of input; raw NUL is never valid
  // JSON, so refuse it rather than silently ignore what follows.
  if (json.find('\0') != std::string_view::npos) return std::unexpected(std::string("invalid JSON: NUL byte"));
  rapidjson::MemoryStream stream(json.data(), json.size());
  rapidjson::Reader reader;
  TreeBuilder builder(max_depth);
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

}  // namespace

std::expected<Node, std::string> ParseTree(std::string_view json, size_t max_depth, InvalidUtf8 invalid_utf8) {
  constexpr unsigned kFlags = rapidjson::kParseIterativeFlag | rapidjson::kParseNumbersAsStringsFlag;
  // Validated text is valid UTF-8 already, so the builder's U+FFFD pass leaves it unchanged.
  if (invalid_utf8 == InvalidUtf8::kReject) return Parse<kFlags | rapidjson::kParseValidateEncodingFlag>(json, max_depth);
  return Parse<kFlags>(json, max_depth);
}

}  // namespace json
