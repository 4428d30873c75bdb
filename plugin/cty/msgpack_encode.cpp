// EncodeMsgpack: go-cty's msgpack.Marshal output, byte for byte, except that a
// number go-cty would write as a float64 is written as its exact text.
#include "cty/codec.h"
#include "cty/msgpack_writer.h"

namespace cty {

namespace {

using internal::MsgpackWriter;

// fixext1, ext type 0, one zero byte: go-cty's "wholly unknown".
constexpr std::string_view kUnknownBytes("\xd4\x00\x00", 3);

class MsgpackEncoder {
 public:
  void Encode(const Value& v, const Type& type) {
    if (type.is_dynamic() && !v.type().is_dynamic()) return EncodeDynamic(v);
    if (v.is_unknown()) return out_.Raw(kUnknownBytes);
    if (v.is_null()) return out_.Nil();
    // A value that does not conform to the type (a caller bug) is written
    // as null rather than as bytes of some other type.
    if (v.type().kind() != type.kind()) return out_.Nil();
    switch (type.kind()) {
      case Kind::String: return out_.String(v.as_string());
      case Kind::Number: return EncodeNumber(v.as_number());
      case Kind::Bool: return out_.Bool(v.as_bool());
      case Kind::List:
      case Kind::Set:
        out_.ArrayHeader(static_cast<uint32_t>(v.elements().size()));
        for (const auto& e : v.elements()) Encode(e, type.element());
        return;
      case Kind::Map:
        out_.MapHeader(static_cast<uint32_t>(v.entries().size()));
        for (const auto& [key, e] : v.entries()) {  // sorted, as go-cty iterates maps
          out_.String(key);
          Encode(e, type.element());
        }
        return;
      case Kind::Tuple: return EncodeTuple(v, type);
      case Kind::Object: return EncodeObject(v, type);
      case Kind::Dynamic: return out_.Nil();  // unreachable: known values have real types
    }
  }

  std::string Take() { return out_.Take(); }

 private:
  // [bin(type JSON), value encoded for its own type]
  void EncodeDynamic(const Value& v) {
    out_.ArrayHeader(2);
    out_.Binary(TypeToJson(v.type()));
    Encode(v, v.type());
  }

  // An integer that fits 64 bits as a msgpack integer, every other number as
  // its exact decimal text (go-cty reads a msgpack string as a number). Not
  // float64, as go-cty would for 0.5 or 2^64: Terraform prints a float64 with
  // 17 digits, so 2^64 would show as 18446744073709552000.
  void EncodeNumber(const Number& n) {
    if (n.IsInfinity()) return out_.Float64(n.ToDouble());
    if (auto i = n.ToInt64()) return out_.Int(*i);
    if (auto u = n.ToUint64()) return out_.Uint(*u);
    out_.String(n.ToPlainString());
  }

  void EncodeTuple(const Value& v, const Type& type) {
    const auto& types = type.elements();
    const auto& elements = v.elements();
    out_.ArrayHeader(static_cast<uint32_t>(types.size()));
    for (size_t i = 0; i < types.size(); ++i) {
      Encode(i < elements.size() ? elements[i] : Value::Null(types[i]), types[i]);
    }
  }

  // Every attribute of the type, keys sorted bytewise; absent ones as null.
  // The type's attributes and the value's are both sorted maps: walk them
  // side by side instead of looking each name up (the hot spot of a read).
  void EncodeObject(const Value& v, const Type& type) {
    static const Value absent;  // null of dynamic type, as GetAttr answers
    const auto& attributes = type.attributes();
    const auto& values = v.entries();
    auto next = values.begin();
    out_.MapHeader(static_cast<uint32_t>(attributes.size()));
    for (const auto& [name, attribute_type] : attributes) {
      out_.String(name);
      while (next != values.end() && next->first < name) ++next;
      const bool present = next != values.end() && next->first == name;
      Encode(present ? next->second : absent, attribute_type);
    }
  }

  MsgpackWriter out_;
};

}  // namespace

std::string EncodeMsgpack(const Value& value, const Type& type) {
  MsgpackEncoder encoder;
  encoder.Encode(value, type);
  return encoder.Take();
}

}  // namespace cty
