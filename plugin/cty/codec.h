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
  std::string message;  // e.g. "attribute \"image_id\": string required"
};

// Decodes msgpack bytes as a value of `type`. Any msgpack ext value is an
// unknown (ext type 12 refinements are read and dropped); dynamic is
// [type JSON, value]; objects must have exactly the type's attributes.
std::expected<Value, DecodeError> DecodeMsgpack(std::string_view bytes, const Type& type);

// Encodes `value` conforming to `type` (use the schema type: where it says
// dynamic, the value is wrapped as [type JSON, value]). Object keys are
// written sorted; numbers use go-cty's compact forms.
std::string EncodeMsgpack(const Value& value, const Type& type);

// Decodes a JSON value (go-cty's cty/json rules) of `type`. Missing object
// attributes become null; unknown attribute names are errors.
std::expected<Value, DecodeError> DecodeJson(std::string_view json, const Type& type);

// Compact type JSON, object keys sorted: "string", ["list","number"],
// ["object",{"a":"string"}], ...
std::string TypeToJson(const Type& type);
std::expected<Type, DecodeError> TypeFromJson(std::string_view json);

}  // namespace cty
