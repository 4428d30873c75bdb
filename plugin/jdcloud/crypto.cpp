#include "jdcloud/crypto.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <algorithm>
#include <array>
#include <initializer_list>
#include <memory>
#include <random>

namespace jdcloud {

std::string HmacSha256(std::string_view key, std::string_view message) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int out_len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), out, &out_len);
  std::string mac(reinterpret_cast<const char*>(out), out_len);
  OPENSSL_cleanse(out, sizeof out);  // a link of the signing key chain
  return mac;
}

namespace {

constexpr std::size_t kSha256Block = 64;
constexpr std::size_t kSha256Size = 32;
using Block = std::array<unsigned char, kSha256Block>;
using DigestCtx = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;

// SHA-256 over the concatenation of `parts`, written to `out`.
bool Sha256Of(std::initializer_list<std::string_view> parts, unsigned char* out) {
  DigestCtx ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1) return false;
  for (std::string_view part : parts) {
    if (EVP_DigestUpdate(ctx.get(), part.data(), part.size()) != 1) return false;
  }
  unsigned int len = 0;
  return EVP_DigestFinal_ex(ctx.get(), out, &len) == 1 && len == kSha256Size;
}

std::string_view View(const unsigned char* data, std::size_t n) {
  return {reinterpret_cast<const char*>(data), n};
}

}  // namespace

std::string HmacSha256(std::string_view key_prefix, std::string_view key_rest, std::string_view message) {
  // K0 (RFC 2104): the key zero-padded to a block, or its digest when longer.
  Block k0{};
  bool ok = true;
  if (key_prefix.size() + key_rest.size() > kSha256Block) {
    ok = Sha256Of({key_prefix, key_rest}, k0.data());
  } else {
    std::copy(key_prefix.begin(), key_prefix.end(), k0.begin());
    std::copy(key_rest.begin(), key_rest.end(), k0.begin() + static_cast<std::ptrdiff_t>(key_prefix.size()));
  }
  Block pad{};
  std::array<unsigned char, kSha256Size> inner{};
  std::array<unsigned char, kSha256Size> mac{};
  for (std::size_t i = 0; i < kSha256Block; ++i) pad[i] = k0[i] ^ 0x36;
  ok = ok && Sha256Of({View(pad.data(), pad.size()), message}, inner.data());
  for (std::size_t i = 0; i < kSha256Block; ++i) pad[i] = k0[i] ^ 0x5c;
  ok = ok && Sha256Of({View(pad.data(), pad.size()), View(inner.data(), inner.size())}, mac.data());
  std::string out = ok ? std::string(View(mac.data(), mac.size())) : std::string();
  OPENSSL_cleanse(k0.data(), k0.size());
  OPENSSL_cleanse(pad.data(), pad.size());
  OPENSSL_cleanse(inner.data(), inner.size());
  OPENSSL_cleanse(mac.data(), mac.size());
  return out;
}

std::string Sha256(std::string_view data) {
  unsigned char out[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), out);
  return std::string(reinterpret_cast<const char*>(out), sizeof out);
}

std::string HexEncode(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 0x0f]);
  }
  return out;
}

std::string RandomBytes(std::size_t n) {
  std::string out(n, '\0');
  if (n == 0) return out;
  if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(n)) == 1) return out;
  std::random_device rd;  // /dev/urandom on Linux
  for (auto& c : out) c = static_cast<char>(rd() & 0xff);
  return out;
}

}  // namespace jdcloud
