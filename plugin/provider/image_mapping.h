// jdcloud::Image -> the jdcloud_image state value. The result conforms
// exactly to ImageStateType(): every attribute present, null for a field the
// API omitted, an empty list for an empty array, tags as a map.
#pragma once

#include <string>

#include "cty/value.h"
#include "jdcloud/image.h"

namespace provider {

// `image_id` is the configured id, echoed unchanged; `region` is the region
// the image was read from; `id` is the API's imageId.
cty::Value MapImage(const jdcloud::Image& image, const std::string& configured_image_id,
                    const std::string& region);

}  // namespace provider
