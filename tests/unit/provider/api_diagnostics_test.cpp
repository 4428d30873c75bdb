// What an API failure looks like to the user: API text bounded and escaped,
// "retries exhausted" only after retries, local mistakes and TLS failures
// not dressed up as network failures.
#include "provider/api_diagnostics.h"

#include <catch2/catch.hpp>

using Kind = jdcloud::ApiError::Kind;

namespace {

jdcloud::ApiError Error(Kind kind, std::string message, int attempts = 1, int status = 0) {
  jdcloud::ApiError e{};
  e.kind = kind;
  e.message = std::move(message);
  e.attempts = attempts;
  e.http_status = status;
  return e;
}

std::string Text(const provider::Diagnostic& d) { return d.summary + "\n" + d.detail; }

}  // namespace

TEST_CASE("API text is cut to 1 KiB with control characters escaped; no diagnostic exceeds 2 KiB") {
  for (Kind kind : {Kind::BadRequest, Kind::OtherHttpStatus, Kind::ServerError, Kind::NotFound}) {
    for (const std::string& message : {std::string(2 << 20, 'm'), std::string(4096, '\x1b'),
                                       std::string("\x1b]0;owned\x07 red \x1b[31mtext\r\nnext line")}) {
      auto e = Error(kind, message, 1, 400);
      e.api_status = std::string(5000, 'S');
      e.request_id = std::string(5000, 'r');
      const auto d = provider::ApiErrorDiagnostic(e, "img-abcdefgh12", "cn-north-1");
      INFO(Text(d).substr(0, 300));
      CHECK(Text(d).size() <= 2048);
      CHECK(Text(d).find('\x1b') == std::string::npos);
      CHECK(Text(d).find('\r') == std::string::npos);
      CHECK(d.detail.find('\n') == std::string::npos);
    }
  }
  const auto d = provider::ApiErrorDiagnostic(Error(Kind::BadRequest, std::string(2000, 'm'), 1, 400), "img-abcdefgh12",
                                              "cn-north-1");
  CHECK(d.detail.find(std::string(1024, 'm') + "... (2000 bytes)") != std::string::npos);
}

TEST_CASE("\"retries exhausted\" only when retries were made") {
  const auto once = provider::ApiErrorDiagnostic(Error(Kind::Network, "connection refused", 1), "img-abcdefgh12", "cn-north-1");
  CHECK(Text(once).find("retries exhausted") == std::string::npos);
  CHECK(Text(once).find("not retried") != std::string::npos);
  const auto thrice = provider::ApiErrorDiagnostic(Error(Kind::Network, "connection refused", 3), "img-abcdefgh12", "cn-north-1");
  CHECK(Text(thrice).find("failed after 3 attempts (retries exhausted)") != std::string::npos);
}

TEST_CASE("TLS failures, local mistakes and internal errors read as what they are") {
  const auto tls = provider::ApiErrorDiagnostic(
      Error(Kind::Tls, "TLS certificate verification failed for h: self-signed certificate"), "img-abcdefgh12", "cn-north-1");
  CHECK(tls.summary == "JD Cloud TLS connection failed");
  CHECK(Text(tls).find("self-signed certificate") != std::string::npos);
  CHECK(Text(tls).find("retries exhausted") == std::string::npos);
  const auto local = provider::ApiErrorDiagnostic(Error(Kind::InvalidArgument, "bad id", 0), "img-abcdefgh12", "cn-north-1");
  CHECK(Text(local).find("request failed") == std::string::npos);
  CHECK(Text(local).find("not attempted") != std::string::npos);
  const auto bug = provider::ApiErrorDiagnostic(Error(Kind::Internal, "internal error: boom", 0), "img-abcdefgh12", "cn-north-1");
  CHECK(bug.summary == "Internal provider error");
}
