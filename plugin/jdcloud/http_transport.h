// One HTTP GET attempt against the endpoint, over a pooled keep-alive
// connection, bounded as a whole by the per-attempt timeout and by a
// response-size cap, and abortable through a Cancellation. Knows nothing
// about signing or retries.
#pragma once

#include <chrono>
#include <cstddef>
#include <expected>
#include <string>
#include <utility>
#include <vector>

#include "jdcloud/cancellation.h"
#include "jdcloud/connection_pool.h"
#include "jdcloud/deadline_timer.h"
#include "jdcloud/endpoint.h"
#include "jdcloud/http_response.h"

namespace jdcloud {

struct TransportFailure {
  enum class Cause {
    Network,    // DNS, refused, reset, malformed HTTP: worth retrying
    // Sent on a kept connection the server had closed while it was idle, and
    // no byte came back: safe to send again at once on a new connection.
    StaleConnection,
    Timeout,    // the attempt ran out of time: worth retrying
    Tls,        // certificate rejected or handshake refused: permanent
    TooLarge,   // body over the cap: permanent
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

  // `options.timeout` bounds each request as a whole.
  HttpTransport(Endpoint endpoint, ConnectionOptions options, std::size_t max_body = kDefaultMaxBody);

  enum class Connection { Pooled, New };

  // `target` is the encoded path (and query); `headers` are sent as given.
  // Connection::New skips the idle connections (after a StaleConnection).
  std::expected<HttpResponse, TransportFailure> Get(const std::string& target,
                                                    const std::vector<std::pair<std::string, std::string>>& headers,
                                                    Cancellation& cancel, Connection which = Connection::Pooled);

  const Endpoint& endpoint() const { return endpoint_; }
  std::size_t idle_connections() const { return pool_.idle(); }

 private:
  const Endpoint endpoint_;
  const std::chrono::milliseconds timeout_;
  struct Exchange;
  // One request on `connection`; the caller decides whether to keep it.
  void Send(PooledConnection& connection, const std::string& target, const httplib::Headers& headers,
            Cancellation& cancel, DeadlineTimer::Clock::time_point deadline, Exchange& x);
  TransportFailure Failure(PooledConnection& connection, const Exchange& x, bool cancelled) const;

  const std::size_t max_body_;
  ConnectionPool pool_;
  DeadlineTimer timer_;
};

}  // namespace jdcloud
