// Internal: JSON string quoting exactly as Go's encoding/json writes it, so
// that type JSON with unusual attribute names matches go-cty byte for byte.
#pragma once

#include <string>
#include <string_view>

namespace json {

// Appends `s` as a quoted JSON string: \" \\ \b \f \n \r \t, other control
// bytes as \u00XX, <, > and & as \u003c \u003e \u0026, U+2028/U+2029
// escaped, and each invalid UTF-8 byte replaced by \ufffd.
void AppendQuoted(std::string& out, std::string_view s);

// `s` with each byte that does not start a valid UTF-8 sequence replaced by
// U+FFFD, as Go's encoding/json does to every decoded string.
std::string ToValidUtf8(std::string_view s);

}  // namespace json
