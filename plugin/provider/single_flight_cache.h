// Single-flight + cache for reads that call the API: identical reads (the
// same Key: endpoint, credentials, region and what is read) in one process
// cost ONE set of API calls. Concurrent readers wait for the one flight; the
// latest successes are kept (a bounded number, so memory stays flat however
// many reads a process makes), shared rather than copied; a failure goes to
// every waiter of that flight and is not kept, so the next read tries again.
#pragma once

#include <deque>
#include <exception>
#include <expected>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

#include "jdcloud/cancellation.h"
#include "jdcloud/error.h"

namespace provider {

template <class Key, class Value>
class SingleFlightCache {
 public:
  using Outcome = std::expected<std::shared_ptr<const Value>, jdcloud::ApiError>;
  using Fetch = std::function<Outcome(jdcloud::Cancellation&)>;

  // Terraform reads each data block once per process, so the cache serves
  // repeated blocks and concurrent duplicates; 128 entries covers any
  // configuration's working set while bounding a long-lived process.
  static constexpr size_t kDefaultCapacity = 128;
  explicit SingleFlightCache(size_t capacity = kDefaultCapacity) : capacity_(capacity) {}

  // The cached success for `key`, else the result of the running flight for
  // `key` started under the same `cancel`, else runs `fetch(*cancel)` as a
  // new flight. A flight started under an earlier (stopped) cancellation is
  // not joined: reads after StopProvider are served normally.
  Outcome Get(const Key& key, const std::shared_ptr<jdcloud::Cancellation>& cancel, const Fetch& fetch) {
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

 private:
  struct Flight {
    std::shared_future<Outcome> result;
    std::shared_ptr<jdcloud::Cancellation> cancel;
  };

  static jdcloud::ApiError InternalError(std::string message) {
    jdcloud::ApiError error{};
    error.kind = jdcloud::ApiError::Kind::Internal;
    error.message = std::move(message);
    return error;
  }

  // The client promises not to throw; if it (or a test fake) does anyway, the
  // waiters must still get an answer instead of a broken promise.
  static Outcome SafeFetch(const Fetch& fetch, jdcloud::Cancellation& cancel) {
    try {
      return fetch(cancel);
    } catch (const std::exception& e) {
      return std::unexpected(InternalError(std::string("internal error: ") + e.what()));
    } catch (...) {
      return std::unexpected(InternalError("internal error"));
    }
  }

  Outcome RunFlight(const Key& key, const std::shared_ptr<Flight>& flight, std::promise<Outcome> promise,
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

  void Keep(const Key& key, std::shared_ptr<const Value> value) {  // with mu_ held
    if (capacity_ == 0) return;
    auto [it, inserted] = done_.insert_or_assign(key, std::move(value));
    if (!inserted) return;  // refreshed in place: already in kept_order_
    kept_order_.push_back(key);
    if (kept_order_.size() > capacity_) {
      done_.erase(kept_order_.front());
      kept_order_.pop_front();
    }
  }

  const size_t capacity_;
  mutable std::mutex mu_;  // guards the containers only; never held across an API call
  std::map<Key, std::shared_ptr<const Value>> done_;
  std::deque<Key> kept_order_;  // done_'s keys, oldest first: evicted first
  std::map<Key, std::shared_ptr<Flight>> flights_;
};

}  // namespace provider
