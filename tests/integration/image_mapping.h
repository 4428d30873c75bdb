// SPEC.md's mapping from the API's `Image` JSON to `jdcloud_image` attributes,
// written down again here on purpose: the tests check the provider against
// this independent copy of the contract, not against the provider's own table.
#pragma once

#include <span>

#include "cty/type.h"

namespace harness {

struct FieldMapping {
  enum class Shape { String, Number, Bool, Object, ListOfObjects, TagMap };
  const char* attribute;  // snake_case name in state
  const char* api_field;  // camelCase member in the API JSON
  Shape shape;
  std::span<const FieldMapping> nested;  // members of Object / ListOfObjects
};

// The computed attributes of `jdcloud_image` (image_id and region are
// arguments echoed from the configuration, not mapped from the API).
std::span<const FieldMapping> ImageMapping();

// The object type SPEC gives a value mapped by `fields` (number, string, bool,
// object, list(object), map(string) for tags).
cty::Type MappedObjectType(std::span<const FieldMapping> fields);

// The whole `jdcloud_image` state type: the mapped attributes plus the
// image_id and region arguments (strings).
cty::Type ImageStateType();

}  // namespace harness
