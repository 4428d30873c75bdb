// Provider-core schemas -> tfplugin5/tfplugin6 Schema messages.
//
// The one per-version difference: protocol 6 serves an attribute that has
// `nested` as nested attributes (Attribute.nested_type, `type` left empty);
// protocol 5 has no nested attributes and serves the same attribute with the
// cty type JSON of its implied object / list-of-object type. The value shape
// is identical either way. Which branch applies is decided by whether the
// generated Attribute message has a nested_type field.
#pragma once

#include <string>
#include <type_traits>
#include <vector>

#include "cty/codec.h"
#include "provider/schema.h"

namespace protocol {

template <class ProtoAttribute>
constexpr bool kHasNestedAttributes = requires(ProtoAttribute a) { a.mutable_nested_type(); };

template <class ProtoAttribute>
void FillAttribute(const provider::Attribute& attribute, ProtoAttribute* out);

// Every description in the core is Markdown (names and values in backticks),
// so editors and `terraform providers schema -json` must be told so. Both
// protocols number StringKind.MARKDOWN 1.
template <class ProtoMessage>
void FillDescription(const std::string& markdown, ProtoMessage* out) {
  using StringKind = std::remove_cvref_t<decltype(out->description_kind())>;
  out->set_description(markdown);
  out->set_description_kind(static_cast<StringKind>(1));
}

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
  FillDescription(attribute.description, out);
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
  FillDescription(block.description, out);
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
