// RFC 3339 timestamps ("2024-05-01T08:00:00Z", "2024-05-01T16:00:00.5+08:00"),
// as JD Cloud sends expiry times.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace provider {

// The instant a timestamp denotes (fractional seconds dropped); nullopt when
// the text is not RFC 3339. A space is accepted in place of the 'T'.
std::optional<std::chrono::sys_seconds> ParseRfc3339(std::string_view text);

}  // namespace provider
