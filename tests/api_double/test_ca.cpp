#include "test_ca.h"

#include <openssl/pem.h>
#include <openssl/x509v3.h>

namespace api_double {
namespace {

using Cert = std::unique_ptr<X509, TestCa::FreeCert>;
using Key = std::unique_ptr<EVP_PKEY, TestCa::FreeKey>;

bool AddExtension(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  if (ext == nullptr) return false;
  const bool added = X509_add_ext(cert, ext, -1) == 1;
  X509_EXTENSION_free(ext);
  return added;
}

// A certificate for `key`, named `cn`, valid from a minute ago for a day.
Cert NewCert(EVP_PKEY* key, const char* cn, long serial) {
  Cert cert(X509_new());
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), serial);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -60);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 24 * 3600);
  X509_set_pubkey(cert.get(), key);
  X509_NAME_add_entry_by_txt(X509_get_subject_name(cert.get()), "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(cn), -1, -1, 0);
  return cert;
}

}  // namespace

std::expected<TestCa, std::string> MakeTestCa() {
  Key ca_key(EVP_EC_gen("P-256"));
  Key server_key(EVP_EC_gen("P-256"));
  if (!ca_key || !server_key) return std::unexpected("cannot generate keys");

  Cert ca = NewCert(ca_key.get(), "jdcloud-api-double test CA", 1);
  X509_set_issuer_name(ca.get(), X509_get_subject_name(ca.get()));
  if (!AddExtension(ca.get(), ca.get(), NID_basic_constraints, "critical,CA:TRUE") ||
      !AddExtension(ca.get(), ca.get(), NID_key_usage, "critical,keyCertSign,cRLSign") ||
      !AddExtension(ca.get(), ca.get(), NID_subject_key_identifier, "hash") ||
      X509_sign(ca.get(), ca_key.get(), EVP_sha256()) <= 0)
    return std::unexpected("cannot make the CA certificate");

  Cert server = NewCert(server_key.get(), "localhost", 2);
  X509_set_issuer_name(server.get(), X509_get_subject_name(ca.get()));
  if (!AddExtension(server.get(), ca.get(), NID_subject_alt_name,
                    "DNS:localhost,DNS:jdcloud-api.test,IP:127.0.0.1,IP:::1") ||
      !AddExtension(server.get(), ca.get(), NID_ext_key_usage, "serverAuth") ||
      !AddExtension(server.get(), ca.get(), NID_authority_key_identifier, "keyid") ||
      X509_sign(server.get(), ca_key.get(), EVP_sha256()) <= 0)
    return std::unexpected("cannot make the server certificate");

  BIO* pem = BIO_new(BIO_s_mem());
  PEM_write_bio_X509(pem, ca.get());
  char* data = nullptr;
  const long size = BIO_get_mem_data(pem, &data);
  TestCa out{std::string(data, static_cast<std::size_t>(size)), std::move(server), std::move(server_key)};
  BIO_free(pem);
  return out;
}

}  // namespace api_double
