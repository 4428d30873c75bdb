#include "provider/secret_fingerprint.h"

#include <openssl/evp.h>

#include <array>

namespace provider {

std::string SecretFingerprint(std::string_view secret) {
  // The prefix keeps this digest distinct from any other SHA-256 of the secret.
  std::string input = "terraform-provider-jdcloud cache key\n";
  input.append(secret);
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (EVP_Digest(input.data(), input.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1) {
    length = 0;  // cannot happen with the default provider; an empty fingerprint just never matches a real one
  }
  OPENSSL_cleanse(input.data(), input.size());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 0xf];
  }
  return hex;
}

}  // namespace provider
