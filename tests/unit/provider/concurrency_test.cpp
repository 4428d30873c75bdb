// Single-flight + cache, parallel reads, and Stop: the concurrency promises
// of SPEC "Protocol behaviour". Run under TSan with -DJDCLOUD_SANITIZE=thread.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include "provider/provider_factory.h"
#include "fake_client.h"
#include "test_values.h"

using namespace std::chrono_literals;
using jdcloud::ApiError;
using provider_test::FakeApi;
using provider_test::FullProviderConfig;
using provider_test::ImageConfig;

namespace {

// A one-shot gate the fake API waits on, so that callers pile up.
class Gate {
 public:
  void Open() {
    std::lock_guard lock(mu_);
    open_ = true;
    cv_.notify_all();
  }
  bool WaitFor(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, timeout, [&] { return open_; });
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool open_ = false;
};

struct Fixture {
  FakeApi api;
  std::unique_ptr<provider::Provider> p;
  Fixture() {
    provider::ProviderDependencies deps;
    deps.client_factory = api.Factory();
    deps.env = provider_test::Env();
    p = provider::CreateProvider(std::move(deps));
    REQUIRE(p->ConfigureProvider(FullProviderConfig(), "1.11.4").empty());
  }
  provider::ReadResult Read(const std::string& id) {
    return p->ReadDataSource("jdcloud_image", ImageConfig(id), {});
  }
};

// Starts `n` concurrent reads of `id`; returns their futures.
std::vector<std::future<provider::ReadResult>> ReadConcurrently(Fixture& f, int n, const std::string& id) {
  std::vector<std::future<provider::ReadResult>> futures;
  for (int i = 0; i < n; ++i) futures.push_back(std::async(std::launch::async, [&f, id] { return f.Read(id); }));
  return futures;
}

}  // namespace

TEST_CASE("64 concurrent identical reads cost one API call; repeats are cached") {
  Fixture f;
  Gate gate;
  f.api.SetHandler([&](auto&, const std::string& id, auto&) {
    gate.WaitFor(10s);  // hold the flight open so the others join it
    return provider_test::Success(provider_test::ReadyImage(id), "req-once");
  });
  auto futures = ReadConcurrently(f, 64, "img-m5s0f7ss4c");
  std::this_thread::sleep_for(300ms);
  gate.Open();
  std::optional<cty::Value> first;
  for (auto& fut : futures) {
    provider::ReadResult r = fut.get();
    REQUIRE(r.state);
    CHECK(r.diagnostics.empty());
    if (!first) first = r.state;
    CHECK(*r.state == *first);
  }
  CHECK(f.api.calls() == 1);
  CHECK(f.Read("img-m5s0f7ss4c").state == first);
  CHECK(f.api.calls() == 1);
  // A different image, region or credential set is a different read.
  REQUIRE(f.Read("img-0therimage").state);
  CHECK(f.api.calls() == 2);
  REQUIRE(f.p->ReadDataSource("jdcloud_image", ImageConfig("img-m5s0f7ss4c", "cn-east-2"), {}).state);
  CHECK(f.api.calls() == 3);
  REQUIRE(f.p->ConfigureProvider(FullProviderConfig("AKTEST", "another-secret-key"), "1.11.4").empty());
  REQUIRE(f.Read("img-m5s0f7ss4c").state);
  CHECK(f.api.calls() == 4);
  REQUIRE(f.p->ConfigureProvider(FullProviderConfig(), "1.11.4").empty());  // back to the first credentials
  REQUIRE(f.Read("img-m5s0f7ss4c").state);
  CHECK(f.api.calls() == 4);
}

TEST_CASE("a failed flight goes to all its waiters and is not cached") {
  Fixture f;
  Gate gate;
  std::atomic<bool> fail{true};
  f.api.SetHandler([&](auto&, const std::string& id, auto&) -> provider_test::Outcome {
    gate.WaitFor(10s);
    if (fail) return provider_test::Failure(ApiError::Kind::ServerError, 503, "UNAVAILABLE", "busy", "req-fail", 4);
    return provider_test::Success(provider_test::ReadyImage(id));
  });
  auto futures = ReadConcurrently(f, 8, "img-m5s0f7ss4c");
  std::this_thread::sleep_for(500ms);
  gate.Open();
  for (auto& fut : futures) {
    provider::ReadResult r = fut.get();
    CHECK_FALSE(r.state);
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].detail.find("req-fail") != std::string::npos);
  }
  CHECK(f.api.calls() == 1);
  fail = false;
  CHECK(f.Read("img-m5s0f7ss4c").state);  // tried again, not served from a cached failure
  CHECK(f.api.calls() == 2);
  CHECK(f.Read("img-m5s0f7ss4c").state);
  CHECK(f.api.calls() == 2);
}

TEST_CASE("reads of different images run in parallel") {
  Fixture f;
  std::mutex mu;
  std::condition_variable cv;
  int inside = 0;
  f.api.SetHandler([&](auto&, const std::string& id, auto&) -> provider_test::Outcome {
    std::unique_lock lock(mu);
    ++inside;
    cv.notify_all();
    // Succeeds only if both calls are in the API at the same time.
    if (!cv.wait_for(lock, 5s, [&] { return inside >= 2; })) {
      return provider_test::Failure(ApiError::Kind::Network, 0, "", "reads were serialised", "");
    }
    return provider_test::Success(provider_test::ReadyImage(id));
  });
  auto a = std::async(std::launch::async, [&] { return f.Read("img-aaaaaaaa"); });
  auto b = std::async(std::launch::async, [&] { return f.Read("img-bbbbbbbb"); });
  CHECK(a.get().state);
  CHECK(b.get().state);
}

TEST_CASE("Stop cancels a blocked call promptly; later reads are served normally") {
  Fixture f;
  std::promise<void> entered;
  std::atomic<bool> first{true};
  f.api.SetHandler([&](auto&, const std::string& id, jdcloud::Cancellation& cancel) -> provider_test::Outcome {
    if (first.exchange(false)) {
      entered.set_value();
      // A backoff sleep that only Stop can cut short.
      if (!cancel.SleepFor(30s)) return provider_test::Failure(ApiError::Kind::Cancelled, 0, "", "cancelled", "");
      return provider_test::Failure(ApiError::Kind::Network, 0, "", "Stop did not cancel", "");
    }
    if (cancel.IsCancelled()) return provider_test::Failure(ApiError::Kind::Cancelled, 0, "", "stale", "");
    return provider_test::Success(provider_test::ReadyImage(id));
  });
  auto started = std::chrono::steady_clock::now();
  auto blocked = std::async(std::launch::async, [&] { return f.Read("img-m5s0f7ss4c"); });
  REQUIRE(entered.get_future().wait_for(5s) == std::future_status::ready);

  auto stop_begin = std::chrono::steady_clock::now();
  f.p->Stop();
  CHECK(std::chrono::steady_clock::now() - stop_begin < 500ms);  // returns at once
  REQUIRE(blocked.wait_for(2s) == std::future_status::ready);
  CHECK(std::chrono::steady_clock::now() - started < 5s);
  provider::ReadResult cancelled = blocked.get();
  CHECK_FALSE(cancelled.state);
  REQUIRE(cancelled.diagnostics.size() == 1);
  CHECK(cancelled.diagnostics[0].summary.find("cancelled") != std::string::npos);

  // Terraform may keep calling: the next read gets a fresh cancellation and a real answer.
  provider::ReadResult later = f.Read("img-m5s0f7ss4c");
  CHECK(later.state);
  CHECK(f.api.calls() == 2);
  f.p->Stop();  // twice is fine
  f.p->Stop();
  CHECK(f.Read("img-m5s0f7ss4c").state);  // cached success
}

TEST_CASE("a read after Stop does not join a flight that Stop cancelled") {
  Fixture f;
  Gate release_first;
  std::promise<void> entered;
  std::atomic<int> n{0};
  f.api.SetHandler([&](auto&, const std::string& id, jdcloud::Cancellation& cancel) -> provider_test::Outcome {
    if (n.fetch_add(1) == 0) {
      entered.set_value();
      release_first.WaitFor(10s);  // a call slow to notice cancellation
      return provider_test::Failure(ApiError::Kind::Cancelled, 0, "", "cancelled", "");
    }
    if (cancel.IsCancelled()) return provider_test::Failure(ApiError::Kind::Cancelled, 0, "", "stale", "");
    return provider_test::Success(provider_test::ReadyImage(id));
  });
  auto old_read = std::async(std::launch::async, [&] { return f.Read("img-m5s0f7ss4c"); });
  REQUIRE(entered.get_future().wait_for(5s) == std::future_status::ready);
  f.p->Stop();
  provider::ReadResult fresh = f.Read("img-m5s0f7ss4c");  // must not wait for the stopped flight
  CHECK(fresh.state);
  release_first.Open();
  CHECK_FALSE(old_read.get().state);
  CHECK(f.api.calls() == 2);
  CHECK(f.Read("img-m5s0f7ss4c").state);  // the fresh success is what is cached
  CHECK(f.api.calls() == 2);
}

TEST_CASE("a throwing client still answers every waiter") {
  Fixture f;
  f.api.SetHandler([](auto&, auto&, auto&) -> provider_test::Outcome { throw std::runtime_error("boom"); });
  auto futures = ReadConcurrently(f, 4, "img-m5s0f7ss4c");
  for (auto& fut : futures) {
    REQUIRE(fut.wait_for(5s) == std::future_status::ready);
    CHECK(provider::HasError(fut.get().diagnostics));
  }
}
