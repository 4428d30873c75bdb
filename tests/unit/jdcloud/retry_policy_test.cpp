#include <catch2/catch.hpp>

#include <atomic>
#include <set>
#include <tuple>

#include "jdcloud/retry_policy.h"

using jdcloud::ApiError;
using jdcloud::RetryPolicy;
using Kind = ApiError::Kind;
using std::chrono::milliseconds;
using std::chrono::seconds;

TEST_CASE("HTTP statuses map to error kinds and retry decisions (SPEC table)", "[retry]") {
  // status, error.status, kind, retried?
  const std::vector<std::tuple<int, std::string, Kind, bool>> table = {
      {400, "INVALID_ARGUMENT", Kind::BadRequest, false},
      {401, "ACCESS_ERROR", Kind::Unauthenticated, false},
      {403, "PERMISSION_DENIED", Kind::Forbidden, false},
      {404, "NOT_FOUND", Kind::NotFound, false},
      {409, "ABORTED", Kind::OtherHttpStatus, false},
      {429, "RATE_LIMIT", Kind::Throttled, true},
      {429, "", Kind::Throttled, true},  // bare 429 (e.g. from a proxy): throttling
      {429, "QUOTA_EXCEEDED", Kind::QuotaExceeded, false},
      {499, "CANCELLED", Kind::OtherHttpStatus, false},
      {500, "INTERNAL", Kind::ServerError, true},
      {501, "NOT_IMPLEMENTED", Kind::OtherHttpStatus, false},
      {502, "SOURCE_UNAVAILABLE", Kind::ServerError, true},
      {503, "UNAVAILABLE", Kind::ServerError, true},
      {504, "", Kind::ServerError, true},
      {505, "", Kind::OtherHttpStatus, false},
      {302, "", Kind::OtherHttpStatus, false},
  };
  for (const auto& [status, api_status, kind, retried] : table) {
    INFO("HTTP " << status << " " << api_status);
    CHECK(jdcloud::KindForHttpStatus(status, api_status) == kind);
    CHECK(RetryPolicy::IsRetryable(kind) == retried);
  }
}

TEST_CASE("non-HTTP failures: network and timeouts retried, the rest not", "[retry]") {
  CHECK(RetryPolicy::IsRetryable(Kind::Network));
  CHECK(RetryPolicy::IsRetryable(Kind::Timeout));
  CHECK_FALSE(RetryPolicy::IsRetryable(Kind::MalformedBody));  // a 200 with a bad body
  CHECK_FALSE(RetryPolicy::IsRetryable(Kind::ResponseTooLarge));
  CHECK_FALSE(RetryPolicy::IsRetryable(Kind::Cancelled));
}

TEST_CASE("ShouldRetry stops after max_retries retries", "[retry]") {
  ApiError e{};
  e.kind = Kind::ServerError;
  const RetryPolicy three(3);
  CHECK(three.ShouldRetry(e, 1));
  CHECK(three.ShouldRetry(e, 3));
  CHECK_FALSE(three.ShouldRetry(e, 4));
  const RetryPolicy none(0);
  CHECK_FALSE(none.ShouldRetry(e, 1));
  e.kind = Kind::NotFound;
  CHECK_FALSE(three.ShouldRetry(e, 1));
}

TEST_CASE("backoff: full jitter within min(5 s, 250 ms * 2^n)", "[retry]") {
  CHECK(RetryPolicy::BackoffCap(0) == milliseconds(250));
  CHECK(RetryPolicy::BackoffCap(1) == milliseconds(500));
  CHECK(RetryPolicy::BackoffCap(2) == milliseconds(1000));
  CHECK(RetryPolicy::BackoffCap(4) == milliseconds(4000));
  CHECK(RetryPolicy::BackoffCap(5) == milliseconds(5000));
  CHECK(RetryPolicy::BackoffCap(20) == milliseconds(5000));
  CHECK(RetryPolicy::BackoffCap(1000) == milliseconds(5000));  // no overflow

  for (int n = 0; n < 12; ++n) {
    INFO("retry " << n);
    const auto cap = std::min<milliseconds>(milliseconds(5000), milliseconds(250) * (1LL << std::min(n, 10)));
    CHECK(RetryPolicy(3, [] { return 0.0; }).Backoff(n, std::nullopt) == milliseconds(0));
    CHECK(RetryPolicy(3, [] { return 1.0; }).Backoff(n, std::nullopt) == cap);
    CHECK(RetryPolicy(3, [] { return 0.5; }).Backoff(n, std::nullopt) == cap / 2);
    // A misbehaving source cannot push the wait out of bounds.
    CHECK(RetryPolicy(3, [] { return 7.0; }).Backoff(n, std::nullopt) == cap);
    CHECK(RetryPolicy(3, [] { return -1.0; }).Backoff(n, std::nullopt) == milliseconds(0));
  }
}

TEST_CASE("backoff with the default random source stays in bounds and varies", "[retry]") {
  const RetryPolicy policy(3);
  std::set<long long> seen;
  for (int i = 0; i < 500; ++i) {
    const auto w = policy.Backoff(2, std::nullopt);
    REQUIRE(w >= milliseconds(0));
    REQUIRE(w <= milliseconds(1000));
    seen.insert(w.count());
  }
  CHECK(seen.size() > 50);  // jittered, not a constant
}

TEST_CASE("Retry-After replaces the jittered wait, capped at 30 s", "[retry]") {
  std::atomic<int> calls{0};
  const RetryPolicy policy(3, [&] {
    ++calls;
    return 1.0;
  });
  CHECK(policy.Backoff(0, seconds(2)) == milliseconds(2000));
  CHECK(policy.Backoff(0, seconds(0)) == milliseconds(0));
  CHECK(policy.Backoff(3, seconds(30)) == milliseconds(30000));
  CHECK(policy.Backoff(3, seconds(31)) == milliseconds(30000));
  CHECK(policy.Backoff(3, seconds(86400)) == milliseconds(30000));
  CHECK(calls == 0);
}

TEST_CASE("Retry-After header parsing", "[retry]") {
  using jdcloud::ParseRetryAfter;
  CHECK(ParseRetryAfter("1") == seconds(1));
  CHECK(ParseRetryAfter(" 12 ") == seconds(12));
  CHECK(ParseRetryAfter("0") == seconds(0));
  CHECK_FALSE(ParseRetryAfter(""));
  CHECK_FALSE(ParseRetryAfter("-1"));
  CHECK_FALSE(ParseRetryAfter("1.5"));
  CHECK_FALSE(ParseRetryAfter("abc"));
  CHECK_FALSE(ParseRetryAfter("Wed, 21 Oct 2015 07:28"));
  // Any number of digits: capped, not ignored.
  CHECK(ParseRetryAfter("45") == seconds(30));
  CHECK(ParseRetryAfter("9999999999") == seconds(30));
  CHECK(ParseRetryAfter("99999999999999999999999999") == seconds(30));
}

TEST_CASE("Retry-After as an HTTP date, in each of the three forms", "[retry]") {
  using jdcloud::ParseRetryAfter;
  // 2015-10-21 07:28:00 UTC
  const auto now = std::chrono::system_clock::from_time_t(1445412480);
  CHECK(ParseRetryAfter("Wed, 21 Oct 2015 07:28:07 GMT", now) == seconds(7));
  CHECK(ParseRetryAfter("Wednesday, 21-Oct-15 07:28:10 GMT", now) == seconds(10));
  CHECK(ParseRetryAfter("Wed Oct 21 07:28:05 2015", now) == seconds(5));
  CHECK(ParseRetryAfter("Wed, 21 Oct 2015 07:27:00 GMT", now) == seconds(0));  // past: at once
  CHECK(ParseRetryAfter("Thu, 22 Oct 2015 07:28:00 GMT", now) == seconds(30));  // a day: capped
}
