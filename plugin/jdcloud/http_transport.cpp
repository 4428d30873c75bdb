#include "jdcloud/http_transport.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <openssl/err.h>
#include <sys/socket.h>

#include <atomic>
#include <optional>

#include "jdcloud/final_response.h"

namespace jdcloud {
namespace {

using Clock = DeadlineTimer::Clock;

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

// How far an attempt got when its time ran out.
enum class Phase { Connecting, TlsHandshake, AwaitingHeaders, ReadingBody };

Phase PhaseOf(PooledConnection::Stage stage) {
  switch (stage) {
    case PooledConnection::Stage::Connecting: return Phase::Connecting;
    case PooledConnection::Stage::TlsHandshake: return Phase::TlsHandshake;
    case PooledConnection::Stage::AwaitingResponse: return Phase::AwaitingHeaders;
  }
  return Phase::AwaitingHeaders;
}

std::string_view Words(Phase phase) {
  switch (phase) {
    case Phase::Connecting: return "while connecting";
    case Phase::TlsHandshake: return "during the TLS handshake";
    case Phase::AwaitingHeaders: return "waiting for the response's status line and headers";
    case Phase::ReadingBody: return "reading the response body";
  }
  return "";
}

// OpenSSL's reason for the last failure on this thread ("wrong version
// number", ...), or empty when it recorded none (e.g. a reset mid-handshake).
std::string OpenSslReason() {
  const unsigned long code = ERR_peek_error();  // the first: httplib's clean-up adds more
  ERR_clear_error();
  const char* reason = code == 0 ? nullptr : ERR_reason_error_string(code);
  return reason == nullptr ? std::string() : std::string(reason);
}

}  // namespace

// The state of one request, shared with httplib's callbacks (on this thread)
// and the deadline callback (on the timer's thread; it writes only
// `expired_in` and `timed_out`, which are read after Disarm).
struct HttpTransport::Exchange {
  HttpResponse response;
  std::atomic<bool> headers_seen{false};
  bool too_large = false;
  // Set when an interim (1xx) response came first: the final answer is then
  // read out of what httplib takes for the interim response's body.
  std::optional<FinalResponseReader> after_interim;
  bool timed_out = false;
  Phase expired_in = Phase::Connecting;
  httplib::Error error = httplib::Error::Success;
  bool stale = false;  // failed on a kept connection the server had closed
  Clock::time_point started;

  bool InterimDone() const { return after_interim && after_interim->state() == FinalResponseReader::State::Done; }
};

HttpTransport::HttpTransport(Endpoint endpoint, ConnectionOptions options, std::size_t max_body)
    : endpoint_(endpoint), timeout_(options.timeout), max_body_(max_body),
      pool_(std::move(endpoint), std::move(options), kMaxIdleConnections) {}

void HttpTransport::Send(PooledConnection& connection, const std::string& target, const httplib::Headers& headers,
                         Cancellation& cancel, Clock::time_point deadline, Exchange& x) {
  x.started = Clock::now();
  connection.BeginRequest();
  const int hook = cancel.Subscribe([c = &connection] { c->Abort(); });
  const auto timer = timer_.Arm(deadline, [&x, c = &connection] {
    x.expired_in = x.headers_seen ? Phase::ReadingBody : PhaseOf(c->CurrentStage());
    x.timed_out = true;
    c->Abort();
  });

  // Both callbacks run on this thread while the response streams in.
  const auto on_response = [&](const httplib::Response& r) {
    if (r.status >= 100 && r.status < 200) {
      x.after_interim.emplace(max_body_);
      return true;
    }
    x.headers_seen = true;
    x.response.status = r.status;
    x.response.request_id = r.get_header_value("x-jdcloud-request-id");
    x.response.retry_after = r.get_header_value("Retry-After");
    x.response.location = r.get_header_value("Location");
    if (r.has_header("Content-Length") &&
        r.get_header_value<uint64_t>("Content-Length") > static_cast<uint64_t>(max_body_)) {
      x.too_large = true;  // refuse before reading a byte of it
      return false;
    }
    return !cancel.IsCancelled();
  };
  const auto on_body = [&](const char* data, std::size_t n) {
    if (x.after_interim) {
      using State = FinalResponseReader::State;
      const State state = x.after_interim->Feed({data, n});
      x.headers_seen = state != State::Head;
      x.too_large = state == State::TooLarge;
      // Stopping at Done leaves httplib's read "cancelled"; the answer is whole.
      return state == State::Head || state == State::Body ? !cancel.IsCancelled() : false;
    }
    if (x.response.body.size() + n > max_body_) {
      x.too_large = true;
      return false;
    }
    x.response.body.append(data, n);
    return !cancel.IsCancelled();
  };

  if (cancel.IsCancelled()) {
    x.error = httplib::Error::Canceled;
  } else {
    x.error = connection.http().Get(target, headers, on_response, on_body).error();
  }
  timer_.Disarm(timer);
  cancel.Unsubscribe(hook);  // after these neither hook can touch `connection`
  if (!x.timed_out && x.error != httplib::Error::Success && Clock::now() >= deadline) {
    // httplib gave up at the same moment (its backstop): still our timeout.
    x.timed_out = true;
    x.expired_in = x.headers_seen ? Phase::ReadingBody : PhaseOf(connection.CurrentStage());
  }
  if (x.after_interim && x.error == httplib::Error::Success) x.after_interim->Close();
  if (x.InterimDone()) x.response = x.after_interim->response();
  x.stale = x.error != httplib::Error::Success && !x.headers_seen && !x.after_interim &&
            connection.FailedAsStaleKeepAlive();
  connection.EndRequest();
}

std::expected<HttpResponse, TransportFailure> HttpTransport::Get(
    const std::string& target, const std::vector<std::pair<std::string, std::string>>& headers,
    Cancellation& cancel, Connection which) {
  httplib::Headers http_headers;
  for (const auto& [name, value] : headers) http_headers.emplace(name, value);

  auto connection = which == Connection::New ? pool_.NewConnection() : pool_.Acquire();
  Exchange x;
  Send(*connection, target, http_headers, cancel, Clock::now() + timeout_, x);
  const bool answered = x.error == httplib::Error::Success || x.InterimDone();
  if (answered && !x.too_large && !x.timed_out && !cancel.IsCancelled()) {
    // After an interim response httplib read past the answer: not reusable.
    if (!x.after_interim) pool_.Release(std::move(connection));
    return std::move(x.response);
  }
  // Anything else leaves the connection in an unknown state: drop it.
  return std::unexpected(Failure(*connection, x, cancel.IsCancelled()));
}

TransportFailure HttpTransport::Failure(PooledConnection& connection, const Exchange& x, bool cancelled) const {
  using Cause = TransportFailure::Cause;
  using httplib::Error;
  TransportFailure failure{Cause::Network, "", x.response.status, x.response.request_id};
  const std::string host = endpoint_.HostHeader();
  const auto network = [&](const std::string& what) { return "network error talking to " + host + ": " + what; };
  if (cancelled) {
    failure.cause = Cause::Cancelled;
    failure.message = "request cancelled";
  } else if (x.stale) {
    failure.cause = Cause::StaleConnection;
    failure.message = network("the server had closed the kept connection");
  } else if (x.too_large) {
    failure.cause = Cause::TooLarge;
    failure.message = "response body exceeds the " + DescribeBytes(max_body_) + " limit";
  } else if (x.timed_out || x.error == Error::ConnectionTimeout) {
    failure.cause = Cause::Timeout;
    const Phase phase = x.timed_out ? x.expired_in : Phase::Connecting;
    failure.message = "request to " + host + " timed out after " + std::to_string(timeout_.count()) + " ms " +
                      std::string(Words(phase));
  } else if (x.error == Error::SSLServerVerification) {
    failure.cause = Cause::Tls;
    failure.message = "TLS certificate verification failed for " + endpoint_.host + ": " +
                      connection.CertificateRejection();
  } else if (x.error == Error::SSLConnection || x.error == Error::SSLLoadingCerts) {
    const std::string reason = OpenSslReason();
    if (reason.empty()) {
      failure.message = network("the connection was closed or reset during the TLS handshake");
    } else {
      failure.cause = Cause::Tls;
      failure.message = "TLS handshake with " + host + " failed: " + reason +
                        (reason == "wrong version number" || reason == "packet length too long"
                             ? " (the port seems to serve plain HTTP: use an http:// endpoint)"
                             : "");
    }
  } else if (x.error == Error::Connection) {
    failure.message = network(ConnectFailure(endpoint_, Clock::now() - x.started < kQuickFailure));
  } else if (x.after_interim) {
    failure.message = network("after an interim (1xx) response: " +
                              (x.after_interim->problem().empty() ? std::string("the answer was cut short")
                                                                  : x.after_interim->problem()));
  } else if (x.error == Error::Read && x.headers_seen) {
    failure.message = network("the response body was cut short or its chunked encoding is malformed");
  } else if (x.error == Error::Read) {
    failure.message = network(
        "the server closed or reset the connection, or answered with something that is not HTTP/1.x "
        "(a malformed or oversized status line or header)");
  } else if (x.error == Error::Write) {
    failure.message = network("the connection failed while sending the request");
  } else {
    failure.message = network(httplib::to_string(x.error));
  }
  return failure;
}

}  // namespace jdcloud
