// What can go wrong with a JD Cloud API call, classified so the provider can
// turn each case into the diagnostic SPEC.md's error table asks for.
#pragma once

#include <string>

namespace jdcloud {

struct ApiError {
  enum class Kind {
    NotFound,          // HTTP 404
    Unauthenticated,   // HTTP 401
    Forbidden,         // HTTP 403
    BadRequest,        // HTTP 400 (code/status/message from the body)
    Throttled,         // 429 RATE_LIMIT after every retry
    QuotaExceeded,     // 429 QUOTA_EXCEEDED (never retried)
    ServerError,       // 500/502/503/504 after every retry
    OtherHttpStatus,   // any other non-2xx (not retried)
    Network,           // DNS/connect/reset/malformed-HTTP failure after every retry
    Timeout,           // request_timeout elapsed on the last attempt
    Tls,               // certificate rejected or TLS handshake refused (never retried)
    InvalidArgument,   // a local mistake caught before any call: endpoint, region or image id
    Internal,          // a bug in the provider (an unexpected exception), not the network
    MalformedBody,     // 2xx whose body is not JSON or violates the model
    ResponseTooLarge,  // body over the size cap
    TooManyImages,     // describeImages' totalCount over kMaxSearchImages (message has the count)
    Cancelled,         // StopProvider cancelled the call or its backoff
  };
  Kind kind;
  int http_status = 0;       // 0 when no response arrived
  std::string api_status;    // the body's error.status, e.g. "NOT_FOUND"
  std::string message;       // the body's error.message, or a description of the failure
  std::string request_id;    // body requestId or x-jdcloud-request-id header; may be empty
  int attempts = 1;          // attempts made, including the first
};

}  // namespace jdcloud
