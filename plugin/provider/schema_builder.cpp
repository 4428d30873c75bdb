#include "provider/schema_builder.h"

#include <map>
#include <memory>
#include <utility>

namespace provider {
namespace {

Attribute Make(std::string name, cty::Type type, std::string description) {
  Attribute attribute;
  attribute.name = std::move(name);
  attribute.type = std::move(type);
  attribute.description = std::move(description);
  return attribute;
}

}  // namespace

Attribute RequiredAttribute(std::string name, cty::Type type, std::string description) {
  Attribute attribute = Make(std::move(name), std::move(type), std::move(description));
  attribute.required = true;
  return attribute;
}

Attribute OptionalAttribute(std::string name, cty::Type type, std::string description) {
  Attribute attribute = Make(std::move(name), std::move(type), std::move(description));
  attribute.optional = true;
  return attribute;
}

Attribute OptionalComputedAttribute(std::string name, cty::Type type, std::string description) {
  Attribute attribute = Make(std::move(name), std::move(type), std::move(description));
  attribute.optional = true;
  attribute.computed = true;
  return attribute;
}

Attribute ComputedAttribute(std::string name, cty::Type type, std::string description) {
  Attribute attribute = Make(std::move(name), std::move(type), std::move(description));
  attribute.computed = true;
  return attribute;
}

cty::Type NestedObjectType(const std::vector<Attribute>& attributes) {
  std::map<std::string, cty::Type> types;
  for (const auto& attribute : attributes) types.emplace(attribute.name, attribute.type);
  return cty::Type::Object(std::move(types));
}

Attribute ComputedNestedAttribute(std::string name, NestedAttributes::Nesting nesting,
                                  std::vector<Attribute> attributes, std::string description) {
  cty::Type object = NestedObjectType(attributes);
  cty::Type type = nesting == NestedAttributes::Nesting::List ? cty::Type::List(object) : object;
  Attribute attribute = ComputedAttribute(std::move(name), std::move(type), std::move(description));
  auto nested = std::make_shared<NestedAttributes>();
  nested->nesting = nesting;
  nested->attributes = std::move(attributes);
  attribute.nested = std::move(nested);
  return attribute;
}

}  // namespace provider
