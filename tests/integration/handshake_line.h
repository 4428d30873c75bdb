// The go-plugin handshake line a plugin prints on stdout (reference §2.4):
// CORE|APP|NETWORK|ADDRESS|PROTOCOL[|CERT], CERT being unpadded standard
// base64 of the server certificate's DER.
#pragma once

#include <expected>
#include <optional>
#include <string>
#include <string_view>

namespace harness {

struct HandshakeLine {
  int core_version = 0;
  int app_version = 0;
  std::string network;   // "tcp" or "unix"
  std::string address;   // "127.0.0.1:PORT" or a socket path
  std::string protocol;  // "grpc"
  size_t field_count = 0;
  std::optional<std::string> cert_der;  // set when a 6th field was printed

  // Parses strictly as go-plugin's client does, and stricter where go-plugin
  // is lenient only by accident: padding in the cert is an error (Go's
  // RawStdEncoding rejects it), as is a 7th field (PLUGIN_MULTIPLEX_GRPC unset).
  static std::expected<HandshakeLine, std::string> Parse(std::string_view line);

  // The gRPC target for this address ("127.0.0.1:PORT" or "unix:/path").
  std::string GrpcTarget() const;
  // The certificate as PEM, or "" when there is none or it is not a certificate.
  std::string CertificatePem() const;
};

// Decodes standard-alphabet base64 without padding; nullopt on any bad char.
std::optional<std::string> DecodeRawBase64(std::string_view text);

}  // namespace harness
