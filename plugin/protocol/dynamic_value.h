// DynamicValue <-> cty::Value for both protocol versions. Terraform sends
// msgpack; json is the documented fallback; neither set means null.
// Replies are always msgpack (json cannot carry unknowns).
#pragma once

#include <expected>
#include <string>

#include "cty/codec.h"
#include "cty/type.h"
#include "cty/value.h"
#include "provider/diagnostics.h"

namespace protocol {

// The diagnostic for a value that cannot be decoded: malformed bytes or a
// value that does not fit the schema. It names what the decoder found, never
// the value itself (it may be a secret).
provider::Diagnostic InvalidValueDiagnostic(const cty::DecodeError& error);

template <class ProtoDynamicValue>
std::expected<cty::Value, provider::Diagnostic> DecodeDynamicValue(const ProtoDynamicValue& in,
                                                                   const cty::Type& type) {
  std::expected<cty::Value, cty::DecodeError> decoded = cty::Value::Null(type);
  if (!in.msgpack().empty()) {
    decoded = cty::DecodeMsgpack(in.msgpack(), type);
  } else if (!in.json().empty()) {
    decoded = cty::DecodeJson(in.json(), type);
  }
  if (!decoded) return std::unexpected(InvalidValueDiagnostic(decoded.error()));
  return std::move(*decoded);
}

template <class ProtoDynamicValue>
void EncodeDynamicValue(const cty::Value& value, const cty::Type& type, ProtoDynamicValue* out) {
  out->set_msgpack(cty::EncodeMsgpack(value, type));
}

}  // namespace protocol
