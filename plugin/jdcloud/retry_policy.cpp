#include "jdcloud/retry_policy.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <random>

namespace jdcloud {

ApiError::Kind KindForHttpStatus(int http_status, std::string_view api_status) {
  using Kind = ApiError::Kind;
  switch (http_status) {
    case 400: return Kind::BadRequest;
    case 401: return Kind::Unauthenticated;
    case 403: return Kind::Forbidden;
    case 404: return Kind::NotFound;
    case 429: return api_status == "QUOTA_EXCEEDED" ? Kind::QuotaExceeded : Kind::Throttled;
    case 500:
    case 502:
    case 503:
    case 504: return Kind::ServerError;
    default: return Kind::OtherHttpStatus;
  }
}

std::optional<std::chrono::seconds> ParseRetryAfter(std::string_view v) {
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
  if (v.empty() || v.size() > 9) return std::nullopt;  // 9 digits: ~31 years, no overflow
  long long secs = 0;
  const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), secs);
  if (ec != std::errc() || end != v.data() + v.size() || secs < 0) return std::nullopt;
  return std::chrono::seconds(secs);
}

RetryPolicy::RetryPolicy(int max_retries, RandomSource random)
    : max_retries_(std::max(0, max_retries)), random_(std::move(random)) {
  if (!random_) random_ = DefaultRandom();
}

bool RetryPolicy::IsRetryable(ApiError::Kind kind) {
  using Kind = ApiError::Kind;
  return kind == Kind::Network || kind == Kind::Timeout || kind == Kind::Throttled || kind == Kind::ServerError;
}

bool RetryPolicy::ShouldRetry(const ApiError& error, int attempts_made) const {
  return IsRetryable(error.kind) && attempts_made <= max_retries_;
}

std::chrono::milliseconds RetryPolicy::BackoffCap(int retry) {
  // 250 ms * 2^5 already exceeds 5 s; stop doubling there (no overflow).
  const int doublings = std::clamp(retry, 0, 5);
  return std::min(kMaxDelay, kBaseDelay * (1 << doublings));
}

std::chrono::milliseconds RetryPolicy::Backoff(int retry, std::optional<std::chrono::seconds> retry_after) const {
  if (retry_after) return std::min<std::chrono::milliseconds>(*retry_after, kMaxRetryAfter);
  const double u = std::clamp(random_(), 0.0, 1.0);
  const auto cap = BackoffCap(retry);
  return std::chrono::milliseconds(std::llround(u * static_cast<double>(cap.count())));
}

RetryPolicy::RandomSource RetryPolicy::DefaultRandom() {
  return [] {
    thread_local std::mt19937_64 engine{std::random_device{}()};
    // [0, 1): the top of the range is never hit, which full jitter allows.
    return std::uniform_real_distribution<double>(0.0, 1.0)(engine);
  };
}

}  // namespace jdcloud
