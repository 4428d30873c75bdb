// A protocol-neutral view of the schemas a provider served over tfplugin5 or
// tfplugin6, decoded the way Terraform decodes them: attribute `type` bytes
// parsed as cty type JSON, v6 nested attributes kept as nested attributes.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cty/type.h"

namespace harness {

struct ServedAttribute;

// tfplugin6 Schema.Object (nested attributes).
struct ServedNestedObject {
  enum class Nesting { Invalid, Single, List, Set, Map };
  Nesting nesting = Nesting::Invalid;
  std::vector<ServedAttribute> attributes;
};

struct ServedAttribute {
  std::string name;
  std::string type_json;                             // raw `type` bytes; empty when nested
  std::optional<cty::Type> type;                     // parsed type_json, when it parses
  std::shared_ptr<ServedNestedObject> nested;        // v6 nested_type, when set
  std::string description;
  bool required = false, optional = false, computed = false, sensitive = false;
  bool deprecated = false;
};

struct ServedNestedBlock;

struct ServedBlock {
  bool present = false;  // false: the Schema or its block was unset (Terraform would crash)
  int64_t version = 0;
  std::string description;
  std::vector<ServedAttribute> attributes;
  std::vector<ServedNestedBlock> block_types;

  const ServedAttribute* Find(const std::string& name) const;
  const ServedNestedBlock* FindBlock(const std::string& type_name) const;
};

// Schema.NestedBlock; `nesting` is the proto enum's number (1 = SINGLE).
struct ServedNestedBlock {
  std::string type_name;
  int nesting = 0;
  int64_t min_items = 0;
  int64_t max_items = 0;
  ServedBlock block;
};

// The cty type of a value of `attr` (nested attributes included), as
// Terraform derives it; nullopt when a type is missing or unparseable.
std::optional<cty::Type> AttributeType(const ServedAttribute& attr);
// The object type of a value of `block`.
std::optional<cty::Type> ImpliedType(const ServedBlock& block);

struct ServedSchemas {
  ServedBlock provider;
  std::map<std::string, ServedBlock> data_sources;
  size_t resource_count = 0;
  bool get_provider_schema_optional = false;
};

}  // namespace harness
