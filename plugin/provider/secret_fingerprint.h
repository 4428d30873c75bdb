// A one-way fingerprint of the secret key, so that caches can tell
// credentials apart without holding a second copy of the secret.
#pragma once

#include <string>
#include <string_view>

namespace provider {

// Hex SHA-256 of the secret (domain-separated).
std::string SecretFingerprint(std::string_view secret);

}  // namespace provider
