// Concurrency as Terraform produces it: parallel reads on one process,
// identical reads sharing one API call, and StopProvider while reads run.
#include <algorithm>
#include <cctype>
#include <thread>

#include "read_support.h"

using namespace harness;
using namespace std::chrono_literals;

namespace {

std::vector<Fixture> AllFixtures() {
  std::vector<Fixture> out;
  for (const auto& id : FixtureImageIds(FixturesDir())) out.push_back(RequireFixture(id));
  return out;
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// Runs `n` reads at once (each thread blocks until all are ready) and returns
// their outcomes in order.
std::vector<ReadOutcome> ReadConcurrently(ReadRig& rig, size_t n,
                                          const std::function<std::pair<std::string, std::string>(size_t)>& what) {
  std::vector<ReadOutcome> outcomes(n);
  std::mutex mu;
  std::condition_variable cv;
  size_t ready = 0;
  std::vector<std::thread> threads;
  for (size_t i = 0; i < n; ++i) {
    threads.emplace_back([&, i] {
      auto [id, region] = what(i);
      {
        std::unique_lock lock(mu);
        ++ready;
        cv.notify_all();
        cv.wait(lock, [&] { return ready == n; });
      }
      outcomes[i] = rig.Read(id, region);
    });
  }
  for (auto& t : threads) t.join();
  return outcomes;
}

}  // namespace

TEST_CASE("64 concurrent reads all return the right image, one API call per image", "[concurrency]") {
  auto versions = GENERATE(std::string("5"), std::string("6"));
  CAPTURE(versions);
  auto fixtures = AllFixtures();
  REQUIRE_FALSE(fixtures.empty());
  auto rig = StartRig(versions);
  REQUIRE(rig.Configure().diagnostics.empty());
  // A delay on every answer keeps the identical reads in flight together.
  REQUIRE(rig.api->AddFaults(R"({"kind":"delay","delay_ms":300})").has_value());

  auto outcomes = ReadConcurrently(rig, 64, [&](size_t i) {
    const auto& f = fixtures[i % fixtures.size()];
    return std::make_pair(f.image_id, f.region);
  });
  for (size_t i = 0; i < outcomes.size(); ++i) {
    const auto& f = fixtures[i % fixtures.size()];
    const auto& r = outcomes[i];
    INFO("read " << i << " of " << f.image_id << ": " << r.status.error_message() << " " << Describe(r.diagnostics));
    REQUIRE(r.ok());
    REQUIRE(r.state.has_value());
    auto diffs = CompareImageState(f.image(), *r.state);
    INFO(Catch::Detail::stringify(diffs));
    CHECK(diffs.empty());
    CHECK(r.state->GetAttr("image_id") == cty::Value::String(f.image_id));
  }
  auto stats = rig.Stats();
  CHECK(stats.total == fixtures.size());
  for (const auto& f : fixtures) CHECK(stats.ForImage(f.image_id) == 1);
  ShutdownCleanly(rig.plugin);
}

TEST_CASE("reads of different images run in parallel", "[concurrency]") {
  auto rig = StartRig("6");
  REQUIRE(rig.Configure().diagnostics.empty());
  constexpr size_t kImages = 16;
  auto base = RequireFixture("img-m5s0f7ss4c");
  std::vector<std::string> ids;
  for (size_t i = 0; i < kImages; ++i) {
    char id[32];
    std::snprintf(id, sizeof id, "img-parallel%04zu", i);
    ids.push_back(id);
    auto json = std::string(R"({"imageId":")") + id + R"(","name":"parallel","status":"ready"})";
    REQUIRE(rig.api->PutImage(id, json).has_value());
  }
  REQUIRE(rig.api->AddFaults(R"({"kind":"delay","delay_ms":500})").has_value());
  auto started = std::chrono::steady_clock::now();
  auto outcomes = ReadConcurrently(rig, kImages, [&](size_t i) { return std::make_pair(ids[i], std::string("cn-north-1")); });
  auto elapsed = std::chrono::steady_clock::now() - started;
  for (size_t i = 0; i < kImages; ++i) {
    INFO(ids[i] << ": " << Describe(outcomes[i].diagnostics));
    REQUIRE(outcomes[i].state.has_value());
    CHECK(outcomes[i].state->GetAttr("id") == cty::Value::String(ids[i]));
  }
  // Serial reads would take 16 x 0.5 s.
  CHECK(elapsed < 4s);
  CHECK(rig.Stats().total == kImages);
  ShutdownCleanly(rig.plugin);
}

TEST_CASE("duplicate reads cost one request at the double", "[concurrency]") {
  auto versions = GENERATE(std::string("5"), std::string("6"));
  CAPTURE(versions);
  auto rig = StartRig(versions);
  REQUIRE(rig.Configure().diagnostics.empty());
  auto fixture = RequireFixture("img-m5s0f7ss4c");
  for (int i = 0; i < 5; ++i) CheckReadMatchesFixture(rig, fixture);
  auto outcomes = ReadConcurrently(rig, 10, [&](size_t) { return std::make_pair(fixture.image_id, fixture.region); });
  for (const auto& r : outcomes) {
    REQUIRE(r.state.has_value());
    CHECK(CompareImageState(fixture.image(), *r.state).empty());
  }
  CHECK(rig.Stats().total == 1);
  // A different region is a different read.
  auto other = rig.Read(fixture.image_id, "cn-east-2");
  CHECK(rig.Stats().total == 2);
  ShutdownCleanly(rig.plugin);
}

TEST_CASE("StopProvider during a slow read: returns at once, the read ends cancelled", "[concurrency]") {
  auto versions = GENERATE(std::string("5"), std::string("6"));
  CAPTURE(versions);
  auto rig = StartRig(versions);
  auto [what, fault, retries] = GENERATE(table<std::string, std::string, int>({
      {"a slow response", R"({"image_id":"img-m5s0f7ss4c","kind":"delay","delay_ms":20000})", 3},
      {"a backoff sleep", R"({"image_id":"img-m5s0f7ss4c","kind":"status","status":503})", 20}}));
  CAPTURE(what);
  REQUIRE(rig.Configure({{"max_retries", cty::Value::Int(retries)}}).diagnostics.empty());
  REQUIRE(rig.api->AddFaults(fault).has_value());

  ReadOutcome outcome;
  std::chrono::steady_clock::time_point read_done;
  std::thread reader([&] {
    outcome = rig.Read("img-m5s0f7ss4c");
    read_done = std::chrono::steady_clock::now();
  });
  std::this_thread::sleep_for(700ms);
  auto stop_started = std::chrono::steady_clock::now();
  std::string error = "unset";
  auto status = rig.plugin.client->StopProvider(&error);
  auto stop_returned = std::chrono::steady_clock::now();
  reader.join();

  CHECK(status.ok());
  CHECK(error == "");
  CHECK(stop_returned - stop_started < 1s);
  CHECK(read_done - stop_started < 1500ms);
  INFO(outcome.status.error_message() << " " << Describe(outcome.diagnostics));
  REQUIRE(outcome.ok());
  REQUIRE(HasError(outcome.diagnostics));
  CHECK_FALSE(outcome.state.has_value());
  CHECK(Lower(outcome.diagnostics[0].summary + " " + outcome.diagnostics[0].detail).find("cancel") !=
        std::string::npos);

  // The server keeps serving after StopProvider.
  REQUIRE(rig.api->ClearFaults().has_value());
  CheckReadMatchesFixture(rig, RequireFixture("img-h8ly274zg9"));
  ShutdownCleanly(rig.plugin);
}
