// go-plugin's magic cookie: a UX guard (not security) that tells a binary it
// was started by Terraform/OpenTofu rather than by a person (reference §2.2).
#pragma once

#include <string_view>

namespace transport {

inline constexpr std::string_view kMagicCookieKey = "TF_PLUGIN_MAGIC_COOKIE";
inline constexpr std::string_view kMagicCookieValue =
    "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";

// go-plugin's own wording (and line breaks) for a binary run by hand.
inline constexpr std::string_view kNotAPluginMessage =
    "This binary is a plugin. These are not meant to be executed directly.\n"
    "Please execute the program that consumes these plugins, which will\n"
    "load any plugins automatically.";

// True when `value` (the environment value, may be null) is exactly the cookie.
bool IsMagicCookie(const char* value);

// Reads TF_PLUGIN_MAGIC_COOKIE from the environment.
bool HasMagicCookie();

}  // namespace transport
