// The provider's schemas in one protocol-neutral model. Protocol 6 serves
// attributes that have `nested` as nested attributes; protocol 5 serves the
// same attributes with their object/list-of-object cty type. The value shapes
// are the same either way, so ImpliedType() is what values are decoded
// against and encoded with.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "cty/type.h"

namespace provider {

struct Attribute;

// Nested attributes (tfplugin6 Schema.Object). Nesting Single is one object,
// List a list of objects.
struct NestedAttributes {
  enum class Nesting { Single, List };
  Nesting nesting = Nesting::Single;
  std::vector<Attribute> attributes;
};

struct Attribute {
  std::string name;
  cty::Type type;  // for nested attributes: the implied object / list(object) type
  std::shared_ptr<const NestedAttributes> nested;  // set only for nested attributes
  std::string description;
  bool required = false;
  bool optional = false;
  bool computed = false;
  bool sensitive = false;
};

struct Block {
  std::vector<Attribute> attributes;
  std::string description;
  // The object type of a value of this block: one entry per attribute.
  cty::Type ImpliedType() const;
};

struct Schema {
  int64_t version = 0;
  Block block;
};

}  // namespace provider
