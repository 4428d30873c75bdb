// A one-off client certificate like the one go-plugin's client makes for
// AutoMTLS (reference §3.1): ECDSA P-521 key, ECDSA-SHA512 self-signature,
// CN/SAN localhost, O=HashiCorp, CA:TRUE, EKU clientAuth+serverAuth.
#pragma once

#include <string>

namespace harness {

struct ClientCertificate {
  std::string cert_pem;  // what goes into PLUGIN_CLIENT_CERT
  std::string key_pem;   // PKCS#8 private key, for the gRPC channel

  // Generates a fresh key and certificate. Aborts the test run (throws
  // std::runtime_error) if OpenSSL fails, which only a broken install does.
  static ClientCertificate Generate();
};

}  // namespace harness
