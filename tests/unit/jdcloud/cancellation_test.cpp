#include <catch2/catch.hpp>

#include <atomic>
#include <thread>

#include "jdcloud/cancellation.h"

using namespace std::chrono;

TEST_CASE("SleepFor sleeps the full time when not cancelled", "[cancel]") {
  jdcloud::Cancellation c;
  const auto t0 = steady_clock::now();
  CHECK(c.SleepFor(milliseconds(60)));
  CHECK(steady_clock::now() - t0 >= milliseconds(60));
  CHECK_FALSE(c.IsCancelled());
}

TEST_CASE("Cancel from another thread wakes SleepFor within 50 ms", "[cancel]") {
  jdcloud::Cancellation c;
  steady_clock::time_point cancelled_at;
  std::thread canceller([&] {
    std::this_thread::sleep_for(milliseconds(100));
    cancelled_at = steady_clock::now();
    c.Cancel();
  });
  const bool slept = c.SleepFor(seconds(30));
  const auto woke_at = steady_clock::now();
  canceller.join();
  CHECK_FALSE(slept);
  CHECK(woke_at - cancelled_at < milliseconds(50));
  CHECK(c.IsCancelled());
}

TEST_CASE("SleepFor after Cancel returns at once", "[cancel]") {
  jdcloud::Cancellation c;
  c.Cancel();
  const auto t0 = steady_clock::now();
  CHECK_FALSE(c.SleepFor(seconds(30)));
  CHECK(steady_clock::now() - t0 < milliseconds(50));
}

TEST_CASE("hooks run once on Cancel, at once when subscribed late, never after Unsubscribe", "[cancel]") {
  jdcloud::Cancellation c;
  int a = 0, b = 0, late = 0;
  const int id_a = c.Subscribe([&] { ++a; });
  const int id_b = c.Subscribe([&] { ++b; });
  c.Unsubscribe(id_b);
  c.Cancel();
  c.Cancel();  // idempotent
  CHECK(a == 1);
  CHECK(b == 0);
  c.Subscribe([&] { ++late; });
  CHECK(late == 1);
  c.Unsubscribe(id_a);  // harmless after the fact
}

TEST_CASE("Unsubscribe waits for a running hook, so its captures may then die", "[cancel]") {
  jdcloud::Cancellation c;
  std::atomic<bool> hook_started{false}, hook_finished{false};
  const int id = c.Subscribe([&] {
    hook_started = true;
    std::this_thread::sleep_for(milliseconds(100));
    hook_finished = true;
  });
  std::thread canceller([&] { c.Cancel(); });
  while (!hook_started) std::this_thread::yield();
  c.Unsubscribe(id);
  CHECK(hook_finished);
  canceller.join();
}

TEST_CASE("many threads cancelling and subscribing at once", "[cancel]") {
  for (int round = 0; round < 50; ++round) {
    jdcloud::Cancellation c;
    std::atomic<int> runs{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; ++i) {
      threads.emplace_back([&] {
        const int id = c.Subscribe([&] { ++runs; });
        c.SleepFor(milliseconds(1));
        c.Unsubscribe(id);
      });
    }
    threads.emplace_back([&] { c.Cancel(); });
    for (auto& t : threads) t.join();
    CHECK(runs <= 4);
    CHECK(c.IsCancelled());
  }
}
