#include "provider/image_schema.h"

#include <string>
#include <vector>

#include "jdcloud/image.h"
#include "provider/image_filter.h"
#include "provider/schema_builder.h"

namespace provider {
namespace {

using cty::Type;
using jdcloud::FieldSpec;
using jdcloud::FieldType;
using jdcloud::RecordSpec;
using Nesting = NestedAttributes::Nesting;

std::vector<Attribute> ComputedAttributesOf(const RecordSpec& spec);

Attribute ComputedAttributeOf(const FieldSpec& field) {
  std::string name(field.attribute);
  std::string description(field.description);
  switch (field.type) {
    case FieldType::kString: return ComputedAttribute(name, Type::String(), description);
    case FieldType::kNumber: return ComputedAttribute(name, Type::Number(), description);
    case FieldType::kBool: return ComputedAttribute(name, Type::Bool(), description);
    case FieldType::kTagMap: return ComputedAttribute(name, Type::Map(Type::String()), description);
    case FieldType::kObject:
      return ComputedNestedAttribute(name, Nesting::Single, ComputedAttributesOf(*field.nested), description);
    case FieldType::kObjectList:
      return ComputedNestedAttribute(name, Nesting::List, ComputedAttributesOf(*field.nested), description);
  }
  return ComputedAttribute(name, Type::String(), description);  // unreachable: every type is handled
}

std::vector<Attribute> ComputedAttributesOf(const RecordSpec& spec) {
  std::vector<Attribute> attributes;
  attributes.reserve(spec.fields.size());
  for (const FieldSpec& field : spec.fields) attributes.push_back(ComputedAttributeOf(field));
  return attributes;
}

}  // namespace

std::vector<Attribute> ImageComputedAttributes() { return ComputedAttributesOf(jdcloud::ImageSpec()); }

Schema BuildImageSchema() {
  Schema schema;
  schema.block.description =
      "Finds one JD Cloud VM image: by its ID (`describeImage`), or by a `filter` search (`describeImages`).";
  auto& a = schema.block.attributes;
  a.push_back(OptionalComputedAttribute(
      "image_id", Type::String(),
      "ID of the image to look up, e.g. `img-m5s0f7ss4c`. With `filter` instead, the ID of the image found."));
  a.push_back(OptionalComputedAttribute(
      "region", Type::String(),
      "Region of the image, e.g. `cn-north-1`. Defaults to the provider's region."));
  a.push_back(OptionalAttribute(
      "most_recent", Type::Bool(),
      "With `filter`: when several images match, use the newest (by `create_time`) instead of failing."));
  for (auto& attribute : ImageComputedAttributes()) a.push_back(std::move(attribute));
  schema.block.block_types.push_back(BuildFilterBlock(FilterUse::kImageSearch));
  return schema;
}

const cty::Type& ImageStateType() {
  static const cty::Type type = BuildImageSchema().block.ImpliedType();
  return type;
}

}  // namespace provider
