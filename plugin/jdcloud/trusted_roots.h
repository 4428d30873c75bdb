// Extra root certificates for https endpoints (the provider's ca_file), in
// addition to the system store: a private CA of a corporate network or a
// test double. Loaded once; each new connection gets its own store.
#pragma once

#include <openssl/x509.h>

#include <expected>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace jdcloud {

// The distribution's CA bundle, for a statically linked OpenSSL whose
// built-in default (Debian's /usr/lib/ssl) other distributions do not have:
// the first of the files Go's crypto/x509 looks for on Linux that exists,
// or "" when SSL_CERT_FILE is set (OpenSSL then honours the user's choice)
// or none exists. Found once per process.
const std::string& SystemCertificateBundle();

// The first of `candidates` that is a readable regular file, or "".
std::string FirstReadableFile(std::span<const char* const> candidates);

class TrustedRoots {
 public:
  // Every certificate in a PEM file; an error (in words for the user) when
  // the file cannot be read or holds none.
  static std::expected<std::shared_ptr<const TrustedRoots>, std::string> FromPemFile(const std::string& path);

  // A store with these roots for httplib, which takes ownership; the system
  // store is added to it by httplib (SSL_CTX_set_default_verify_paths).
  X509_STORE* NewStore() const;

  std::size_t size() const { return certs_.size(); }

 private:
  struct Free {
    void operator()(X509* cert) const { X509_free(cert); }
  };
  std::vector<std::unique_ptr<X509, Free>> certs_;
};

}  // namespace jdcloud
