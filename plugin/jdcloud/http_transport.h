// One HTTP GET attempt against the endpoint, over a pooled keep-alive
// connection, bounded by the per-attempt timeout and a response-size cap, and
// abortable through a Cancellation. Knows nothing about signing or retries.
#pragma once

#include <chrono>
#include <cstddef>
#include <expected>
#include <string>
#include <utility>
#include <vector>

#include "jdcloud/cancellation.h"
#include "jdcloud/connection_pool.h"
#include "jdcloud/endpoint.h"

namespace jdcloud {

struct HttpResponse {
  int status = 0;
  std::string body;
  std::string request_id;   // x-jdcloud-request-id header
  std::string retry_after;  // Retry-After header, raw
};

struct TransportFailure {
  enum class Cause {
    Network,          // connect/reset/DNS/TLS handshake: worth retrying
    Timeout,          // the attempt ran out of time: worth retrying
    TlsVerification,  // the server's certificate was rejected: permanent
    TooLarge,         // body over the cap: permanent
    Cancelled,
  };
  Cause cause;
  std::string message;  // never contains headers we sent
  int http_status = 0;  // known for TooLarge
  std::string request_id;
};

class HttpTransport {
 public:
  static constexpr std::size_t kDefaultMaxBody = 16u << 20;  // 16 MiB
  static constexpr std::size_t kMaxIdleConnections = 16;

  HttpTransport(Endpoint endpoint, std::chrono::milliseconds timeout, std::size_t max_body = kDefaultMaxBody);

  // `target` is the encoded path (and query); `headers` are sent as given.
  std::expected<HttpResponse, TransportFailure> Get(const std::string& target,
                                                    const std::vector<std::pair<std::string, std::string>>& headers,
                                                    Cancellation& cancel);

  const Endpoint& endpoint() const { return endpoint_; }
  std::size_t idle_connections() const { return pool_.idle(); }

 private:
  const Endpoint endpoint_;
  const std::chrono::milliseconds timeout_;
  const std::size_t max_body_;
  ConnectionPool pool_;
};

}  // namespace jdcloud
