// Verifies a received request's JDCLOUD2-HMAC-SHA256 signature the way JD
// Cloud's gateway does (reference jdcloud-api.md §1), using the project's own
// jdcloud::Signer to recompute it: the Authorization header must parse, name
// the configured access key and a scope of <date>/<path region>/vm/..., sign
// x-jdcloud-date and x-jdcloud-nonce, carry a date within the allowed clock
// skew, match the recomputed signature (compared in constant time) and use a
// nonce not seen before. Holds the secret key; never logs anything.
#pragma once

#include <chrono>
#include <expected>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "nonce_cache.h"

namespace api_double {

struct ReceivedRequest {
  std::string method;
  std::string path;       // decoded
  std::string raw_query;  // as sent, without '?'
  std::vector<std::pair<std::string, std::string>> headers;  // every header received, in order
  std::string body;
};

// Why a request was refused; `message` is the text of JD's 401 body.
struct AuthFailure {
  std::string message;
};

class SignatureCheck {
 public:
  using Clock = std::chrono::system_clock;

  struct Options {
    std::string access_key;
    std::string secret_key;
    std::string session_token;  // non-empty: temporary credentials, the token is required
    std::string service = "vm";
    std::chrono::seconds max_clock_skew{15 * 60};
    std::function<Clock::time_point()> now = [] { return Clock::now(); };
  };

  explicit SignatureCheck(Options options);

  // `path_region` is the {regionId} of the request path; the credential scope
  // must name it.
  std::expected<void, AuthFailure> Verify(const ReceivedRequest& request, std::string_view path_region);

 private:
  Options options_;
  NonceCache nonces_;
};

// The parts of an Authorization header (exposed for tests).
struct ParsedAuthorization {
  std::string algorithm;
  std::string access_key, date8, region, service, terminator;  // the Credential
  std::string signed_headers;                                   // as sent, ';'-separated
  std::string signature;                                        // as sent
};
std::expected<ParsedAuthorization, AuthFailure> ParseAuthorization(std::string_view header);

// Decodes %XX escapes ('+' stays '+', as JD's canonical form treats it).
std::string PercentDecode(std::string_view s);

// "a=1&b=%20" -> {{"a","1"},{"b"," "}}; empty pieces are skipped.
std::vector<std::pair<std::string, std::string>> ParseQuery(std::string_view raw_query);

// YYYYMMDDTHHMMSSZ (UTC) -> time point; nullopt when malformed.
std::optional<SignatureCheck::Clock::time_point> ParseJdcloudDate(std::string_view date);

}  // namespace api_double
