// Replay protection: remembers each accepted x-jdcloud-nonce until the date it
// was signed with can no longer pass the clock-skew check, so a captured
// request cannot be sent twice. Thread-safe.
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <string>
#include <unordered_map>

namespace api_double {

class NonceCache {
 public:
  using Clock = std::chrono::system_clock;

  explicit NonceCache(std::size_t capacity = 1'000'000) : capacity_(capacity) {}

  // False when `nonce` is still remembered (a replay); otherwise remembers it
  // until `expiry` and returns true. Forgets expired nonces as it goes; at
  // capacity the soonest-expiring nonce is forgotten first.
  bool Remember(const std::string& nonce, Clock::time_point expiry, Clock::time_point now);
  std::size_t size() const;

 private:
  void ForgetExpired(Clock::time_point now);

  mutable std::mutex mu_;
  std::size_t capacity_;
  std::unordered_map<std::string, Clock::time_point> expiry_by_nonce_;
  std::multimap<Clock::time_point, std::string> nonce_by_expiry_;
};

}  // namespace api_double
