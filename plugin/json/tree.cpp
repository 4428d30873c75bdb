#include "json/tree.h"

#include "json/quoting.h"

#include <cctype>

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

struct MaskedNumber {
  size_t index;      // the how-manyth number of the document
  std::string text;  // its text as written
};

// The end of the JSON number starting at `i` (grammar checked by the parser).
size_t NumberEnd(std::string_view json, size_t i) {
  while (i < json.size() && (std::isdigit(static_cast<unsigned char>(json[i])) || json[i] == '-' || json[i] == '+' ||
                             json[i] == '.' || json[i] == 'e' || json[i] == 'E'))
    ++i;
  return i;
}

// RapidJSON 1.1 refuses a number whose exponent or digit count passes what a
// double holds ("Number too big to be stored in double") even when numbers
// are kept as text, yet 1e400 is valid JSON and a valid Terraform number.
// Returns `json` with each long number (over 300 characters, or with an
// exponent of three digits or more) replaced by "0" and spaces, so that
// offsets in errors still hold, plus their texts for the builder.
std::string WithBigNumbersMasked(std::string_view json, std::vector<MaskedNumber>& masked) {
  std::string out(json);
  size_t index = 0;
  bool in_string = false;
  for (size_t i = 0; i < out.size(); ++i) {
    const char c = out[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') {
      in_string = true;
      continue;
    }
    if (c != '-' && !std::isdigit(static_cast<unsigned char>(c))) continue;
    const size_t end = NumberEnd(out, i);
    std::string_view token(out.data() + i, end - i);
    const size_t e = token.find_first_of("eE");
    const std::string_view exponent = e == std::string_view::npos ? "" : token.substr(e + 1);
    const size_t exponent_digits = exponent.size() - (!exponent.empty() && (exponent[0] == '+' || exponent[0] == '-'));
    if (token.size() > 300 || exponent_digits >= 3) {
      masked.push_back({index, std::string(token)});
      out.replace(i, token.size(), "0" + std::string(token.size() - 1, ' '));
    }
    ++index;
    i = end - 1;
  }
  return out;
}

// SAX handler building Nodes on an explicit stack of open containers.
// kValidated: the reader already refused invalid UTF-8, so strings are kept
// as they are (the U+FFFD pass would find nothing to replace).
template <bool kValidated>
class TreeBuilder : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, TreeBuilder<kValidated>> {
 public:
  // `big_numbers`: the text of the numbers WithBigNumbersMasked replaced,
  // in document order; the number tokens they stand for arrive as "0".
  TreeBuilder(size_t max_depth, std::vector<MaskedNumber> big_numbers)
      : max_depth_(max_depth), big_numbers_(std::move(big_numbers)) {}

  bool Null() { return Add(Node{}); }
  bool Bool(bool b) {
    Node n;
    n.kind = Node::Kind::Bool;
    n.boolean = b;
    return Add(std::move(n));
  }
  bool RawNumber(const char* s, rapidjson::SizeType len, bool) {
    const size_t index = numbers_seen_++;
    if (next_big_ < big_numbers_.size() && big_numbers_[next_big_].index == index) {
      const std::string& text = big_numbers_[next_big_++].text;
      return AddText(Node::Kind::Number, text.data(), static_cast<rapidjson::SizeType>(text.size()));
    }
    return AddText(Node::Kind::Number, s, len);
  }
  // Strings and keys get Go's treatment of invalid UTF-8 (U+FFFD per bad
  // byte), so names in type JSON always print back as themselves.
  bool String(const char* s, rapidjson::SizeType len, bool) {
    Node n;
    n.kind = Node::Kind::String;
    n.text = Text(s, len);
    return Add(std::move(n));
  }
  bool StartObject() { return Open(Node::Kind::Object); }
  bool Key(const char* s, rapidjson::SizeType len, bool) {
    keys_.back() = Text(s, len);
    return true;
  }
  bool EndObject(rapidjson::SizeType) { return Close(); }
  bool StartArray() { return Open(Node::Kind::Array); }
  bool EndArray(rapidjson::SizeType) { return Close(); }

  bool too_deep() const { return too_deep_; }
  Node TakeRoot() { return std::move(root_); }

 private:
  static std::string Text(const char* s, rapidjson::SizeType len) {
    if constexpr (kValidated) return std::string(s, len);
    return ToValidUtf8(std::string_view(s, len));
  }

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
  std::vector<MaskedNumber> big_numbers_;
  size_t next_big_ = 0;
  size_t numbers_seen_ = 0;
  bool too_deep_ = false;
  std::vector<Node> open_;
  std::vector<std::string> keys_;
  Node root_;
};

template <unsigned kFlags>
std::expected<Node, std::string> ParseOnce(std::string_view json, size_t max_depth,
                                           std::vector<MaskedNumber> big_numbers, bool& number_too_big) {
  rapidjson::MemoryStream stream(json.data(), json.size());
  rapidjson::Reader reader;
  TreeBuilder<(kFlags & rapidjson::kParseValidateEncodingFlag) != 0> builder(max_depth, std::move(big_numbers));
  rapidjson::ParseResult ok = reader.Parse<kFlags>(stream, builder);
  if (builder.too_deep()) {
    return std::unexpected("JSON nesting deeper than " + std::to_string(max_depth) + " levels");
  }
  if (!ok) {
    number_too_big = ok.Code() == rapidjson::kParseErrorNumberTooBig;
    return std::unexpected(std::string("invalid JSON: ") + rapidjson::GetParseError_En(ok.Code()) +
                           " at offset " + std::to_string(ok.Offset()));
  }
  return builder.TakeRoot();
}

template <unsigned kFlags>
std::expected<Node, std::string> Parse(std::string_view json, size_t max_depth) {
  // RapidJSON treats a NUL byte as the end of input; raw NUL is never valid
  // JSON, so refuse it rather than silently ignore what follows.
  if (json.find('\0') != std::string_view::npos) return std::unexpected(std::string("invalid JSON: NUL byte"));
  bool number_too_big = false;
  auto tree = ParseOnce<kFlags>(json, max_depth, {}, number_too_big);
  if (tree || !number_too_big) return tree;
  // Rare: only documents holding such numbers pay for the second pass.
  std::vector<MaskedNumber> big_numbers;
  const std::string masked = WithBigNumbersMasked(json, big_numbers);
  return ParseOnce<kFlags>(masked, max_depth, std::move(big_numbers), number_too_big);
}

}  // namespace

std::expected<Node, std::string> ParseTree(std::string_view json, size_t max_depth, InvalidUtf8 invalid_utf8) {
  constexpr unsigned kFlags = rapidjson::kParseIterativeFlag | rapidjson::kParseNumbersAsStringsFlag;
  if (invalid_utf8 == InvalidUtf8::kReject) return Parse<kFlags | rapidjson::kParseValidateEncodingFlag>(json, max_depth);
  return Parse<kFlags>(json, max_depth);
}

}  // namespace json
