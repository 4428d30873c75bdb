#include "jdcloud/trusted_roots.h"

#include <openssl/err.h>
#include <openssl/pem.h>

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

namespace jdcloud {
namespace {

struct FileCloser {
  void operator()(BIO* bio) const { BIO_free(bio); }
};

// Go's crypto/x509 certFiles for Linux, in its order.
constexpr const char* kBundleCandidates[] = {
    "/etc/ssl/certs/ca-certificates.crt",                 // Debian, Ubuntu, Gentoo, Arch
    "/etc/pki/tls/certs/ca-bundle.crt",                   // Fedora, RHEL 6
    "/etc/ssl/ca-bundle.pem",                             // openSUSE
    "/etc/pki/tls/cacert.pem",                            // OpenELEC
    "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",  // CentOS, RHEL 7+
    "/etc/ssl/cert.pem",                                  // Alpine
};

}  // namespace

std::string FirstReadableFile(std::span<const char* const> candidates) {
  for (const char* path : candidates) {
    std::error_code ec;
    if (std::filesystem::is_regular_file(path, ec) && access(path, R_OK) == 0) return path;
  }
  return "";
}

const std::string& SystemCertificateBundle() {
  static const std::string bundle = std::getenv("SSL_CERT_FILE") ? "" : FirstReadableFile(kBundleCandidates);
  return bundle;
}

std::expected<std::shared_ptr<const TrustedRoots>, std::string> TrustedRoots::FromPemFile(const std::string& path) {
  errno = 0;
  std::unique_ptr<BIO, FileCloser> file(BIO_new_file(path.c_str(), "r"));
  if (!file) {
    ERR_clear_error();
    return std::unexpected(std::string("cannot be read (") + std::strerror(errno != 0 ? errno : ENOENT) + ")");
  }
  auto roots = std::make_shared<TrustedRoots>();
  while (X509* cert = PEM_read_bio_X509(file.get(), nullptr, nullptr, nullptr)) roots->certs_.emplace_back(cert);
  ERR_clear_error();  // the loop ends on "no start line": not an error
  if (roots->certs_.empty()) return std::unexpected(std::string("holds no PEM certificate"));
  return roots;
}

X509_STORE* TrustedRoots::NewStore() const {
  X509_STORE* store = X509_STORE_new();
  for (const auto& cert : certs_) X509_STORE_add_cert(store, cert.get());
  return store;
}

}  // namespace jdcloud
