// The go-plugin handshake: which app-protocol version we speak, and the single
// line on stdout that tells the client where and how to connect (reference §2.3, §2.4).
#pragma once

#include <set>
#include <string>
#include <string_view>

namespace transport {

// The app-protocol majors this binary can serve, highest first.
inline constexpr int kHighestProtocolVersion = 6;
inline constexpr int kLowestProtocolVersion = 5;

// Parses PLUGIN_PROTOCOL_VERSIONS ("5,6", order not guaranteed) as a set.
// Entries that are not plain decimal integers are skipped, as go-plugin does.
std::set<int> ParseOfferedVersions(std::string_view offered);

// 6 when the client offers 6, else 5 when it offers 5, else 6: the client
// then reports "incompatible API version" itself, which is the clearest error.
int NegotiateProtocolVersion(std::string_view offered);

// `1|<version>|tcp|<address>|grpc[|<cert>]` plus '\n'. `cert_base64` is the
// unpadded standard base64 of the server certificate's DER; empty means
// plaintext, and then the field is left out (a cert field makes the client try TLS).
std::string FormatHandshakeLine(int protocol_version, std::string_view tcp_address,
                                std::string_view cert_base64);

}  // namespace transport
