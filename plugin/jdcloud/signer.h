// JD Cloud request signing (reference jdcloud-api.md §1): JDCLOUD2-HMAC-SHA256
// by default. The client signs every attempt with it; the local API double
// verifies requests with the same code, so both ends agree byte for byte.
//
// The caller supplies exactly the headers to sign (normally content-type, host,
// x-jdcloud-date, x-jdcloud-nonce); Sign never adds or drops any.
#pragma once

#include <array>
#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "jdcloud/uri_encoding.h"
#include "secret/secret.h"

namespace jdcloud {

// The three strings that tell JDCLOUD2 and JDCLOUD3 apart (§1.1).
struct SigningAlgorithm {
  std::string_view name;              // Authorization prefix, first line of the string to sign
  std::string_view key_prefix;        // prepended to the secret key
  std::string_view scope_terminator;  // last element of the credential scope
};
inline constexpr SigningAlgorithm kJdcloud2{"JDCLOUD2-HMAC-SHA256", "JDCLOUD2", "jdcloud2_request"};
inline constexpr SigningAlgorithm kJdcloud3{"JDCLOUD3-HMAC-SHA256", "JDCLOUD3", "jdcloud3_request"};
// The one-line switch: what Signer uses unless told otherwise.
inline constexpr SigningAlgorithm kDefaultAlgorithm = kJdcloud2;

inline constexpr std::string_view kDateHeader = "x-jdcloud-date";
inline constexpr std::string_view kNonceHeader = "x-jdcloud-nonce";
inline constexpr std::string_view kSecurityTokenHeader = "x-jdcloud-security-token";

struct SignableRequest {
  std::string method;  // "GET"
  std::string path;    // decoded absolute path, e.g. "/v1/regions/cn-north-1/images/img-x"
  std::vector<std::pair<std::string, std::string>> query;    // decoded name/value pairs, any order
  std::vector<std::pair<std::string, std::string>> headers;  // headers to sign, any case/order
  std::string body;
  std::string region;   // credential scope region
  std::string service;  // "vm"
};

// Everything Sign derives. `signature` and `authorization` are secrets in
// effect (replayable): never log them.
struct Signature {
  std::string canonical_request, string_to_sign, credential_scope, signed_headers, signature,
      authorization;
};

// kDate, kRegion, kService, kSigning as raw 32-byte digests (§1.6). Exposed
// for tests; derived from the secret, so never log it (Sign wipes its own).
using SigningKeyChain = std::array<std::string, 4>;

class Signer {
 public:
  // Shares `secret_key`'s region: the signer holds no copy of the bytes
  // (text, as the API double and tests pass, becomes a Secret of its own).
  Signer(std::string access_key, secret::Secret secret_key,
         SigningAlgorithm algorithm = kDefaultAlgorithm);

  // `date` is the x-jdcloud-date value (YYYYMMDDTHHMMSSZ); its first 8 chars
  // are the scope date. It must equal the date header in request.headers.
  Signature Sign(const SignableRequest& request, std::string_view date) const;

  SigningKeyChain DeriveSigningKey(std::string_view date8, std::string_view region,
                                   std::string_view service) const;

  const std::string& access_key() const { return access_key_; }
  const SigningAlgorithm& algorithm() const { return algorithm_; }

  // UTC YYYYMMDDTHHMMSSZ.
  static std::string FormatDate(std::chrono::system_clock::time_point t);
  // UUID v4 text (36 chars, lower-case) from OpenSSL RAND_bytes.
  static std::string NewNonce();
  // The path encoding the wire and the canonical request share.
  static std::string EncodePath(std::string_view decoded_path) { return jdcloud::EncodePath(decoded_path); }

  // The pieces of the canonical request, public so the double and tests can
  // check them individually.
  static std::string CanonicalHeaders(const std::vector<std::pair<std::string, std::string>>& headers,
                                      std::string* signed_headers);
  static std::string CanonicalRequest(const SignableRequest& request, std::string* signed_headers);

 private:
  std::string access_key_;
  secret::Secret secret_key_;
  SigningAlgorithm algorithm_;
};

}  // namespace jdcloud
