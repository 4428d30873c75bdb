#include "jdcloud/cancellation.h"

#include <algorithm>

namespace jdcloud {

void Cancellation::Cancel() {
  std::vector<std::pair<int, std::function<void()>>> hooks;
  {
    std::lock_guard lock(mu_);
    if (cancelled_) return;
    cancelled_ = true;
    hooks = hooks_;  // run outside the lock: a hook may block briefly (socket shutdown)
  }
  cv_.notify_all();
  for (auto& [id, hook] : hooks) hook();
}

bool Cancellation::IsCancelled() const {
  std::lock_guard lock(mu_);
  return cancelled_;
}

bool Cancellation::SleepFor(std::chrono::milliseconds d) const {
  std::unique_lock lock(mu_);
  return !cv_.wait_for(lock, d, [this] { return cancelled_; });
}

int Cancellation::Subscribe(std::function<void()> on_cancel) {
  std::unique_lock lock(mu_);
  if (cancelled_) {
    lock.unlock();
    on_cancel();
    return -1;
  }
  const int id = next_id_++;
  hooks_.emplace_back(id, std::move(on_cancel));
  return id;
}

void Cancellation::Unsubscribe(int id) {
  std::lock_guard lock(mu_);
  std::erase_if(hooks_, [id](const auto& h) { return h.first == id; });
}

}  // namespace jdcloud
