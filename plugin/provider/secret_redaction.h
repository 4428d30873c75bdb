// A last line of defence for "no diagnostic ever contains the secret key":
// every diagnostic leaving the provider passes through here, so even text
// that came from outside (an API message, a config value) cannot leak it.
#pragma once

#include <string>
#include <string_view>

#include "provider/diagnostics.h"

namespace provider {

inline constexpr std::string_view kRedactedMarker = "[REDACTED]";

// `text` with every occurrence of `secret` replaced by kRedactedMarker.
std::string RedactSecret(std::string text, std::string_view secret);

void RedactSecret(Diagnostics& diagnostics, std::string_view secret);

}  // namespace provider
