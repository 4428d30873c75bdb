// jdcloud::Image -> the jdcloud_image state value, walking the image's field
// table. The result conforms exactly to ImageStateType(): every attribute
// present, null for a field the API omitted, an empty list for an empty
// array, a null element for a JSON null inside an array, tags as a map, and
// every number exactly as the API wrote it.
#pragma once

#include <expected>
#include <string>

#include "cty/type.h"
#include "cty/value.h"
#include "jdcloud/record.h"

namespace provider {

// A record as an object of `type` (the object type its table implies), or
// the problem, "field <path>: ...", with the API's member path under
// `path`. The only problem possible is a number too large for Terraform.
std::expected<cty::Value, std::string> MapRecord(const jdcloud::Record& record, const cty::Type& type,
                                                 const std::string& path);

// `image_id` is the configured (or, in search mode, chosen) id; `region` is
// the region the image was read from; `id` is the API's imageId;
// most_recent and filter are null, as a lookup by id leaves them.
std::expected<cty::Value, std::string> MapImage(const jdcloud::Record& image, const std::string& configured_image_id,
                                                const std::string& region);

// One element of jdcloud_images' `images`, of `element_type`: the computed
// attributes and `image_id` (the API's imageId); no region.
std::expected<cty::Value, std::string> MapListedImage(const jdcloud::Record& image, const cty::Type& element_type);

}  // namespace provider
