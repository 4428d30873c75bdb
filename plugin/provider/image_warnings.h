// Why an image that was read successfully still cannot be used to launch
// instances: status not "ready", withdrawn (offline), or expired. All reasons
// go into ONE warning so the user sees them together.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "jdcloud/image.h"
#include "provider/diagnostics.h"

namespace provider {

// Every reason, in a fixed order (status, offline, expiry); empty when usable.
std::vector<std::string> UnusableImageReasons(const jdcloud::Image& image,
                                              std::chrono::system_clock::time_point now);

// One warning naming the image, its region, every reason and the request id;
// nullopt when the image is usable.
std::optional<Diagnostic> UnusableImageWarning(const jdcloud::Image& image, const std::string& image_id,
                                               const std::string& region,
                                               const std::string& request_id,
                                               std::chrono::system_clock::time_point now);

}  // namespace provider
