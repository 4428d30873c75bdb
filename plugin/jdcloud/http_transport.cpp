#include "jdcloud/http_transport.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <sys/socket.h>

namespace jdcloud {
namespace {

using Clock = std::chrono::steady_clock;

std::string DescribeBytes(std::size_t n) {
  if (n % (1u << 20) == 0) return std::to_string(n >> 20) + " MiB";
  return std::to_string(n) + " bytes";
}

bool IsIpLiteral(const std::string& host) {
  unsigned char addr[16];
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    return inet_pton(AF_INET6, host.substr(1, host.size() - 2).c_str(), addr) == 1;
  return inet_pton(AF_INET, host.c_str(), addr) == 1;
}

// httplib reports a failed name lookup and a refused connection alike
// ("Connection"); a user fixing an endpoint needs to know which. This runs
// only once an attempt has failed that way, so the extra lookup costs the
// happy path nothing -- and only when the failure was quick: a slow one may
// be a resolver timing out, which a second lookup (not cancellable) would
// repeat.
constexpr std::chrono::seconds kQuickFailure{1};

std::string ConnectFailure(const Endpoint& endpoint, bool quick) {
  if (!quick) return "could not connect (the host name did not resolve in time or the connection failed)";
  if (!IsIpLiteral(endpoint.host)) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    const int rc = getaddrinfo(endpoint.host.c_str(), nullptr, &hints, &found);
    if (found) freeaddrinfo(found);
    if (rc != 0) return "could not resolve host name \"" + endpoint.host + "\" (" + gai_strerror(rc) + ")";
  }
  return "could not connect (connection refused or host unreachable)";
}

}  // namespace

HttpTransport::HttpTransport(Endpoint endpoint, std::chrono::milliseconds timeout, std::size_t max_body)
    : endpoint_(endpoint), timeout_(timeout), max_body_(max_body),
      pool_(std::move(endpoint), timeout, kMaxIdleConnections) {}

std::expected<HttpResponse, TransportFailure> HttpTransport::Get(
    const std::string& target, const std::vector<std::pair<std::string, std::string>>& headers,
    Cancellation& cancel) {
  using Cause = TransportFailure::Cause;
  auto connection = pool_.Acquire();
  connection->BeginRequest();
  const int hook = cancel.Subscribe([c = connection.get()] { c->Abort(); });

  const auto deadline = Clock::now() + timeout_;
  HttpResponse response;
  bool too_large = false;
  bool out_of_time = false;
  httplib::Headers http_headers;
  for (const auto& [name, value] : headers) http_headers.emplace(name, value);

  // Both callbacks run on this thread while the body streams in.
  const auto on_response = [&](const httplib::Response& r) {
    response.status = r.status;
    response.request_id = r.get_header_value("x-jdcloud-request-id");
    response.retry_after = r.get_header_value("Retry-After");
    if (r.has_header("Content-Length") &&
        r.get_header_value<uint64_t>("Content-Length") > static_cast<uint64_t>(max_body_)) {
      too_large = true;  // refuse before reading a byte of it
      return false;
    }
    return !cancel.IsCancelled();
  };
  const auto on_body = [&](const char* data, std::size_t n) {
    if (response.body.size() + n > max_body_) {
      too_large = true;
      return false;
    }
    if (Clock::now() > deadline) {  // a slow trickle must not outlive the attempt
      out_of_time = true;
      return false;
    }
    response.body.append(data, n);
    return !cancel.IsCancelled();
  };

  httplib::Result result = cancel.IsCancelled()
                               ? httplib::Result(nullptr, httplib::Error::Canceled)
                               : connection->http().Get(target, http_headers, on_response, on_body);
  const httplib::Error error = result.error();
  cancel.Unsubscribe(hook);  // after this the hook cannot touch `connection`
  connection->EndRequest();
  const bool cancelled = cancel.IsCancelled();
  const bool elapsed = Clock::now() >= deadline;

  if (error == httplib::Error::Success && !cancelled) {
    pool_.Release(std::move(connection));
    return response;
  }
  // Anything else leaves the connection in an unknown state: drop it.
  TransportFailure failure{Cause::Network, "", response.status, response.request_id};
  if (cancelled) {
    failure.cause = Cause::Cancelled;
    failure.message = "request cancelled";
  } else if (too_large) {
    failure.cause = Cause::TooLarge;
    failure.message = "response body exceeds the " + DescribeBytes(max_body_) + " limit";
  } else if (out_of_time || elapsed || error == httplib::Error::ConnectionTimeout) {
    failure.cause = Cause::Timeout;
    failure.message = "request timed out after " + std::to_string(timeout_.count()) + " ms (" +
                      httplib::to_string(error) + ")";
  } else if (error == httplib::Error::SSLServerVerification) {
    failure.cause = Cause::TlsVerification;
    failure.message = "TLS certificate verification failed for " + endpoint_.host;
  } else {
    failure.message = "network error talking to " + endpoint_.HostHeader() + ": " +
                      (error == httplib::Error::Connection
                           ? ConnectFailure(endpoint_, Clock::now() - (deadline - timeout_) < kQuickFailure)
                           : httplib::to_string(error));
  }
  return std::unexpected(std::move(failure));
}

}  // namespace jdcloud
