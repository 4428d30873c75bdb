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

struct NestedBlock;

struct Block {
  std::vector<Attribute> attributes;
  // Nested blocks (`filter { ... }`), which protocol 5 and Terraform 0.12/0.13
  // serve, unlike nested attributes.
  std::vector<NestedBlock> block_types;
  std::string description;
  // The object type of a value of this block: one entry per attribute and
  // per nested block.
  cty::Type ImpliedType() const;
};

// tfplugin5/6 Schema.NestedBlock. Only nesting Single is used: its value is
// one object, null when the block is absent.
struct NestedBlock {
  enum class Nesting { Single };
  std::string type_name;
  Nesting nesting = Nesting::Single;
  Block block;
  // Terraform requires both 0 (optional) or both 1 (required) for nesting single.
  std::int64_t min_items = 0;
  std::int64_t max_items = 0;
};

struct Schema {
  int64_t version = 0;
  Block block;
};

}  // namespace provider
