// HttpTransport against servers that behave like real gateways and broken
// ones: trickled heads and bodies (the whole attempt is bounded, and the
// error names the phase), idle keep-alive connections closed by the server
// (sent again once, on a new connection), interim 1xx responses (skipped),
// redirects (returned, not followed) and answers that are not HTTP.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <thread>

#include "jdcloud/endpoint.h"
#include "jdcloud/http_transport.h"
#include "raw_server.h"

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

const std::string kBody = R"({"requestId":"req-raw","result":{"image":{}}})";

jdcloud::HttpTransport Transport(const std::string& endpoint, std::chrono::milliseconds timeout = 5000ms) {
  auto parsed = jdcloud::ParseEndpoint(endpoint);
  REQUIRE(parsed.has_value());
  return jdcloud::HttpTransport(*parsed, jdcloud::ConnectionOptions{timeout, nullptr});
}

auto Get(jdcloud::HttpTransport& t) {
  jdcloud::Cancellation cancel;
  return t.Get("/v1/regions/cn-north-1/images/img-abcdefgh12", {{"Host", "127.0.0.1"}}, cancel);
}

// Answers every request on the connection with `answer`.
RawServer::Script Answering(std::string answer) {
  return [answer](RawServer& s, int fd, int) {
    while (s.ReadRequest(fd)) RawServer::Send(fd, answer);
  };
}

}  // namespace

TEST_CASE("request_timeout bounds a trickled head, and the error names the phase", "[transport]") {
  RawServer server([](RawServer& s, int fd, int) {
    if (!s.ReadRequest(fd)) return;
    s.Trickle(fd, "HTTP/1.1 200 OK\r\n" + std::string(200, 'x'), 1, 100ms);  // 20 s of status line
  });
  auto transport = Transport(server.endpoint(), 1000ms);
  const auto started = Clock::now();
  auto r = Get(transport);
  const auto elapsed = Clock::now() - started;
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().cause == jdcloud::TransportFailure::Cause::Timeout);
  CHECK_THAT(r.error().message, Catch::Contains("timed out after 1000 ms waiting for the response's status line and headers"));
  CHECK(elapsed < 2s);
}

TEST_CASE("request_timeout bounds a trickled body", "[transport]") {
  RawServer server([](RawServer& s, int fd, int) {
    if (!s.ReadRequest(fd)) return;
    RawServer::Send(fd, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n");
    s.Trickle(fd, std::string(1000, ' '), 1, 100ms);
  });
  auto transport = Transport(server.endpoint(), 1000ms);
  auto r = Get(transport);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().cause == jdcloud::TransportFailure::Cause::Timeout);
  CHECK_THAT(r.error().message, Catch::Contains("reading the response body"));
}

TEST_CASE("request_timeout bounds a TLS handshake that never answers", "[transport]") {
  RawServer server([](RawServer& s, int, int) {
    while (!s.stopping()) std::this_thread::sleep_for(10ms);
  });
  auto transport = Transport("https://127.0.0.1:" + server.endpoint().substr(server.endpoint().rfind(':') + 1), 500ms);
  auto r = Get(transport);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().cause == jdcloud::TransportFailure::Cause::Timeout);
  CHECK_THAT(r.error().message, Catch::Contains("during the TLS handshake"));
}

TEST_CASE("a kept connection the server closed is reported as stale, and a new one answers", "[transport]") {
  // Connection 0 answers once, then takes the next request and closes
  // without a byte, as a gateway closing an idle connection does.
  RawServer server([](RawServer& s, int fd, int connection) {
    if (!s.ReadRequest(fd)) return;
    RawServer::Send(fd, RawServer::Ok(kBody));
    if (connection > 0) {
      while (s.ReadRequest(fd)) RawServer::Send(fd, RawServer::Ok(kBody));
      return;
    }
    s.ReadRequest(fd);
  });
  auto transport = Transport(server.endpoint());
  REQUIRE(Get(transport).has_value());
  auto second = Get(transport);
  REQUIRE_FALSE(second.has_value());
  CHECK(second.error().cause == jdcloud::TransportFailure::Cause::StaleConnection);
  jdcloud::Cancellation cancel;
  auto again = transport.Get("/v1/regions/cn-north-1/images/img-abcdefgh12", {{"Host", "127.0.0.1"}}, cancel,
                             jdcloud::HttpTransport::Connection::New);
  REQUIRE(again.has_value());
  CHECK(server.connections() == 2);
  CHECK(server.requests() == 3);
}

TEST_CASE("a new connection closed without an answer is a failure, not sent again", "[transport]") {
  RawServer server([](RawServer& s, int fd, int) { s.ReadRequest(fd); });
  auto transport = Transport(server.endpoint());
  auto r = Get(transport);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().cause == jdcloud::TransportFailure::Cause::Network);
  CHECK_THAT(r.error().message, Catch::Contains("closed or reset the connection"));
  CHECK(server.requests() == 1);
}

TEST_CASE("interim 1xx responses are skipped", "[transport]") {
  const std::string interim = GENERATE(std::string("HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n"),
                                       std::string("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 102 Processing\r\n\r\n"));
  const bool chunked = GENERATE(false, true);
  const std::string final_answer =
      chunked ? "HTTP/1.1 200 OK\r\nx-jdcloud-request-id: req-raw\r\nTransfer-Encoding: chunked\r\n\r\n" +
                    (std::ostringstream() << std::hex << kBody.size()).str() + "\r\n" + kBody + "\r\n0\r\n\r\n"
              : RawServer::Ok(kBody);
  RawServer server([&](RawServer& s, int fd, int) {
    while (s.ReadRequest(fd)) RawServer::Send(fd, interim + final_answer);  // and the connection stays open
  });
  auto transport = Transport(server.endpoint(), 2000ms);
  const auto started = Clock::now();
  auto r = Get(transport);
  INFO((r ? "" : r.error().message));
  REQUIRE(r.has_value());
  CHECK(r->status == 200);
  CHECK(r->body == kBody);
  CHECK(r->request_id == "req-raw");
  CHECK(Clock::now() - started < 1s);  // did not wait for the connection to close
  REQUIRE(Get(transport).has_value());
}

TEST_CASE("redirects are returned with their Location, not followed", "[transport]") {
  RawServer server(Answering("HTTP/1.1 301 Moved Permanently\r\nLocation: https://elsewhere.example/\r\nContent-Length: 0\r\n\r\n"));
  auto transport = Transport(server.endpoint());
  auto r = Get(transport);
  REQUIRE(r.has_value());
  CHECK(r->status == 301);
  CHECK(r->location == "https://elsewhere.example/");
  CHECK(server.requests() == 1);
}

TEST_CASE("network failures say what failed", "[transport]") {
  struct Case {
    std::string answer, expected;
  };
  const auto c = GENERATE(Case{"SSH-2.0-OpenSSH_9.2\r\n\r\n", "not HTTP/1.x"},
                          Case{"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort", "body was cut short"},
                          Case{"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "chunked encoding"});
  RawServer server([&](RawServer& s, int fd, int) {
    if (s.ReadRequest(fd)) RawServer::Send(fd, c.answer);
  });
  auto transport = Transport(server.endpoint());
  auto r = Get(transport);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().cause == jdcloud::TransportFailure::Cause::Network);
  CHECK_THAT(r.error().message, Catch::Contains(c.expected));
}
