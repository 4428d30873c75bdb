// Runs a callback when a deadline passes, on one background thread shared by
// every request of a transport. The transport arms one per HTTP attempt with
// a callback that aborts the connection, so that request_timeout bounds the
// whole attempt -- connect, TLS, status line, headers and body -- and not just
// each read (httplib's own timeouts restart with every byte a server trickles).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <thread>

namespace jdcloud {

class DeadlineTimer {
 public:
  using Clock = std::chrono::steady_clock;

  DeadlineTimer();
  ~DeadlineTimer();  // stops and joins the thread; pending callbacks never run
  DeadlineTimer(const DeadlineTimer&) = delete;
  DeadlineTimer& operator=(const DeadlineTimer&) = delete;

  // Runs `expire` on the timer thread at `deadline` unless disarmed first.
  // The callback must be quick and must not call Arm or Disarm.
  std::uint64_t Arm(Clock::time_point deadline, std::function<void()> expire);
  // After Disarm returns the callback is neither running nor will it run, so
  // whatever it captured may be destroyed. True when it had already run.
  bool Disarm(std::uint64_t id);

 private:
  void Run(std::stop_token stop);

  struct Pending {
    std::uint64_t id;
    std::function<void()> expire;
  };
  // Held while a callback runs, so Disarm waits for it.
  std::mutex mu_;
  std::condition_variable_any cv_;
  std::multimap<Clock::time_point, Pending> pending_;  // guarded by mu_
  std::uint64_t next_id_ = 1;                          // guarded by mu_
  std::jthread thread_;  // last: starts after, and stops before, the rest
};

}  // namespace jdcloud
