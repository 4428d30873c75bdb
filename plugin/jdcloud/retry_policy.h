// When to retry a JD Cloud call and how long to wait first (SPEC.md): network
// failures, 429 RATE_LIMIT and 500/502/503/504 are retried up to max_retries
// times; waits are capped exponential backoff with full jitter, or the
// server's Retry-After (seconds or an HTTP date) when it sends one, never
// more than 30 s.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string_view>

#include "jdcloud/error.h"

namespace jdcloud {

// The ApiError kind for a non-2xx HTTP answer. 429 is QuotaExceeded only when
// the body says QUOTA_EXCEEDED; any other 429 is treated as throttling.
ApiError::Kind KindForHttpStatus(int http_status, std::string_view api_status);

// "120" -> 120 s, any number of digits ("9999999999" -> 30 s: the cap); an
// HTTP date (RFC 9110: IMF-fixdate, RFC 850 or asctime form) -> the time
// until then, 0 when past. Junk -> nullopt (the jittered wait applies).
// Never more than RetryPolicy::kMaxRetryAfter.
std::optional<std::chrono::seconds> ParseRetryAfter(
    std::string_view header_value, std::chrono::system_clock::time_point now = std::chrono::system_clock::now());

class RetryPolicy {
 public:
  // Returns a uniformly distributed value in [0, 1]; must be thread-safe.
  using RandomSource = std::function<double()>;

  static constexpr std::chrono::milliseconds kBaseDelay{250};
  static constexpr std::chrono::milliseconds kMaxDelay{5000};
  static constexpr std::chrono::seconds kMaxRetryAfter{30};

  explicit RetryPolicy(int max_retries, RandomSource random = DefaultRandom());

  static bool IsRetryable(ApiError::Kind kind);

  // True when another attempt may follow `attempts_made` failed ones.
  bool ShouldRetry(const ApiError& error, int attempts_made) const;

  // The wait before retry number `retry` (0 for the first retry):
  // Retry-After (capped at 30 s) when given, else uniform in
  // [0, min(5 s, 250 ms * 2^retry)].
  std::chrono::milliseconds Backoff(int retry, std::optional<std::chrono::seconds> retry_after) const;

  // The jitter ceiling for retry number `retry`.
  static std::chrono::milliseconds BackoffCap(int retry);

  int max_retries() const { return max_retries_; }

  // A per-thread Mersenne Twister seeded from std::random_device.
  static RandomSource DefaultRandom();

 private:
  int max_retries_;
  RandomSource random_;
};

}  // namespace jdcloud
