// A cancellation signal shared between the caller of an API call and the code
// that sleeps or waits on the network. StopProvider cancels it; every backoff
// sleep and in-flight request observes it within well under a second.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <vector>

namespace jdcloud {

class Cancellation {
 public:
  void Cancel();
  bool IsCancelled() const;
  // Sleeps up to `d`; returns false early (and at once) when cancelled.
  bool SleepFor(std::chrono::milliseconds d) const;
  // Registers a hook run on Cancel() (at once if already cancelled), e.g. to
  // shut down a socket. Returns an id for Unsubscribe. A hook runs exactly once
  // and must be quick; it must not call Subscribe/Unsubscribe itself.
  int Subscribe(std::function<void()> on_cancel);
  // After Unsubscribe returns, the hook is neither running nor will it run, so
  // whatever it captured may be destroyed.
  void Unsubscribe(int id);

 private:
  // Lock order: hooks_mu_ before mu_. hooks_mu_ is held while hooks run so
  // that Unsubscribe waits for a running hook to finish.
  std::mutex hooks_mu_;
  mutable std::mutex mu_;
  mutable std::condition_variable cv_;
  bool cancelled_ = false;
  int next_id_ = 0;  // next_id_ and hooks_ are guarded by hooks_mu_
  std::vector<std::pair<int, std::function<void()>>> hooks_;
};

}  // namespace jdcloud
