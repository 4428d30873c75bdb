// Parses the generated identity back with OpenSSL and checks every property
// go-plugin's client (and stricter verifiers) rely on (reference §3.2).
#include <catch2/catch.hpp>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <ctime>
#include <memory>
#include <string>

#include "plugin_client.h"
#include "transport/tls.h"

namespace {

struct X509Deleter { void operator()(X509* x) const { X509_free(x); } };
struct PKeyDeleter { void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); } };
using Cert = std::unique_ptr<X509, X509Deleter>;
using PKey = std::unique_ptr<EVP_PKEY, PKeyDeleter>;

Cert ParseCert(const std::string& pem) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  Cert cert(PEM_read_bio_X509(bio, nullptr, nullptr, nullptr));
  BIO_free(bio);
  return cert;
}

PKey ParseKey(const std::string& pem) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  PKey key(PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr));
  BIO_free(bio);
  return key;
}

std::string CurveName(EVP_PKEY* key) {
  char name[64] = {};
  size_t len = 0;
  if (EVP_PKEY_get_group_name(key, name, sizeof name, &len) != 1) return "";
  return name;
}

std::string NameEntry(X509_NAME* name, int nid) {
  char buf[256] = {};
  if (X509_NAME_get_text_by_NID(name, nid, buf, sizeof buf) < 0) return "";
  return buf;
}

const transport::ServerIdentity& Identity() {
  static const transport::ServerIdentity identity = [] {
    auto id = transport::GenerateServerIdentity();
    if (!id) FAIL(id.error());
    return std::move(*id);
  }();
  return identity;
}

}  // namespace

TEST_CASE("server certificate: self-signed, localhost, HashiCorp", "[tls]") {
  Cert cert = ParseCert(Identity().cert_pem);
  REQUIRE(cert);
  CHECK(X509_get_version(cert.get()) == X509_VERSION_3);
  CHECK(NameEntry(X509_get_subject_name(cert.get()), NID_commonName) == "localhost");
  CHECK(NameEntry(X509_get_subject_name(cert.get()), NID_organizationName) == "HashiCorp");
  CHECK(X509_NAME_cmp(X509_get_subject_name(cert.get()), X509_get_issuer_name(cert.get())) == 0);
  PKey pub(X509_get_pubkey(cert.get()));
  CHECK(X509_verify(cert.get(), pub.get()) == 1);  // signed by its own key
  CHECK(X509_get_signature_nid(cert.get()) == NID_ecdsa_with_SHA256);
  CHECK(X509_check_host(cert.get(), "localhost", 0, 0, nullptr) == 1);
  CHECK(X509_check_host(cert.get(), "example.com", 0, 0, nullptr) == 0);
}

TEST_CASE("server certificate: SAN is exactly DNS:localhost", "[tls]") {
  Cert cert = ParseCert(Identity().cert_pem);
  REQUIRE(cert);
  auto* sans = static_cast<GENERAL_NAMES*>(
      X509_get_ext_d2i(cert.get(), NID_subject_alt_name, nullptr, nullptr));
  REQUIRE(sans != nullptr);
  REQUIRE(sk_GENERAL_NAME_num(sans) == 1);
  const GENERAL_NAME* san = sk_GENERAL_NAME_value(sans, 0);
  REQUIRE(san->type == GEN_DNS);
  const ASN1_IA5STRING* dns = san->d.dNSName;
  CHECK(std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(dns)),
                    static_cast<size_t>(ASN1_STRING_length(dns))) == "localhost");
  GENERAL_NAMES_free(sans);
}

TEST_CASE("server certificate: EKU, CA and key usage", "[tls]") {
  Cert cert = ParseCert(Identity().cert_pem);
  REQUIRE(cert);
  const uint32_t eku = X509_get_extended_key_usage(cert.get());
  CHECK((eku & XKU_SSL_SERVER) != 0);
  CHECK((eku & XKU_SSL_CLIENT) != 0);
  CHECK((eku & ~(XKU_SSL_SERVER | XKU_SSL_CLIENT)) == 0);

  CHECK((X509_get_extension_flags(cert.get()) & EXFLAG_CA) != 0);
  auto* bc = static_cast<BASIC_CONSTRAINTS*>(
      X509_get_ext_d2i(cert.get(), NID_basic_constraints, nullptr, nullptr));
  REQUIRE(bc != nullptr);
  CHECK(bc->ca != 0);
  BASIC_CONSTRAINTS_free(bc);
  CHECK(X509_EXTENSION_get_critical(
            X509_get_ext(cert.get(), X509_get_ext_by_NID(cert.get(), NID_basic_constraints, -1))) == 1);

  const uint32_t ku = X509_get_key_usage(cert.get());
  CHECK(ku == (KU_DIGITAL_SIGNATURE | KU_KEY_ENCIPHERMENT | KU_KEY_AGREEMENT | KU_KEY_CERT_SIGN));
  CHECK(X509_EXTENSION_get_critical(
            X509_get_ext(cert.get(), X509_get_ext_by_NID(cert.get(), NID_key_usage, -1))) == 1);
  CHECK(X509_check_ca(cert.get()) >= 1);
}

TEST_CASE("server certificate: P-256 key that matches the private key", "[tls]") {
  Cert cert = ParseCert(Identity().cert_pem);
  PKey key = ParseKey(std::string(Identity().key_pem.view()));
  REQUIRE(cert);
  REQUIRE(key);
  CHECK(EVP_PKEY_get_base_id(key.get()) == EVP_PKEY_EC);
  CHECK(CurveName(key.get()) == "prime256v1");
  PKey pub(X509_get_pubkey(cert.get()));
  CHECK(CurveName(pub.get()) == "prime256v1");
  CHECK(X509_check_private_key(cert.get(), key.get()) == 1);
  CHECK(EVP_PKEY_eq(pub.get(), key.get()) == 1);
}

TEST_CASE("server certificate: validity covers now, back-dated, ~30 years", "[tls]") {
  Cert cert = ParseCert(Identity().cert_pem);
  REQUIRE(cert);
  time_t now = std::time(nullptr);
  CHECK(X509_cmp_time(X509_get0_notBefore(cert.get()), &now) < 0);
  CHECK(X509_cmp_time(X509_get0_notAfter(cert.get()), &now) > 0);
  int days = 0, secs = 0;
  REQUIRE(ASN1_TIME_diff(&days, &secs, nullptr, X509_get0_notBefore(cert.get())) == 1);
  const long before_offset = days * 86400L + secs;  // notBefore - now
  CHECK(before_offset <= -25);
  CHECK(before_offset >= -120);
  REQUIRE(ASN1_TIME_diff(&days, &secs, nullptr, X509_get0_notAfter(cert.get())) == 1);
  CHECK(days >= 10950);
  CHECK(days <= 10960);
}

TEST_CASE("server certificate: positive serial of at most 128 bits", "[tls]") {
  Cert cert = ParseCert(Identity().cert_pem);
  REQUIRE(cert);
  BIGNUM* serial = ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert.get()), nullptr);
  REQUIRE(serial != nullptr);
  CHECK_FALSE(BN_is_negative(serial));
  CHECK_FALSE(BN_is_zero(serial));
  CHECK(BN_num_bits(serial) <= 128);
  CHECK(BN_num_bits(serial) > 64);  // fails only with probability 2^-64
  BN_free(serial);
}

TEST_CASE("handshake base64 is the unpadded DER of the PEM certificate", "[tls]") {
  const auto& id = Identity();
  CHECK(id.cert_base64.find('=') == std::string::npos);
  CHECK(id.cert_base64.find('\n') == std::string::npos);
  CHECK(id.cert_base64.size() > 50);  // go-plugin only decodes fields longer than 50 chars
  Cert cert = ParseCert(id.cert_pem);
  unsigned char* der = nullptr;
  const int len = i2d_X509(cert.get(), &der);
  REQUIRE(len > 0);
  auto decoded = transport_test::DecodeBase64NoPadding(id.cert_base64);
  REQUIRE(decoded);
  CHECK(*decoded == std::string(reinterpret_cast<char*>(der), static_cast<size_t>(len)));
  OPENSSL_free(der);
}

TEST_CASE("every call makes a fresh key and certificate", "[tls]") {
  auto a = transport::GenerateServerIdentity();
  auto b = transport::GenerateServerIdentity();
  REQUIRE(a);
  REQUIRE(b);
  CHECK(a->key_pem.view() != b->key_pem.view());
  CHECK(a->cert_pem != b->cert_pem);
  Cert ca = ParseCert(a->cert_pem), cb = ParseCert(b->cert_pem);
  CHECK(ASN1_INTEGER_cmp(X509_get0_serialNumber(ca.get()), X509_get0_serialNumber(cb.get())) != 0);
  PKey ka(X509_get_pubkey(ca.get())), kb(X509_get_pubkey(cb.get()));
  CHECK(EVP_PKEY_eq(ka.get(), kb.get()) != 1);
}

TEST_CASE("a P-521/SHA-512 identity like go-plugin's client certificate", "[tls]") {
  auto id = transport::GenerateSelfSignedIdentity({"P-521", "SHA512"});
  REQUIRE(id);
  Cert cert = ParseCert(id->cert_pem);
  REQUIRE(cert);
  CHECK(X509_get_signature_nid(cert.get()) == NID_ecdsa_with_SHA512);
  PKey pub(X509_get_pubkey(cert.get()));
  CHECK(CurveName(pub.get()) == "secp521r1");
}

TEST_CASE("bad key specs are errors, not crashes", "[tls]") {
  auto bad_curve = transport::GenerateSelfSignedIdentity({"P-999", "SHA256"});
  REQUIRE_FALSE(bad_curve);
  CHECK(bad_curve.error().find("P-999") != std::string::npos);
  auto bad_digest = transport::GenerateSelfSignedIdentity({"P-256", "NOPE"});
  REQUIRE_FALSE(bad_digest);
  CHECK(bad_digest.error().find("NOPE") != std::string::npos);
}

TEST_CASE("PLUGIN_CLIENT_CERT must hold a PEM certificate", "[tls]") {
  CHECK(transport::CheckCertificatePem(Identity().cert_pem));
  CHECK_FALSE(transport::CheckCertificatePem(""));
  CHECK_FALSE(transport::CheckCertificatePem("not a certificate"));
  CHECK_FALSE(transport::CheckCertificatePem(Identity().key_pem.view()));
  auto truncated = transport::CheckCertificatePem(Identity().cert_pem.substr(0, 100));
  REQUIRE_FALSE(truncated);
  CHECK(truncated.error().find("PLUGIN_CLIENT_CERT") != std::string::npos);
}

TEST_CASE("the private key is held as a secret: undumpable, wiped, moved cleanly", "[tls]") {
  auto identity = transport::GenerateServerIdentity();
  REQUIRE(identity);
  secret::Secret a = std::move(identity->key_pem);
  CHECK(identity->key_pem.empty());
  REQUIRE(a.view().find("PRIVATE KEY") != std::string_view::npos);
  const secret::Secret b = a;
  CHECK(b.SharesRegionWith(a));
  b.Wipe();
  CHECK(a.empty());
}
