// Wire encodings of cty values and types, exactly as go-cty produces and
// accepts them (reference terraform-plugin-protocol.md §6):
//  - msgpack (what Terraform sends and expects in DynamicValue.msgpack),
//  - JSON values (DynamicValue.json, a fallback),
//  - type JSON (the `type` bytes of schema attributes).
// Decoders never throw and never crash on any input: malformed or wrong-typed
// bytes give a DecodeError naming where decoding failed.
#pragma once

#include <expected>
#include <string>
#include <string_view>

#include "cty/type.h"
#include "cty/value.h"

namespace cty {

struct DecodeError {
  // "<path>: <problem>", the path left out at the root, e.g.
  // `.image_id: string required, got bool`, `.tags["env"]: ...`, `[0]: ...`.
  std::string message;
};

// Decodes msgpack bytes as a value of `type`. Any msgpack ext value is an
// unknown (ext type 12 refinements are read and dropped); dynamic is
// [type JSON, value]; objects must have exactly the type's attributes.
// Nesting deeper than 128 levels and bytes after the value are errors.
// Where `type` involves dynamic, the result carries the real types (e.g. a
// list(dynamic) of strings decodes as a list(string)).
std::expected<Value, DecodeError> DecodeMsgpack(std::string_view bytes, const Type& type);

// Encodes `value` conforming to `type` (use the schema type: where it says
// dynamic, the value is wrapped as [type JSON, value]). Object keys are
// written sorted, absent attributes as nil; numbers use go-cty's forms: int
// when an exact int64, float64 when exact, else decimal text. A sub-value
// whose kind does not match `type` (a caller bug) is written as nil.
std::string EncodeMsgpack(const Value& value, const Type& type);

// Decodes a JSON value (go-cty's cty/json rules) of `type`. Missing object
// attributes become null; unknown attribute names are errors. Numbers keep
// their exact text, but RapidJSON refuses JSON numbers beyond the double
// range (e.g. 1e400); such numbers decode when sent as JSON strings.
std::expected<Value, DecodeError> DecodeJson(std::string_view json, const Type& type);

// Compact type JSON, object keys sorted: "string", ["list","number"],
// ["object",{"a":"string"}], ...
std::string TypeToJson(const Type& type);
std::expected<Type, DecodeError> TypeFromJson(std::string_view json);

}  // namespace cty
