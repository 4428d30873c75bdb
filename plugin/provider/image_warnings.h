// Warnings about an image that was read successfully: why it cannot be used
// to launch instances (status not "ready", withdrawn, expired), all reasons in
// ONE warning so the user sees them together; and an expiry time that cannot
// be read as a date-time, which must never pass in silence.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "jdcloud/image.h"
#include "provider/diagnostics.h"

namespace provider {

// Every reason, in a fixed order (status, offline, expiry); empty when usable.
std::vector<std::string> UnusableImageReasons(const jdcloud::Image& image,
                                              std::chrono::system_clock::time_point now);

// Zero, one or two warnings, each naming the image, its region and the
// request id.
Diagnostics ImageWarnings(const jdcloud::Image& image, const std::string& image_id, const std::string& region,
                          const std::string& request_id, std::chrono::system_clock::time_point now);

}  // namespace provider
