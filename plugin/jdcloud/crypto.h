// Thin RAII-free wrappers over OpenSSL's one-shot digests and CSPRNG: the only
// primitives the signer (and the API double's verifier) need.
#pragma once

#include <string>
#include <string_view>

namespace jdcloud {

// Raw 32-byte HMAC-SHA256 of `message` under `key` (both arbitrary bytes).
std::string HmacSha256(std::string_view key, std::string_view message);

// The same with the key `key_prefix + key_rest`, read from both pieces in
// place, so that a secret key needs no concatenated copy (RFC 2104 done over
// SHA-256 directly; the key blocks on the stack are wiped before returning).
std::string HmacSha256(std::string_view key_prefix, std::string_view key_rest, std::string_view message);

// Raw 32-byte SHA-256 of `data`.
std::string Sha256(std::string_view data);

// Lower-case hex rendering of arbitrary bytes.
std::string HexEncode(std::string_view bytes);

// `n` bytes from OpenSSL's CSPRNG (falls back to std::random_device only if
// RAND_bytes reports failure, which it does not on a seeded Linux system).
std::string RandomBytes(std::size_t n);

}  // namespace jdcloud
