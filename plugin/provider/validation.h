// Argument checks for data blocks, done before any API call. An unknown or
// null value is never an error here (Terraform enforces `required`; unknowns
// are checked when they become known).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "cty/value.h"
#include "provider/diagnostics.h"

namespace provider {

// User input quoted for a diagnostic: control characters escaped so it stays
// one line, and cut to 128 bytes (never mid UTF-8) with its length after that,
// so a 1 MiB value cannot bury the message. Never use it for a secret.
std::string QuotedForDiagnostic(std::string_view text);

// The same escaping, unquoted, for text an API answer supplies (an error
// message, a redirect target): cut to `max_bytes` (counted before escaping,
// never mid UTF-8) with its length after that, and the escaped form itself
// never more than a quarter longer than `max_bytes`.
std::string EscapedForDiagnostic(std::string_view text, std::size_t max_bytes);

// ^img-[0-9a-z]{8,32}$
bool IsValidImageId(std::string_view id);
// ^[a-z]{2}-[a-z]+-[0-9]+$
bool IsValidRegion(std::string_view region);

// Error diagnostics on the attribute's path for a known, malformed value.
// An empty region counts as unset (the provider's region applies).
Diagnostics ValidateImageIdValue(const cty::Value& value, const AttributePath& path);
Diagnostics ValidateRegionValue(const cty::Value& value, const AttributePath& path);

}  // namespace provider
