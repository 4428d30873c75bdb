#include "jdcloud/deadline_timer.h"

#include <algorithm>

namespace jdcloud {

DeadlineTimer::DeadlineTimer() : thread_([this](std::stop_token stop) { Run(stop); }) {}

DeadlineTimer::~DeadlineTimer() {
  thread_.request_stop();  // wakes the wait below through its stop_token
  thread_.join();
}

std::uint64_t DeadlineTimer::Arm(Clock::time_point deadline, std::function<void()> expire) {
  std::uint64_t id;
  {
    std::lock_guard lock(mu_);
    id = next_id_++;
    pending_.emplace(deadline, Pending{id, std::move(expire)});
  }
  cv_.notify_one();  // the new deadline may be the earliest
  return id;
}

bool DeadlineTimer::Disarm(std::uint64_t id) {
  std::lock_guard lock(mu_);
  const auto it = std::find_if(pending_.begin(), pending_.end(), [id](const auto& p) { return p.second.id == id; });
  if (it == pending_.end()) return true;  // already ran (ids are never reused)
  pending_.erase(it);
  return false;
}

void DeadlineTimer::Run(std::stop_token stop) {
  std::unique_lock lock(mu_);
  while (!stop.stop_requested()) {
    if (pending_.empty()) {
      cv_.wait(lock, stop, [this] { return !pending_.empty(); });
      continue;
    }
    const auto first = pending_.begin();
    if (first->first > Clock::now()) {
      const auto when = first->first;
      // Wakes early for an earlier deadline (Arm notifies) or a stop.
      cv_.wait_until(lock, stop, when, [this, when] { return pending_.empty() || pending_.begin()->first < when; });
      continue;
    }
    first->second.expire();  // under mu_: Disarm waits for it to finish
    pending_.erase(first);
  }
}

}  // namespace jdcloud
