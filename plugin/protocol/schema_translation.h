// Provider-core schemas -> tfplugin5/tfplugin6 Schema messages.
//
// The one per-version difference: protocol 6 serves an attribute that has
// `nested` as nested attributes (Attribute.nested_type, `type` left empty);
// protocol 5 has no nested attributes and serves the same attribute with the
// cty type JSON of its implied object / list-of-object type. The value shape
// is identical either way. Which branch applies is decided by whether the
// generated Attribute message has a nested_type field.
#pragma once

#include <vector>

#include "cty/codec.h"
#include "provider/schema.h"

namespace protocol {

template <class ProtoAttribute>
constexpr bool kHasNestedAttributes = requires(ProtoAttribute a) { a.mutable_nested_type(); };

template <class ProtoAttribute>
void FillAttribute(const provider::Attribute& attribute, ProtoAttribute* out);

// Fills a v6 Schema.Object from core nested attributes.
template <class ProtoObject>
void FillNestedObject(const provider::NestedAttributes& nested, ProtoObject* out) {
  out->set_nesting(nested.nesting == provider::NestedAttributes::Nesting::List ? ProtoObject::LIST
                                                                              : ProtoObject::SINGLE);
  for (const auto& attribute : nested.attributes) FillAttribute(attribute, out->add_attributes());
}

template <class ProtoAttribute>
void FillAttribute(const provider::Attribute& attribute, ProtoAttribute* out) {
  out->set_name(attribute.name);
  if constexpr (kHasNestedAttributes<ProtoAttribute>) {
    if (attribute.nested) {
      FillNestedObject(*attribute.nested, out->mutable_nested_type());
    } else {
      out->set_type(cty::TypeToJson(attribute.type));
    }
  } else {
    out->set_type(cty::TypeToJson(attribute.type));
  }
  out->set_description(attribute.description);
  out->set_required(attribute.required);
  out->set_optional(attribute.optional);
  out->set_computed(attribute.computed);
  out->set_sensitive(attribute.sensitive);
}

template <class ProtoBlock>
void FillBlock(const provider::Block& block, ProtoBlock* out);

// A Schema.NestedBlock; both protocols have the same message.
template <class ProtoNestedBlock>
void FillNestedBlock(const provider::NestedBlock& nested, ProtoNestedBlock* out) {
  out->set_type_name(nested.type_name);
  out->set_nesting(ProtoNestedBlock::SINGLE);
  out->set_min_items(nested.min_items);
  out->set_max_items(nested.max_items);
  FillBlock(nested.block, out->mutable_block());
}

template <class ProtoBlock>
void FillBlock(const provider::Block& block, ProtoBlock* out) {
  out->set_description(block.description);
  for (const auto& attribute : block.attributes) FillAttribute(attribute, out->add_attributes());
  for (const auto& nested : block.block_types) FillNestedBlock(nested, out->add_block_types());
}

// Always sets `block`: a Schema without one crashes Terraform.
template <class ProtoSchema>
void FillSchema(const provider::Schema& schema, ProtoSchema* out) {
  out->set_version(schema.version);
  FillBlock(schema.block, out->mutable_block());
}

}  // namespace protocol
