#include "provider/secret_fingerprint.h"

#include <openssl/evp.h>

#include <array>
#include <memory>

namespace provider {

std::string SecretFingerprint(std::string_view secret) {
  // The prefix keeps this digest distinct from any other SHA-256 of the secret.
  // Fed piecewise so that the secret is read in place, never copied.
  static constexpr std::string_view kDomain = "terraform-provider-jdcloud cache key\n";
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1 ||
      EVP_DigestUpdate(ctx.get(), kDomain.data(), kDomain.size()) != 1 ||
      EVP_DigestUpdate(ctx.get(), secret.data(), secret.size()) != 1 ||
      EVP_DigestFinal_ex(ctx.get(), digest.data(), &length) != 1) {
    length = 0;  // cannot happen with the default provider; an empty fingerprint just never matches a real one
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 0xf];
  }
  return hex;
}

}  // namespace provider
