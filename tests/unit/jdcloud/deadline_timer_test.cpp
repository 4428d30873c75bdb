#include "jdcloud/deadline_timer.h"

#include <catch2/catch.hpp>

#include <atomic>

using namespace std::chrono_literals;
using jdcloud::DeadlineTimer;

TEST_CASE("a deadline fires once, in order; a disarmed one never does", "[deadline]") {
  DeadlineTimer timer;
  std::atomic<int> order{0};
  int first = 0, second = 0;
  std::atomic<bool> cancelled_ran{false};
  const auto now = DeadlineTimer::Clock::now();
  const auto later = timer.Arm(now + 60ms, [&] { second = ++order; });
  const auto sooner = timer.Arm(now + 20ms, [&] { first = ++order; });
  const auto never = timer.Arm(now + 40ms, [&] { cancelled_ran = true; });
  CHECK_FALSE(timer.Disarm(never));
  std::this_thread::sleep_for(150ms);
  CHECK(timer.Disarm(sooner));
  CHECK(timer.Disarm(later));
  CHECK(first == 1);
  CHECK(second == 2);
  CHECK_FALSE(cancelled_ran);
}

TEST_CASE("a timer with pending deadlines stops at once", "[deadline]") {
  const auto started = DeadlineTimer::Clock::now();
  {
    DeadlineTimer timer;
    timer.Arm(started + 1h, [] {});
  }
  CHECK(DeadlineTimer::Clock::now() - started < 1s);
}
