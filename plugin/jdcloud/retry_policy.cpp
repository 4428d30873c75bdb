#include "jdcloud/retry_policy.h"

#include <algorithm>
#include <charconv>
#include <ctime>
#include <string>
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

namespace {

std::optional<std::chrono::system_clock::time_point> ParseHttpDate(std::string_view v) {
  // The three forms RFC 9110 §5.6.7 requires a recipient to accept.
  static constexpr const char* kForms[] = {"%a, %d %b %Y %H:%M:%S GMT", "%A, %d-%b-%y %H:%M:%S GMT",
                                           "%a %b %e %H:%M:%S %Y"};
  const std::string text(v);
  for (const char* form : kForms) {
    std::tm tm{};
    const char* end = strptime(text.c_str(), form, &tm);
    if (end != nullptr && *end == '\0') return std::chrono::system_clock::from_time_t(timegm(&tm));
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::chrono::seconds> ParseRetryAfter(std::string_view v, std::chrono::system_clock::time_point now) {
  constexpr auto kCap = RetryPolicy::kMaxRetryAfter;
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
  if (v.empty()) return std::nullopt;
  if (std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    // Any length: digits beyond what fits are beyond the cap anyway.
    long long secs = 0;
    const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), secs);
    if (ec == std::errc::result_out_of_range || secs > kCap.count()) return kCap;
    return std::chrono::seconds(secs);
  }
  const auto when = ParseHttpDate(v);
  if (!when) return std::nullopt;
  const auto wait = std::chrono::ceil<std::chrono::seconds>(*when - now);
  return std::clamp(wait, std::chrono::seconds(0), std::chrono::seconds(kCap));
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
