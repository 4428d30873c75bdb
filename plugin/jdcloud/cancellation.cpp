#include "jdcloud/cancellation.h"

#include <algorithm>

namespace jdcloud {

void Cancellation::Cancel() {
  {
    std::lock_guard lock(mu_);
    if (cancelled_) return;
    cancelled_ = true;
  }
  cv_.notify_all();  // wakes every SleepFor at once
  // A Subscribe racing with us either sees cancelled_ (and runs its hook
  // itself) or registered before we take hooks_mu_ (and we run it here).
  std::lock_guard hooks_lock(hooks_mu_);
  for (auto& [id, hook] : hooks_) hook();
  hooks_.clear();
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
  std::unique_lock hooks_lock(hooks_mu_);
  if (IsCancelled()) {
    hooks_lock.unlock();
    on_cancel();
    return -1;
  }
  const int id = next_id_++;
  hooks_.emplace_back(id, std::move(on_cancel));
  return id;
}

void Cancellation::Unsubscribe(int id) {
  std::lock_guard hooks_lock(hooks_mu_);
  std::erase_if(hooks_, [id](const auto& h) { return h.first == id; });
}

}  // namespace jdcloud
