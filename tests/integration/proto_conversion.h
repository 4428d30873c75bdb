// Translation between tfplugin5/tfplugin6 messages and the harness's neutral
// types. The two protocols' messages share field names (except nested
// attributes, v6 only), so one template serves both.
#pragma once

#include <string>
#include <vector>

#include "cty/codec.h"
#include "provider_client.h"
#include "served_schema.h"

namespace harness::proto_conversion {

template <typename ProtoPath>
std::string PathText(const ProtoPath& path) {
  std::string out;
  for (const auto& step : path.steps()) {
    if (step.has_attribute_name()) {
      if (!out.empty()) out += '.';
      out += step.attribute_name();
    } else if (step.has_element_key_string()) {
      out += "[\"" + step.element_key_string() + "\"]";
    } else if (step.has_element_key_int()) {
      out += "[" + std::to_string(step.element_key_int()) + "]";
    }
  }
  return out;
}

template <typename ProtoDiags>
std::vector<Diag> Diagnostics(const ProtoDiags& diags) {
  std::vector<Diag> out;
  for (const auto& d : diags) {
    Diag diag;
    diag.severity = d.severity() == 1   ? Diag::Severity::Error
                    : d.severity() == 2 ? Diag::Severity::Warning
                                        : Diag::Severity::Invalid;
    diag.summary = d.summary();
    diag.detail = d.detail();
    if (d.has_attribute()) diag.path = PathText(d.attribute());
    out.push_back(std::move(diag));
  }
  return out;
}

template <typename ProtoAttr>
ServedAttribute Attribute(const ProtoAttr& a);

template <typename ProtoObject>
std::shared_ptr<ServedNestedObject> NestedObject(const ProtoObject& o) {
  auto nested = std::make_shared<ServedNestedObject>();
  switch (o.nesting()) {
    case 1: nested->nesting = ServedNestedObject::Nesting::Single; break;
    case 2: nested->nesting = ServedNestedObject::Nesting::List; break;
    case 3: nested->nesting = ServedNestedObject::Nesting::Set; break;
    case 4: nested->nesting = ServedNestedObject::Nesting::Map; break;
    default: nested->nesting = ServedNestedObject::Nesting::Invalid; break;
  }
  for (const auto& a : o.attributes()) nested->attributes.push_back(Attribute(a));
  return nested;
}

template <typename ProtoAttr>
ServedAttribute Attribute(const ProtoAttr& a) {
  ServedAttribute attr;
  attr.name = a.name();
  attr.type_json = a.type();
  if (!attr.type_json.empty()) {
    auto t = cty::TypeFromJson(attr.type_json);
    if (t) attr.type = *t;
  }
  if constexpr (requires { a.has_nested_type(); }) {
    if (a.has_nested_type()) attr.nested = NestedObject(a.nested_type());
  }
  attr.description = a.description();
  attr.required = a.required();
  attr.optional = a.optional();
  attr.computed = a.computed();
  attr.sensitive = a.sensitive();
  attr.deprecated = a.deprecated();
  return attr;
}

template <typename ProtoBlock>
ServedBlock BlockContents(const ProtoBlock& proto) {
  ServedBlock block;
  block.present = true;
  block.description = proto.description();
  for (const auto& a : proto.attributes()) block.attributes.push_back(Attribute(a));
  for (const auto& b : proto.block_types()) {
    ServedNestedBlock nested{b.type_name(), static_cast<int>(b.nesting()), b.min_items(), b.max_items(), {}};
    nested.block = BlockContents(b.block());
    block.block_types.push_back(std::move(nested));
  }
  return block;
}

template <typename ProtoSchemaMap, typename Getter>
ServedBlock Block(const ProtoSchemaMap& has_schema, const Getter& schema) {
  if (!has_schema || !schema.has_block()) return ServedBlock{};
  ServedBlock block = BlockContents(schema.block());
  block.version = schema.version();
  return block;
}

template <typename ProtoResponse>
ServedSchemas Schemas(const ProtoResponse& r) {
  ServedSchemas s;
  s.provider = Block(r.has_provider(), r.provider());
  for (const auto& [name, schema] : r.data_source_schemas()) s.data_sources[name] = Block(true, schema);
  s.resource_count = static_cast<size_t>(r.resource_schemas_size());
  s.get_provider_schema_optional =
      r.has_server_capabilities() && r.server_capabilities().get_provider_schema_optional();
  return s;
}

// Decodes a response DynamicValue as Terraform does: msgpack when present,
// else json, else no value.
template <typename ProtoDynamicValue>
void DecodeState(const ProtoDynamicValue& dv, const std::optional<cty::Type>& type, ReadOutcome* out) {
  out->state_sent = !dv.msgpack().empty() || !dv.json().empty();
  if (!out->state_sent) return;
  if (!type) {
    out->state_error = "no schema for the data source";
    return;
  }
  auto decoded = !dv.msgpack().empty() ? cty::DecodeMsgpack(dv.msgpack(), *type)
                                       : cty::DecodeJson(dv.json(), *type);
  if (decoded) {
    out->state = *decoded;
  } else {
    out->state_error = decoded.error().message;
  }
}

}  // namespace harness::proto_conversion
