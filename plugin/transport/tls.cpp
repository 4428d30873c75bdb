#include "transport/tls.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>
#include <span>

#include "transport/base64.h"

namespace transport {
namespace {

template <auto Free>
struct Deleter {
  template <typename T>
  void operator()(T* p) const { Free(p); }
};
using PKey = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using Cert = std::unique_ptr<X509, Deleter<X509_free>>;
using Bio = std::unique_ptr<BIO, Deleter<BIO_free_all>>;
using BigNum = std::unique_ptr<BIGNUM, Deleter<BN_free>>;
using Extension = std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION_free>>;

constexpr long kBackdateSeconds = 30;        // absorbs clock skew with the client
constexpr int kValidityDays = 10957;         // 262980 h, go-plugin's ~30 years
constexpr long kValidityExtraSeconds = 43200;

std::unexpected<std::string> Failure(std::string_view what) {
  std::string message = "TLS identity: " + std::string(what);
  if (unsigned long code = ERR_get_error(); code != 0) {
    char buf[256];
    ERR_error_string_n(code, buf, sizeof buf);
    message += ": ";
    message += buf;
  }
  ERR_clear_error();
  return std::unexpected(std::move(message));
}

bool SetRandomSerial(X509* cert) {
  BigNum serial(BN_new());
  if (!serial) return false;
  // Retry the (2^-128) zero case: a serial must be positive.
  do {
    if (BN_rand(serial.get(), 128, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) != 1) return false;
  } while (BN_is_zero(serial.get()));
  return BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert)) != nullptr;
}

bool SetSubjectAndIssuer(X509* cert) {
  X509_NAME* name = X509_get_subject_name(cert);
  auto add = [name](const char* field, const char* value) {
    return X509_NAME_add_entry_by_txt(name, field, MBSTRING_ASC,
                                      reinterpret_cast<const unsigned char*>(value), -1, -1, 0) == 1;
  };
  return add("O", "HashiCorp") && add("CN", "localhost") && X509_set_issuer_name(cert, name) == 1;
}

bool AddExtension(X509* cert, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
  Extension ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value));
  return ext && X509_add_ext(cert, ext.get(), -1) == 1;
}

bool AddExtensions(X509* cert) {
  return AddExtension(cert, NID_basic_constraints, "critical,CA:TRUE") &&
         AddExtension(cert, NID_key_usage,
                      "critical,digitalSignature,keyEncipherment,keyAgreement,keyCertSign") &&
         AddExtension(cert, NID_ext_key_usage, "serverAuth,clientAuth") &&
         AddExtension(cert, NID_subject_alt_name, "DNS:localhost") &&
         AddExtension(cert, NID_subject_key_identifier, "hash");
}

std::expected<std::string, std::string> CertPem(X509* cert) {
  Bio bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_X509(bio.get(), cert) != 1) return Failure("encoding certificate PEM");
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(len));
}

std::expected<secret::Secret, std::string> KeyPem(EVP_PKEY* key) {
  // Secure-heap BIO: its buffer is cleared when freed.
  Bio bio(BIO_new(BIO_s_secmem()));
  if (!bio || PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    return Failure("encoding private key PEM");
  }
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio.get(), &data);
  return secret::Secret(std::string_view(data, static_cast<size_t>(len)));
}

std::expected<std::string, std::string> CertDerBase64(X509* cert) {
  unsigned char* der = nullptr;
  const int len = i2d_X509(cert, &der);
  if (len <= 0) return Failure("encoding certificate DER");
  std::string b64 = Base64StdNoPadding(std::span<const uint8_t>(der, static_cast<size_t>(len)));
  OPENSSL_free(der);
  return b64;
}

}  // namespace

std::expected<ServerIdentity, std::string> GenerateSelfSignedIdentity(const KeySpec& spec) {
  PKey key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", spec.curve.c_str()));
  if (!key) return Failure("generating " + spec.curve + " key");

  Cert cert(X509_new());
  if (!cert) return Failure("allocating certificate");
  if (X509_set_version(cert.get(), X509_VERSION_3) != 1 || !SetRandomSerial(cert.get()) ||
      X509_gmtime_adj(X509_getm_notBefore(cert.get()), -kBackdateSeconds) == nullptr ||
      X509_time_adj_ex(X509_getm_notAfter(cert.get()), kValidityDays, kValidityExtraSeconds,
                       nullptr) == nullptr ||
      !SetSubjectAndIssuer(cert.get()) || X509_set_pubkey(cert.get(), key.get()) != 1 ||
      !AddExtensions(cert.get())) {
    return Failure("building certificate");
  }
  const EVP_MD* digest = EVP_get_digestbyname(spec.digest.c_str());
  if (digest == nullptr) return Failure("unknown digest " + spec.digest);
  if (X509_sign(cert.get(), key.get(), digest) <= 0) return Failure("signing certificate");

  auto cert_pem = CertPem(cert.get());
  if (!cert_pem) return std::unexpected(cert_pem.error());
  auto key_pem = KeyPem(key.get());
  if (!key_pem) return std::unexpected(key_pem.error());
  auto cert_base64 = CertDerBase64(cert.get());
  if (!cert_base64) return std::unexpected(cert_base64.error());
  return ServerIdentity{std::move(*cert_pem), std::move(*key_pem), std::move(*cert_base64)};
}

std::expected<void, std::string> CheckCertificatePem(std::string_view pem) {
  Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) return Failure("reading client certificate");
  Cert cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  if (!cert) return Failure("PLUGIN_CLIENT_CERT is not a PEM certificate");
  return {};
}

std::expected<ServerIdentity, std::string> GenerateServerIdentity() {
  return GenerateSelfSignedIdentity(KeySpec{});
}

}  // namespace transport
