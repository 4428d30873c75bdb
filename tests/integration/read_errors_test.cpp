// Every row of SPEC.md's error table, at the protocol level, against the API
// double: the diagnostic's wording, how many attempts reached the double, and
// that the provider still serves a correct read afterwards.
#include <algorithm>
#include <cctype>
#include <regex>

#include "read_support.h"

using namespace harness;
using namespace std::chrono_literals;

namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

std::string AllText(const std::vector<Diag>& diags) {
  std::string text;
  for (const auto& d : diags) text += d.summary + "\n" + d.detail + "\n";
  return text;
}

void CheckContains(const std::string& text, const std::string& needle) {
  INFO("diagnostic text: " << text);
  CHECK_THAT(Lower(text), Catch::Contains(Lower(needle)));
}

// The double's request ids are 32 characters of [0-9a-z].
void CheckNamesARequestId(const std::string& text) {
  INFO("diagnostic text: " << text);
  CHECK(std::regex_search(text, std::regex("[0-9a-z]{32}")));
}

void CheckNoSecret(const std::string& text) {
  CHECK(text.find(kDoubleSecretKey) == std::string::npos);
  CHECK(Lower(text).find("authorization:") == std::string::npos);
}

// After a fault: a never-read image reads correctly, so the process is healthy.
void CheckStillServes(ReadRig& rig) {
  REQUIRE(rig.api->ClearFaults().has_value());
  CheckReadMatchesFixture(rig, RequireFixture("img-h8ly274zg9"));
}

void AddFault(ReadRig& rig, const std::string& json) {
  auto added = rig.api->AddFaults(json);
  INFO((added ? "" : added.error()));
  REQUIRE(added.has_value());
}

cty::Value Num(int v) { return cty::Value::Int(v); }

}  // namespace

TEST_CASE("a malformed image_id or region is an attribute error before any HTTP call", "[errors]") {
  auto versions = GENERATE(std::string("5"), std::string("6"));
  CAPTURE(versions);
  auto rig = StartRig(versions);
  REQUIRE(rig.Configure().diagnostics.empty());

  auto bad_id = rig.Read("img-NOT_VALID");
  CHECK(RequireOneError(bad_id).path == "image_id");
  auto bad_region = rig.Read("img-m5s0f7ss4c", "North-1");
  CHECK(RequireOneError(bad_region).path == "region");
  CHECK(rig.Stats().total == 0);
  CheckStillServes(rig);
  ShutdownCleanly(rig.plugin);
}

TEST_CASE("missing credentials or region: an error naming the argument and its variable", "[errors]") {
  auto versions = GENERATE(std::string("5"), std::string("6"));
  CAPTURE(versions);
  auto [missing, argument, variable] = GENERATE(table<std::string, std::string, std::string>({
      {"access_key", "access_key", "JDCLOUD_ACCESS_KEY"},
      {"secret_key", "secret_key", "JDCLOUD_SECRET_KEY"},
      {"region", "region", "JDCLOUD_REGION"}}));
  CAPTURE(missing);
  Environment env = DoubleCredentials();
  env.erase(variable);
  auto rig = StartRig(versions, env);
  std::map<std::string, cty::Value> overrides;
  if (missing == "region") overrides["region"] = cty::Value::Null(cty::Type::String());
  auto c = rig.Configure(overrides);
  REQUIRE(c.ok());
  std::vector<Diag> diags = c.diagnostics;
  if (!HasError(diags)) {
    auto r = rig.Read("img-m5s0f7ss4c");
    REQUIRE(r.ok());
    CHECK_FALSE(r.state.has_value());
    diags = r.diagnostics;
  }
  INFO(Describe(diags));
  REQUIRE(HasError(diags));
  auto text = AllText(diags);
  CHECK_THAT(text, Catch::Contains(argument));
  CHECK_THAT(text, Catch::Contains(variable));
  CHECK(rig.Stats().total == 0);
  ShutdownCleanly(rig.plugin);
}

TEST_CASE("API errors become SPEC's diagnostics", "[errors]") {
  auto versions = GENERATE(std::string("5"), std::string("6"));
  CAPTURE(versions);
  auto rig = StartRig(versions);

  SECTION("401: authentication failed, no secret in the text, not retried") {
    const std::string wrong = "SKwrongwrongwrongwrongwrong0000000";
    REQUIRE_FALSE(HasError(rig.Configure({{"secret_key", cty::Value::String(wrong)}}).diagnostics));
    const Diag d = RequireOneError(rig.Read("img-m5s0f7ss4c"));
    auto text = d.summary + "\n" + d.detail;
    CheckContains(text, "authenticat");
    CheckNamesARequestId(text);
    CHECK(text.find(wrong) == std::string::npos);
    CheckNoSecret(text);
    CHECK(rig.Stats().Outcome("401") == 1);
    CHECK(rig.Stats().total == 1);
    // Recovers once configured with the right secret.
    REQUIRE_FALSE(HasError(rig.Configure().diagnostics));
    CheckStillServes(rig);
  }

  SECTION("403: authorization (permission denied), not retried") {
    REQUIRE(rig.Configure().diagnostics.empty());
    AddFault(rig, R"({"image_id":"img-m5s0f7ss4c","kind":"status","status":403})");
    const Diag d = RequireOneError(rig.Read("img-m5s0f7ss4c"));
    auto text = d.summary + "\n" + d.detail;
    CHECK((Lower(text).find("authoriz") != std::string::npos ||
           Lower(text).find("permission denied") != std::string::npos));
    INFO(text);
    CheckNamesARequestId(text);
    CheckNoSecret(text);
    CHECK(rig.Stats().total == 1);
    CheckStillServes(rig);
  }

  SECTION("404: image not found, naming the image and region, not retried") {
    REQUIRE(rig.Configure().diagnostics.empty());
    const Diag d = RequireOneError(rig.Read("img-doesnotexist1", "cn-south-1"));
    auto text = d.summary + "\n" + d.detail;
    CheckContains(text, "image not found");
    CheckContains(text, "img-doesnotexist1");
    CheckContains(text, "cn-south-1");
    CheckNamesARequestId(text);
    CHECK(rig.Stats().total == 1);
    CHECK(rig.Stats().Outcome("404") == 1);
    CheckStillServes(rig);
  }

  SECTION("400: the API's code and message, not retried") {
    REQUIRE(rig.Configure().diagnostics.empty());
    AddFault(rig, R"({"image_id":"img-m5s0f7ss4c","kind":"status","status":400,
                      "error_status":"INVALID_ARGUMENT","message":"imageId is malformed for this region"})");
    const Diag d = RequireOneError(rig.Read("img-m5s0f7ss4c"));
    auto text = d.summary + "\n" + d.detail;
    CheckContains(text, "400");
    CheckContains(text, "imageId is malformed for this region");
    CheckNamesARequestId(text);
    CHECK(rig.Stats().total == 1);
    CheckStillServes(rig);
  }

  SECTION("503 on every attempt: retried max_retries times, then an error naming the attempts") {
    REQUIRE(rig.Configure({{"max_retries", Num(2)}}).diagnostics.empty());
    AddFault(rig, R"({"image_id":"img-m5s0f7ss4c","kind":"status","status":503})");
    const Diag d = RequireOneError(rig.Read("img-m5s0f7ss4c"));
    auto text = d.summary + "\n" + d.detail;
    CheckContains(text, "3 attempts");
    CheckContains(text, "503");
    CheckNamesARequestId(text);
    CHECK(rig.Stats().ForImage("img-m5s0f7ss4c") == 3);
    CHECK(rig.Stats().Outcome("503") == 3);
    CheckStillServes(rig);
  }

  SECTION("500 twice, then success: retried, and the result is correct") {
    REQUIRE(rig.Configure().diagnostics.empty());
    AddFault(rig, R"({"image_id":"img-m5s0f7ss4c","kind":"status","status":500,"times":2})");
    CheckReadMatchesFixture(rig, RequireFixture("img-m5s0f7ss4c"));
    CHECK(rig.Stats().ForImage("img-m5s0f7ss4c") == 3);
  }

  SECTION("429 QUOTA_EXCEEDED: not retried, the API's status and message") {
    REQUIRE(rig.Configure().diagnostics.empty());
    AddFault(rig, R"({"image_id":"img-m5s0f7ss4c","kind":"quota_exceeded",
                      "message":"describeImage quota of this account is used up"})");
    const Diag d = RequireOneError(rig.Read("img-m5s0f7ss4c"));
    auto text = d.summary + "\n" + d.detail;
    CheckContains(text, "429");
    CheckContains(text, "describeImage quota of this account is used up");
    CheckNamesARequestId(text);
    CHECK(rig.Stats().total == 1);
    CheckStillServes(rig);
  }

  SECTION("429 RATE_LIMIT once: Retry-After honoured, then success") {
    REQUIRE(rig.Configure().diagnostics.empty());
    AddFault(rig, R"({"image_id":"img-m5s0f7ss4c","kind":"rate_limit","times":1,"retry_after":1})");
    auto started = std::chrono::steady_clock::now();
    CheckReadMatchesFixture(rig, RequireFixture("img-m5s0f7ss4c"));
    CHECK(std::chrono::steady_clock::now() - started >= 900ms);
    CHECK(rig.Stats().ForImage("img-m5s0f7ss4c") == 2);
    CHECK(rig.Stats().Outcome("429") == 1);
  }

  SECTION("429 RATE_LIMIT always: retried, then an error naming the attempts") {
    REQUIRE(rig.Configure({{"max_retries", Num(1)}}).diagnostics.empty());
    AddFault(rig, R"({"image_id":"img-m5s0f7ss4c","kind":"rate_limit","retry_after":0})");
    const Diag d = RequireOneError(rig.Read("img-m5s0f7ss4c"));
    auto text = d.summary + "\n" + d.detail;
    CheckContains(text, "2 attempts");
    CheckContains(text, "429");
    CHECK(rig.Stats().ForImage("img-m5s0f7ss4c") == 2);
    CheckStillServes(rig);
  }

  SECTION("a malformed 200 body: an error naming the request id, no state, not retried") {
    auto body = GENERATE(std::string("not_json"), std::string("truncated"), std::string("wrong_types"),
                         std::string("missing_image"), std::string("missing_result"), std::string("empty"));
    CAPTURE(body);
    REQUIRE(rig.Configure().diagnostics.empty());
    AddFault(rig, R"({"image_id":"img-m5s0f7ss4c","kind":"malformed","body":")" + body + "\"}");
    const Diag d = RequireOneError(rig.Read("img-m5s0f7ss4c"));
    CheckNamesARequestId(d.summary + "\n" + d.detail);
    CHECK(rig.Stats().total == 1);
    CheckStillServes(rig);
  }

  SECTION("a response slower than request_timeout: a timeout error after one attempt per retry") {
    REQUIRE(rig.Configure({{"request_timeout", Num(1)}, {"max_retries", Num(0)}}).diagnostics.empty());
    AddFault(rig, R"({"image_id":"img-m5s0f7ss4c","kind":"delay","delay_ms":2000})");
    auto started = std::chrono::steady_clock::now();
    const Diag d = RequireOneError(rig.Read("img-m5s0f7ss4c"));
    auto elapsed = std::chrono::steady_clock::now() - started;
    auto text = Lower(d.summary + "\n" + d.detail);
    INFO(text);
    CHECK((text.find("timed out") != std::string::npos || text.find("timeout") != std::string::npos));
    CHECK(elapsed >= 900ms);
    CHECK(elapsed < 1900ms);
    CHECK(rig.Stats().ForImage("img-m5s0f7ss4c") == 1);
    CheckStillServes(rig);
  }

  SECTION("a timeout is retried like a network failure") {
    REQUIRE(rig.Configure({{"request_timeout", Num(1)}, {"max_retries", Num(1)}}).diagnostics.empty());
    AddFault(rig, R"({"image_id":"img-m5s0f7ss4c","kind":"delay","delay_ms":2000,"times":1})");
    CheckReadMatchesFixture(rig, RequireFixture("img-m5s0f7ss4c"));
    CHECK(rig.Stats().ForImage("img-m5s0f7ss4c") == 2);
  }

  SECTION("a dropped connection is retried") {
    REQUIRE(rig.Configure().diagnostics.empty());
    AddFault(rig, R"({"image_id":"img-m5s0f7ss4c","kind":"drop","drop":"before_response","times":1})");
    CheckReadMatchesFixture(rig, RequireFixture("img-m5s0f7ss4c"));
    CHECK(rig.Stats().ForImage("img-m5s0f7ss4c") == 2);
  }

  SECTION("failures are not cached: the same read succeeds once the fault is gone") {
    REQUIRE(rig.Configure({{"max_retries", Num(0)}}).diagnostics.empty());
    AddFault(rig, R"({"image_id":"img-m5s0f7ss4c","kind":"status","status":503,"times":1})");
    RequireOneError(rig.Read("img-m5s0f7ss4c"));
    CheckReadMatchesFixture(rig, RequireFixture("img-m5s0f7ss4c"));
    CHECK(rig.Stats().ForImage("img-m5s0f7ss4c") == 2);
  }

  ShutdownCleanly(rig.plugin);
}

TEST_CASE("unknown provider configuration: deferred when allowed, else an error at read", "[errors]") {
  auto versions = GENERATE(std::string("5"), std::string("6"));
  CAPTURE(versions);
  auto rig = StartRig(versions);
  auto c = rig.Configure({{"endpoint", cty::Value::Unknown(cty::Type::String())}});
  REQUIRE(c.ok());
  INFO(Describe(c.diagnostics));
  REQUIRE_FALSE(HasError(c.diagnostics));
  auto config = ConfigObject(rig.image_type, {{"image_id", cty::Value::String("img-m5s0f7ss4c")}});

  SECTION("deferral allowed: Deferred PROVIDER_CONFIG_UNKNOWN, no state") {
    auto r = rig.plugin.client->ReadDataSource("jdcloud_image", config, true);
    REQUIRE(r.ok());
    INFO(Describe(r.diagnostics));
    CHECK_FALSE(HasError(r.diagnostics));
    CHECK(r.deferred);
    CHECK(r.deferred_reason == 2);
  }
  SECTION("deferral not allowed: an error about values known only at apply") {
    auto r = rig.plugin.client->ReadDataSource("jdcloud_image", config, false);
    const Diag d = RequireOneError(r);
    CHECK_FALSE(r.deferred);
    CheckContains(d.summary + " " + d.detail, "apply");
  }
  CHECK(rig.Stats().total == 0);
  ShutdownCleanly(rig.plugin);
}

TEST_CASE("secrets never reach stderr, even at trace level", "[errors]") {
  Environment env = DoubleCredentials();
  env["TF_LOG"] = "trace";
  auto rig = StartRig("6", env);
  REQUIRE(rig.Configure().diagnostics.empty());
  CheckReadMatchesFixture(rig, RequireFixture("img-m5s0f7ss4c"));
  // And a failing call, whose error paths log too.
  REQUIRE_FALSE(HasError(rig.Configure({{"secret_key", cty::Value::String("SKanotherwrongsecret0000000")}}).diagnostics));
  RequireOneError(rig.Read("img-h8ly274zg9"));
  ShutdownCleanly(rig.plugin);
  auto stderr_text = rig.plugin.process->Stderr();
  CHECK_FALSE(stderr_text.empty());
  CHECK(stderr_text.find(kDoubleSecretKey) == std::string::npos);
  CHECK(stderr_text.find("SKanotherwrongsecret0000000") == std::string::npos);
  CHECK(stderr_text.find("JDCLOUD2-HMAC-SHA256 Credential") == std::string::npos);
}

TEST_CASE("an answer for another image is an error naming both ids, with no state", "[errors]") {
  auto versions = GENERATE(std::string("5"), std::string("6"));
  CAPTURE(versions);
  auto rig = StartRig(versions);
  REQUIRE(rig.Configure().ok());
  // The double answers a request for img-asked00001 with img-other00001.
  REQUIRE(rig.api->PutImage("img-asked00001", R"({"imageId":"img-other00001","name":"not it"})").has_value());
  auto r = rig.Read("img-asked00001");
  const Diag d = RequireOneError(r);
  const std::string text = d.summary + "\n" + d.detail;
  CheckContains(text, "img-asked00001");
  CheckContains(text, "img-other00001");
  CheckNamesARequestId(text);
  // Not kept as a success: a second read asks again, and fails again.
  CheckContains(RequireOneError(rig.Read("img-asked00001")).detail, "img-other00001");
  CHECK(rig.Stats().ForImage("img-asked00001") == 2);
  CheckStillServes(rig);
}

TEST_CASE("an expiry time that is not a date-time is a warning, never silence", "[errors]") {
  auto versions = GENERATE(std::string("5"), std::string("6"));
  CAPTURE(versions);
  auto rig = StartRig(versions);
  REQUIRE(rig.Configure().ok());
  REQUIRE(rig.api->PutImage("img-oddexpiry1", R"({"imageId":"img-oddexpiry1","status":"ready","expiredTime":"next tuesday"})")
              .has_value());
  auto r = rig.Read("img-oddexpiry1");
  REQUIRE(r.ok());
  INFO(AllText(r.diagnostics));
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].severity == Diag::Severity::Warning);
  CheckContains(AllText(r.diagnostics), "\"next tuesday\"");
  REQUIRE(r.state.has_value());
  CHECK(r.state->GetAttr("expired_time") == cty::Value::String("next tuesday"));
}
