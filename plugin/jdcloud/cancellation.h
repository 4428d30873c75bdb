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
  // shut down a socket. Returns an id for Unsubscribe.
  int Subscribe(std::function<void()> on_cancel);
  void Unsubscribe(int id);

 private:
  mutable std::mutex mu_;
  mutable std::condition_variable cv_;
  bool cancelled_ = false;
  int next_id_ = 0;
  std::vector<std::pair<int, std::function<void()>>> hooks_;
};

}  // namespace jdcloud
