// The `jdcloud_image` data source schema (SPEC "Data source jdcloud_image"):
// arguments image_id and region (optional+computed), most_recent and the
// `filter` block of the search mode, and every
// field of jdcloud::ImageSpec() as a computed attribute with its name, type
// and description. Objects and lists of objects are nested attributes
// (Single / List) so protocol 6 can serve them as such; protocol 5 uses
// their object types.
#pragma once

#include <string_view>
#include <vector>

#include "cty/type.h"
#include "provider/schema.h"

namespace provider {

inline constexpr std::string_view kImageDataSourceType = "jdcloud_image";

Schema BuildImageSchema();

// The computed attributes mapped from an Image, in the table's order.
std::vector<Attribute> ImageComputedAttributes();

// The implied type of the schema, built once: what a read's state must
// conform to exactly.
const cty::Type& ImageStateType();

}  // namespace provider
