// RFC 3339 timestamps ("2024-05-01T08:00:00Z", "2024-05-01T16:00:00.5+08:00"),
// as JD Cloud sends expiry and creation times, and the ISO 8601 variants seen
// in its answers ("+0800", a space for the 'T'). Years 0000 to 9999.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace provider {

// The instant a timestamp denotes (fractional seconds dropped); nullopt when
// the text is none of those forms.
std::optional<std::chrono::sys_seconds> ParseRfc3339(std::string_view text);

}  // namespace provider
