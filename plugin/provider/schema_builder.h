// Small constructors for schema attributes, so that the schema files read
// like the SPEC's tables (name, type, role) instead of field-by-field setup.
#pragma once

#include <string>
#include <vector>

#include "cty/type.h"
#include "provider/schema.h"

namespace provider {

Attribute RequiredAttribute(std::string name, cty::Type type, std::string description);
Attribute OptionalAttribute(std::string name, cty::Type type, std::string description);
Attribute OptionalComputedAttribute(std::string name, cty::Type type, std::string description);
Attribute ComputedAttribute(std::string name, cty::Type type, std::string description);

// A computed nested attribute (protocol 6 Schema.Object). Its `type` is the
// implied object (Single) or list-of-object (List) type of `attributes`.
Attribute ComputedNestedAttribute(std::string name, NestedAttributes::Nesting nesting,
                                  std::vector<Attribute> attributes, std::string description);

// The object type of one element of a nested attribute.
cty::Type NestedObjectType(const std::vector<Attribute>& attributes);

}  // namespace provider
