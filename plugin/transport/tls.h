// AutoMTLS server identity (reference §3): a fresh ECDSA key and a self-signed
// X.509 certificate made per process, held only in memory. go-plugin's client
// trusts exactly this certificate (sent in the handshake line) for "localhost".
#pragma once

#include <expected>
#include <string>
#include <string_view>

#include "secret/secret.h"

namespace transport {

struct ServerIdentity {
  std::string cert_pem;      // for gRPC's SslServerCredentials
  secret::Secret key_pem;    // PKCS#8, unencrypted; undumpable, wiped when destroyed
  std::string cert_base64;   // unpadded standard base64 of the DER, for the handshake
};

// Key and signature algorithm of a self-signed identity.
struct KeySpec {
  std::string curve = "P-256";     // OpenSSL group name: P-256, P-384, P-521
  std::string digest = "SHA256";   // OpenSSL digest name for the signature
};

// CN=localhost, O=HashiCorp; SAN DNS:localhost; EKU serverAuth+clientAuth;
// BasicConstraints CA:TRUE and KeyUsage digitalSignature|keyEncipherment|
// keyAgreement|keyCertSign (both critical); random positive 128-bit serial;
// valid from now-30s for ~30 years. The same shape go-plugin uses on both sides,
// so tests also use it (with P-521/SHA512) to act as Terraform's client.
std::expected<ServerIdentity, std::string> GenerateSelfSignedIdentity(const KeySpec& spec);

// Checks that `pem` (PLUGIN_CLIENT_CERT) holds at least one X.509 certificate,
// so a bad value is a clear start-up error rather than a failed TLS handshake later.
std::expected<void, std::string> CheckCertificatePem(std::string_view pem);

// The server identity: ECDSA P-256 with SHA-256 (cheap to generate, accepted by Go's TLS).
std::expected<ServerIdentity, std::string> GenerateServerIdentity();

}  // namespace transport
