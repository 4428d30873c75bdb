// A throwaway certificate authority for the double's https mode: a CA
// certificate (which a test hands to the provider as ca_file) and a server
// certificate it signed for localhost, jdcloud-api.test, 127.0.0.1 and ::1.
// Made afresh on every start; nothing is ever trusted beyond that run.
#pragma once

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <expected>
#include <memory>
#include <string>

namespace api_double {

struct TestCa {
  struct FreeCert {
    void operator()(X509* c) const { X509_free(c); }
  };
  struct FreeKey {
    void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
  };
  std::string ca_pem;  // the CA certificate, PEM
  std::unique_ptr<X509, FreeCert> server_cert;
  std::unique_ptr<EVP_PKEY, FreeKey> server_key;
};

std::expected<TestCa, std::string> MakeTestCa();

}  // namespace api_double
