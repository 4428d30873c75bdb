// DecodeMsgpack: go-cty's msgpack.Unmarshal rules on a bounds-checked reader.
#include <cmath>

#include "cty/codec.h"
#include "cty/decode_path.h"
#include "cty/element_type.h"
#include "cty/msgpack_reader.h"
#include "cty/type_json.h"

namespace cty {

namespace {

using internal::DecodePath;
using internal::MsgpackReader;
using internal::MsgpackToken;
using internal::MsgpackType;

using Result = std::expected<Value, DecodeError>;

// Deeper nesting than any real schema, shallow enough for any stack; the
// same limit as JSON's, so whatever DecodeJson accepts re-encodes decodably.
constexpr int kMaxDepth = static_cast<int>(internal::kMaxJsonDepth);
// go-cty refuses refinement payloads above 1 KiB as abusive.
constexpr size_t kMaxRefinementBytes = 1024;
constexpr int8_t kRefinedUnknownExt = 12;
constexpr int64_t kNullnessRefinement = 1;

std::string Got(const MsgpackToken& t) { return std::string(", got ") + internal::DescribeMsgpackType(t.type); }

bool IsStringLike(const MsgpackToken& t) { return t.type == MsgpackType::Str || t.type == MsgpackType::Bin; }

class MsgpackDecoder {
 public:
  explicit MsgpackDecoder(std::string_view bytes) : reader_(bytes) {}

  Result DecodeTop(const Type& type) {
    auto v = Decode(type);
    if (!v) return v;
    if (!reader_.at_end()) {
      return std::unexpected(DecodeError{std::to_string(reader_.remaining()) + " unexpected bytes after the value"});
    }
    return v;
  }

 private:
  // Tracks nesting for the lifetime of one Decode call.
  struct DepthGuard {
    explicit DepthGuard(int& d) : depth(d) { ++depth; }
    ~DepthGuard() { --depth; }
    int& depth;
  };

  std::unexpected<DecodeError> Fail(std::string_view message) const { return std::unexpected(path_.Error(message)); }

  Result Decode(const Type& type) {
    DepthGuard guard(depth_);
    // depth_ - 1 containers enclose this value; allow as many as JSON does.
    if (depth_ - 1 > kMaxDepth) return Fail("value nested more than " + std::to_string(kMaxDepth) + " levels deep");
    auto token = reader_.Next();
    if (!token) return Fail(token.error());
    const MsgpackToken& t = *token;
    if (t.type == MsgpackType::Ext) return DecodeUnknown(t, type);
    if (type.is_dynamic()) return DecodeDynamic(t);
    if (t.type == MsgpackType::Nil) return Value::Null(type);
    switch (type.kind()) {
      case Kind::String: return DecodeString(t);
      case Kind::Number: return DecodeNumber(t);
      case Kind::Bool: return DecodeBool(t);
      case Kind::List:
      case Kind::Set: return DecodeSequence(t, type);
      case Kind::Map: return DecodeMap(t, type);
      case Kind::Tuple: return DecodeTuple(t, type);
      case Kind::Object: return DecodeObject(t, type);
      case Kind::Dynamic: break;
    }
    return Fail("unsupported type " + type.FriendlyName());
  }

  // Any extension value is an unknown. Refinements (ext 12) are checked for
  // shape and dropped: Terraform never needs them back from a provider.
  Result DecodeUnknown(const MsgpackToken& t, const Type& type) {
    if (t.ext_type == kRefinedUnknownExt && t.bytes.size() > 1) {
      if (t.bytes.size() > kMaxRefinementBytes) return Fail("oversize unknown value refinement");
      MsgpackReader payload(t.bytes);
      auto map = payload.Next();
      if (!map || map->type != MsgpackType::Map) return Fail("unknown value refinements must be a map");
      bool definitely_null = false;
      for (uint32_t i = 0; i < map->count; ++i) {
        auto key = payload.Next();
        if (!key || (key->type != MsgpackType::Int && key->type != MsgpackType::Uint)) {
          return Fail("unknown value refinement keys must be integers");
        }
        if (key->type == MsgpackType::Int && key->int_value == kNullnessRefinement) {
          auto nullness = payload.Next();
          if (!nullness || nullness->type != MsgpackType::Bool) return Fail("null refinement is not boolean");
          definitely_null = nullness->boolean;
          continue;
        }
        if (auto skipped = payload.Skip(); !skipped) return Fail("malformed unknown value refinement: " + skipped.error());
      }
      // Bytes after the map are reserved for future use and ignored, as in go-cty.
      // "Definitely null" collapses to a known null in go-cty's refinement builder.
      if (definitely_null && !type.is_dynamic()) return Value::Null(type);
    }
    return Value::Unknown(type);
  }

  Result DecodeDynamic(const MsgpackToken& t) {
    if (t.type == MsgpackType::Nil) return Value::Null(Type::Dynamic());
    if (t.type != MsgpackType::Array || t.count != 2) {
      return Fail("dynamic value must be a two-element array [type JSON, value]" + Got(t));
    }
    auto type_token = reader_.Next();
    if (!type_token) return Fail(type_token.error());
    if (!IsStringLike(*type_token)) return Fail("dynamic value type must be JSON bytes" + Got(*type_token));
    auto real_type = TypeFromJson(type_token->bytes);
    if (!real_type) return Fail("invalid dynamic value type: " + real_type.error().message);
    return Decode(*real_type);
  }

  Result DecodeString(const MsgpackToken& t) {
    if (!IsStringLike(t)) return Fail("string required" + Got(t));
    return Value::String(std::string(t.bytes));
  }

  Result DecodeNumber(const MsgpackToken& t) {
    switch (t.type) {
      case MsgpackType::Int: return Value::NumberVal(Number::FromInt(t.int_value));
      case MsgpackType::Uint: return Value::NumberVal(Number::FromUint(t.uint_value));
      case MsgpackType::Float32:
      case MsgpackType::Float64:
        if (std::isnan(t.float_value)) return Fail("number required, got NaN");
        return Value::NumberVal(Number::FromDouble(t.float_value));
      case MsgpackType::Str:
      case MsgpackType::Bin: {
        auto n = Number::Parse(t.bytes);
        if (!n) return Fail("number required, got a string that is not a number");
        return Value::NumberVal(*n);
      }
      default: return Fail("number required" + Got(t));
    }
  }

  Result DecodeBool(const MsgpackToken& t) {
    if (t.type != MsgpackType::Bool) return Fail("bool required" + Got(t));
    return Value::Bool(t.boolean);
  }

  Result DecodeSequence(const MsgpackToken& t, const Type& type) {
    const char* what = type.kind() == Kind::List ? "list" : "set";
    if (t.type != MsgpackType::Array) return Fail(std::string(what) + " required" + Got(t));
    std::vector<Value> elements;
    elements.reserve(t.count);  // the reader checked count against the remaining bytes
    for (uint32_t i = 0; i < t.count; ++i) {
      path_.PushIndex(i);
      auto v = Decode(type.element());
      if (!v) return v;
      path_.Pop();
      elements.push_back(std::move(*v));
    }
    auto element = internal::ElementTypeOf(type.element(), elements);
    if (!element) return Fail(element.error());
    if (type.kind() == Kind::List) return Value::List(*element, std::move(elements));
    return Value::Set(*element, std::move(elements));
  }

  // Reads a map key; nil reads as "" exactly as go-cty's DecodeString does.
  std::expected<std::string, DecodeError> Key() {
    auto key = reader_.Next();
    if (!key) return Fail(key.error());
    if (key->type == MsgpackType::Nil) return std::string();
    if (!IsStringLike(*key)) return Fail("keys must be strings" + Got(*key));
    return std::string(key->bytes);
  }

  Result DecodeMap(const MsgpackToken& t, const Type& type) {
    if (t.type != MsgpackType::Map) return Fail("map required" + Got(t));
    std::map<std::string, Value> entries;
    for (uint32_t i = 0; i < t.count; ++i) {
      auto key = Key();
      if (!key) return std::unexpected(key.error());
      path_.PushKey(*key);
      auto v = Decode(type.element());
      if (!v) return v;
      path_.Pop();
      entries.insert_or_assign(std::move(*key), std::move(*v));  // repeated key: last wins, as in go-cty
    }
    auto element = internal::ElementTypeOf(type.element(), entries);
    if (!element) return Fail(element.error());
    return Value::Map(*element, std::move(entries));
  }

  Result DecodeTuple(const MsgpackToken& t, const Type& type) {
    if (t.type != MsgpackType::Array) return Fail("tuple required" + Got(t));
    const auto& types = type.elements();
    if (t.count != types.size()) {
      return Fail("a tuple of length " + std::to_string(types.size()) + " is required (" + std::to_string(t.count) +
                  " given)");
    }
    std::vector<Value> elements;
    elements.reserve(t.count);
    for (uint32_t i = 0; i < t.count; ++i) {
      path_.PushIndex(i);
      auto v = Decode(types[i]);
      if (!v) return v;
      path_.Pop();
      elements.push_back(std::move(*v));
    }
    return Value::Tuple(std::move(elements));
  }

  Result DecodeObject(const MsgpackToken& t, const Type& type) {
    if (t.type != MsgpackType::Map) return Fail("object required" + Got(t));
    const auto& attributes = type.attributes();
    if (t.count != attributes.size()) {
      return Fail("an object with " + std::to_string(attributes.size()) + " attributes is required (" +
                  std::to_string(t.count) + " given)");
    }
    std::map<std::string, Value> values;
    for (uint32_t i = 0; i < t.count; ++i) {
      auto key = Key();
      if (!key) return std::unexpected(key.error());
      path_.PushAttribute(*key);
      auto attribute = attributes.find(*key);
      if (attribute == attributes.end()) return Fail("unsupported attribute");
      if (values.contains(*key)) return Fail("duplicate attribute");
      auto v = Decode(attribute->second);
      if (!v) return v;
      path_.Pop();
      values.emplace(std::move(*key), std::move(*v));
    }
    // Without dynamic inside, every decoded attribute has exactly its schema
    // type: reuse the schema's object type instead of building it again.
    if (!type.HasDynamic()) return Value::Object(type, std::move(values));
    return Value::Object(std::move(values));
  }

  MsgpackReader reader_;
  DecodePath path_;
  int depth_ = 0;
};

}  // namespace

std::expected<Value, DecodeError> DecodeMsgpack(std::string_view bytes, const Type& type) {
  MsgpackDecoder decoder(bytes);
  return decoder.DecodeTop(type);
}

}  // namespace cty
