// Standard-alphabet base64 without '=' padding: the encoding go-plugin's
// client expects for the certificate in the handshake line (base64.RawStdEncoding).
#pragma once

#include <cstdint>
#include <span>
#include <string>

namespace transport {

std::string Base64StdNoPadding(std::span<const uint8_t> bytes);

}  // namespace transport
