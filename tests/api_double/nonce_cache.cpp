#include "nonce_cache.h"

namespace api_double {

bool NonceCache::Remember(const std::string& nonce, Clock::time_point expiry, Clock::time_point now) {
  std::lock_guard lock(mu_);
  ForgetExpired(now);
  if (expiry_by_nonce_.contains(nonce)) return false;
  if (capacity_ == 0) return true;
  while (expiry_by_nonce_.size() >= capacity_) {
    auto oldest = nonce_by_expiry_.begin();
    expiry_by_nonce_.erase(oldest->second);
    nonce_by_expiry_.erase(oldest);
  }
  expiry_by_nonce_.emplace(nonce, expiry);
  nonce_by_expiry_.emplace(expiry, nonce);
  return true;
}

std::size_t NonceCache::size() const {
  std::lock_guard lock(mu_);
  return expiry_by_nonce_.size();
}

void NonceCache::ForgetExpired(Clock::time_point now) {
  while (!nonce_by_expiry_.empty() && nonce_by_expiry_.begin()->first < now) {
    expiry_by_nonce_.erase(nonce_by_expiry_.begin()->second);
    nonce_by_expiry_.erase(nonce_by_expiry_.begin());
  }
}

}  // namespace api_double
