#include "provider/image_read_cache.h"

#include <exception>
#include <utility>

namespace provider {
namespace {

jdcloud::ApiError InternalError(std::string message) {
  jdcloud::ApiError error{};
  error.kind = jdcloud::ApiError::Kind::Internal;
  error.message = std::move(message);
  return error;
}

// The client promises not to throw; if it (or a test fake) does anyway, the
// waiters must still get an answer instead of a broken promise.
ImageReadCache::Outcome SafeFetch(const ImageReadCache::Fetch& fetch, jdcloud::Cancellation& cancel) {
  try {
    return fetch(cancel);
  } catch (const std::exception& e) {
    return std::unexpected(InternalError(std::string("internal error: ") + e.what()));
  } catch (...) {
    return std::unexpected(InternalError("internal error"));
  }
}

}  // namespace

ImageReadCache::Outcome ImageReadCache::Get(const ImageReadKey& key,
                                            const std::shared_ptr<jdcloud::Cancellation>& cancel,
                                            const Fetch& fetch) {
  std::unique_lock lock(mu_);
  if (auto it = done_.find(key); it != done_.end()) return it->second;
  if (auto it = flights_.find(key); it != flights_.end() && it->second->cancel == cancel) {
    std::shared_future<Outcome> running = it->second->result;
    lock.unlock();  // wait without the lock so other keys proceed
    return running.get();
  }
  std::promise<Outcome> promise;
  auto flight = std::make_shared<Flight>(Flight{promise.get_future().share(), cancel});
  flights_[key] = flight;  // replaces a flight of a stopped generation, if any
  lock.unlock();
  return RunFlight(key, flight, std::move(promise), *cancel, fetch);
}

ImageReadCache::Outcome ImageReadCache::RunFlight(const ImageReadKey& key,
                                                  const std::shared_ptr<Flight>& flight,
                                                  std::promise<Outcome> promise,
                                                  jdcloud::Cancellation& cancel, const Fetch& fetch) {
  Outcome outcome = SafeFetch(fetch, cancel);
  {
    std::lock_guard lock(mu_);
    if (outcome) Keep(key, *outcome);
    if (auto it = flights_.find(key); it != flights_.end() && it->second == flight) flights_.erase(it);
  }
  promise.set_value(outcome);
  return outcome;
}

void ImageReadCache::Keep(const ImageReadKey& key, std::shared_ptr<const ImageRead> read) {
  if (capacity_ == 0) return;
  auto [it, inserted] = done_.insert_or_assign(key, std::move(read));
  if (!inserted) return;  // refreshed in place: already in kept_order_
  kept_order_.push_back(key);
  if (kept_order_.size() > capacity_) {
    done_.erase(kept_order_.front());
    kept_order_.pop_front();
  }
}

}  // namespace provider
