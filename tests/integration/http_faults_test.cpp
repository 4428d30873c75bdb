// The fault matrix, continued (issue 12): HTTP as the internet serves it.
// Each fault is injected into the REAL provider process through the API
// double; the diagnostic, the requests the double saw and the time taken are
// asserted, then the same process must still read a fixture correctly.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "forward_proxy.h"
#include "read_support.h"

using namespace harness;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

constexpr const char* kImage = "img-m5s0f7ss4c";  // the image the faults hit
constexpr const char* kOther = "img-h8ly274zg9";  // read afterwards, never faulted

std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string Text(const Diag& d) { return d.summary + "\n" + d.detail; }

void CheckContains(const std::string& text, const std::string& needle) {
  INFO("diagnostic text: " << text);
  CHECK_THAT(Lower(text), Catch::Contains(Lower(needle)));
}

void CheckLacks(const std::string& text, const std::string& needle) {
  INFO("diagnostic text: " << text);
  CHECK_THAT(Lower(text), !Catch::Contains(Lower(needle)));
}

void AddFault(ReadRig& rig, const std::string& json) {
  auto added = rig.api->AddFaults(json);
  INFO((added ? "" : added.error()));
  REQUIRE(added.has_value());
}

void CheckStillServes(ReadRig& rig) {
  REQUIRE(rig.api->ClearFaults().has_value());
  CheckReadMatchesFixture(rig, RequireFixture(kOther));
}

cty::Value Num(int v) { return cty::Value::Int(v); }
cty::Value Str(std::string s) { return cty::Value::String(std::move(s)); }

}  // namespace

TEST_CASE("http: a trickled status line and headers are cut off at request_timeout, naming the phase", "[faults][http]") {
  auto rig = StartRig("6");
  REQUIRE(rig.Configure({{"request_timeout", Num(2)}, {"max_retries", Num(0)}}).diagnostics.empty());
  AddFault(rig, R"({"image_id":"img-m5s0f7ss4c","kind":"trickle","part":"head","trickle_bytes":1,"interval_ms":200})");
  const auto started = Clock::now();
  const Diag d = RequireOneError(rig.Read(kImage));
  const auto elapsed = Clock::now() - started;
  CHECK(d.summary == "JD Cloud API request timed out");
  CheckContains(d.detail, "timed out after 2000 ms waiting for the response's status line and headers");
  CHECK(elapsed < 4s);  // the head alone would take 40 s
  CheckStillServes(rig);
  ShutdownCleanly(rig.plugin);
}

TEST_CASE("http: a kept connection the server closed is sent again, not counted as an attempt", "[faults][http]") {
  auto rig = StartRig("5");
  REQUIRE(rig.Configure({{"max_retries", Num(0)}}).diagnostics.empty());

  // A gateway closing every connection right after its answer: six reads in
  // a row, none retried (max_retries = 0), all succeed.
  AddFault(rig, R"({"kind":"close_after_response"})");
  for (const char* region : {"cn-north-1", "cn-east-1", "cn-east-2", "cn-south-1", "cn-north-2", "cn-west-1"}) {
    INFO(region);
    auto r = rig.Read(kImage, region);
    INFO(Describe(r.diagnostics));
    CHECK_FALSE(HasError(r.diagnostics));
  }
  REQUIRE(rig.api->ClearFaults().has_value());

  // The deterministic case: the kept connection takes the request and closes
  // without a byte, as a connection closed while idle does.
  CheckReadMatchesFixture(rig, RequireFixture(kOther));  // leaves a kept connection
  const auto before = rig.Stats().ForImage(kImage);
  AddFault(rig, R"({"image_id":"img-m5s0f7ss4c","kind":"drop","drop":"before_response","times":1})");
  auto r = rig.Read(kImage, "cn-north-3");
  INFO(Describe(r.diagnostics));
  CHECK_FALSE(HasError(r.diagnostics));
  CHECK(rig.Stats().ForImage(kImage) == before + 2);
  CHECK(rig.Stats().Outcome("dropped") == 1);

  // On a new connection the same drop is a real failure, and with
  // max_retries = 0 nothing claims retries were exhausted.
  REQUIRE(rig.Configure({{"max_retries", Num(0)}}).diagnostics.empty());  // a fresh client: no kept connection
  AddFault(rig, R"({"image_id":"img-m5s0f7ss4c","kind":"drop","drop":"before_response","times":1})");
  const Diag d = RequireOneError(rig.Read(kImage, "cn-south-2"));
  CheckContains(d.detail, "closed or reset the connection");
  CheckContains(d.detail, "not retried");
  CheckLacks(d.detail, "retries exhausted");
  CheckStillServes(rig);
  ShutdownCleanly(rig.plugin);
}

TEST_CASE("http: interim 1xx responses are skipped", "[faults][http]") {
  auto rig = StartRig("6");
  REQUIRE(rig.Configure({{"request_timeout", Num(10)}}).diagnostics.empty());
  for (const int status : {103, 100, 102}) {
    INFO(status);
    REQUIRE(rig.api->ClearFaults().has_value());
    AddFault(rig, R"({"kind":"interim","status":)" + std::to_string(status) + "}");
    const auto started = Clock::now();
    CheckReadMatchesFixture(rig, RequireFixture(status == 103 ? kImage : status == 100 ? kOther : "img-minimal001"));
    CHECK(Clock::now() - started < 2s);  // not the 10 s timeout
  }
  CheckStillServes(rig);
  ShutdownCleanly(rig.plugin);
}

TEST_CASE("http: a redirect is not followed; the error names the status and Location", "[faults][http]") {
  auto rig = StartRig("5");
  REQUIRE(rig.Configure().diagnostics.empty());
  AddFault(rig, R"({"image_id":"img-m5s0f7ss4c","kind":"redirect","status":301,"location":"https://vm.elsewhere.example/v1"})");
  const Diag d = RequireOneError(rig.Read(kImage));
  CheckContains(d.detail, "HTTP 301");
  CheckContains(d.detail, "https://vm.elsewhere.example/v1");
  CheckContains(d.detail, "redirects are not followed");
  CHECK(rig.Stats().ForImage(kImage) == 1);
  CheckStillServes(rig);
  ShutdownCleanly(rig.plugin);
}

TEST_CASE("http: https to a plain-HTTP port names the TLS reason and is not retried", "[faults][http]") {
  auto rig = StartRig("6");
  const std::string https = "https://127.0.0.1:" + std::to_string(rig.api->port());
  REQUIRE(rig.Configure({{"endpoint", Str(https)}, {"max_retries", Num(3)}}).diagnostics.empty());
  const auto started = Clock::now();
  const Diag d = RequireOneError(rig.Read(kImage));
  CHECK(d.summary == "JD Cloud TLS connection failed");
  CheckContains(d.detail, "use an http:// endpoint");
  CheckContains(d.detail, "not retried");
  CheckLacks(d.detail, "retries exhausted");
  CHECK(Clock::now() - started < 2s);  // no backoff: not retried
  REQUIRE(rig.Configure().diagnostics.empty());
  CheckStillServes(rig);
  ShutdownCleanly(rig.plugin);
}

TEST_CASE("http: API text in a diagnostic is cut to 1 KiB and escaped", "[faults][http]") {
  auto rig = StartRig("5");
  REQUIRE(rig.Configure().diagnostics.empty());
  std::string message;
  for (int i = 0; i < 20000; ++i) message += "\\u001b[31mred ";  // JSON escapes: raw ESC on the wire
  AddFault(rig, R"({"image_id":"img-m5s0f7ss4c","kind":"status","status":400,"message":")" + message + R"("})");
  const Diag d = RequireOneError(rig.Read(kImage));
  CHECK(Text(d).size() <= 2048);
  CHECK(Text(d).find('\x1b') == std::string::npos);
  CheckContains(d.detail, "\\x1b[31mred");
  CheckContains(d.detail, "(180000 bytes)");
  CheckStillServes(rig);
  ShutdownCleanly(rig.plugin);
}

TEST_CASE("http: endpoints and credentials are checked as typed, never echoed", "[faults][http]") {
  auto rig = StartRig("6");
  // An upper-case scheme is fine.
  const std::string upper = "HTTP://127.0.0.1:" + std::to_string(rig.api->port());
  REQUIRE(rig.Configure({{"endpoint", Str(upper)}}).diagnostics.empty());
  CheckReadMatchesFixture(rig, RequireFixture(kImage));

  // User info in the endpoint: an error that does not show it.
  auto c = rig.Configure({{"endpoint", Str("http://admin:Hunter2@127.0.0.1:" + std::to_string(rig.api->port()))}});
  REQUIRE(HasError(c.diagnostics));
  CheckContains(Describe(c.diagnostics), "user info");
  CheckLacks(Describe(c.diagnostics), "Hunter2");

  // A one-parser check: validation refuses what configuration would.
  auto v = rig.plugin.client->ValidateProviderConfig(
      ConfigObject(rig.provider_type, {{"endpoint", Str("https://host:abc")}}));
  CHECK(HasError(v.diagnostics));

  // CR/LF or a trailing newline in a credential: named, not shown, no request.
  for (const char* name : {"access_key", "secret_key", "session_token"}) {
    INFO(name);
    auto bad = rig.Configure({{name, Str("KEYVALUE123\r\n")}});
    REQUIRE(HasError(bad.diagnostics));
    CheckContains(Describe(bad.diagnostics), name);
    CheckLacks(Describe(bad.diagnostics), "KEYVALUE123");
  }
  REQUIRE(rig.Configure().diagnostics.empty());
  CheckStillServes(rig);
  ShutdownCleanly(rig.plugin);
}

TEST_CASE("http: temporary credentials send their session token, signed", "[faults][http]") {
  auto rig = StartRig("5", DoubleCredentials(), {"--session-token", "STS-token-0123456789"});
  // Without the token the double (like JD Cloud) refuses the credentials.
  REQUIRE(rig.Configure().diagnostics.empty());
  const Diag d = RequireOneError(rig.Read(kImage));
  CHECK(d.summary == "JD Cloud authentication failed");
  CheckContains(d.detail, "x-jdcloud-security-token");

  auto wrong = rig.Configure({{"session_token", Str("STS-token-wrong")}});
  REQUIRE(wrong.diagnostics.empty());
  const Diag w = RequireOneError(rig.Read(kImage, "cn-east-2"));
  CHECK(w.summary == "JD Cloud authentication failed");
  CheckLacks(Text(w), "STS-token-wrong");

  REQUIRE(rig.Configure({{"session_token", Str("STS-token-0123456789")}}).diagnostics.empty());
  CheckReadMatchesFixture(rig, RequireFixture(kImage));
  CheckReadMatchesFixture(rig, RequireFixture(kOther));
  ShutdownCleanly(rig.plugin);
}

TEST_CASE("http: ca_file trusts a private CA besides the system store; without it TLS fails with the reason", "[faults][http]") {
  const std::string dir = std::filesystem::temp_directory_path() / ("jd-ca-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  const std::string ca = dir + "/ca.pem", empty = dir + "/empty.pem";
  std::ofstream(empty).flush();
  {
    auto rig = StartRig("6", DoubleCredentials(), {"--https-ca-out", ca});
    const std::string https = "https://127.0.0.1:" + std::to_string(rig.api->port());

    // The system store does not know the double's CA: refused, with why, once.
    REQUIRE(rig.Configure({{"endpoint", Str(https)}, {"max_retries", Num(2)}}).diagnostics.empty());
    const Diag d = RequireOneError(rig.Read(kImage));
    CHECK(d.summary == "JD Cloud TLS connection failed");
    CheckContains(d.detail, "certificate verification failed");
    CheckContains(d.detail, "unable to get local issuer certificate");
    CheckLacks(d.detail, "retries exhausted");

    // An unreadable or empty ca_file is an error on the argument.
    for (const std::string& bad : {dir + "/missing.pem", empty}) {
      auto c = rig.Configure({{"endpoint", Str(https)}, {"ca_file", Str(bad)}});
      REQUIRE(HasError(c.diagnostics));
      CHECK(c.diagnostics[0].path == "ca_file");
    }

    // With the CA, by address and by name.
    REQUIRE(rig.Configure({{"endpoint", Str(https)}, {"ca_file", Str(ca)}}).diagnostics.empty());
    CheckReadMatchesFixture(rig, RequireFixture(kImage));
    const std::string by_name = "https://localhost:" + std::to_string(rig.api->port());
    REQUIRE(rig.Configure({{"endpoint", Str(by_name)}, {"ca_file", Str(ca)}}).diagnostics.empty());
    CheckReadMatchesFixture(rig, RequireFixture(kOther));
    ShutdownCleanly(rig.plugin);
  }
  std::filesystem::remove_all(dir);
}

namespace {

// The proxy maps this name, which resolves nowhere else, to the double.
constexpr const char* kProxiedHost = "jdcloud-api.test";

bool SawRequest(ForwardProxy& proxy, const std::string& prefix) {
  for (const auto& line : proxy.requests())
    if (line.starts_with(prefix)) return true;
  return false;
}

}  // namespace

TEST_CASE("http: HTTP_PROXY with basic auth carries http requests; a loopback endpoint goes direct", "[faults][http][proxy]") {
  ForwardProxy proxy({{{kProxiedHost, "127.0.0.1"}}, "Basic dXNlcjpIdW50ZXIycHc="});  // user:Hunter2pw
  auto env = DoubleCredentials();
  env["http_proxy"] = "http://user:Hunter2pw@127.0.0.1:" + std::to_string(proxy.port());
  env["TF_LOG_PROVIDER"] = "trace";
  auto rig = StartRig("6", env);
  const std::string port = std::to_string(rig.api->port());

  REQUIRE(rig.Configure().diagnostics.empty());  // http://127.0.0.1:PORT: never proxied
  CheckReadMatchesFixture(rig, RequireFixture(kOther));
  CHECK(proxy.requests().empty());

  REQUIRE(rig.Configure({{"endpoint", Str(std::string("http://") + kProxiedHost + ":" + port)}}).diagnostics.empty());
  CheckReadMatchesFixture(rig, RequireFixture(kImage));
  CHECK(SawRequest(proxy, "GET http://jdcloud-api.test:" + port + "/v1/regions/cn-north-1/images/img-m5s0f7ss4c "));
  CHECK(proxy.refused() == 0);
  CheckLacks(rig.plugin.process->Stderr(), "Hunter2pw");
  ShutdownCleanly(rig.plugin);
}

TEST_CASE("http: a wrong proxy password is the proxy's 407, and the password is not shown", "[faults][http][proxy]") {
  ForwardProxy proxy({{{kProxiedHost, "127.0.0.1"}}, "Basic dXNlcjpIdW50ZXIycHc="});
  auto env = DoubleCredentials();
  env["HTTP_PROXY"] = "http://user:Wrong2pw@127.0.0.1:" + std::to_string(proxy.port());
  auto rig = StartRig("5", env);
  const std::string endpoint = std::string("http://") + kProxiedHost + ":" + std::to_string(rig.api->port());
  REQUIRE(rig.Configure({{"endpoint", Str(endpoint)}}).diagnostics.empty());
  const Diag d = RequireOneError(rig.Read(kImage));
  CheckContains(d.detail, "HTTP 407");
  CheckLacks(Text(d), "Wrong2pw");
  CHECK(proxy.refused() == 1);
  REQUIRE(rig.Configure().diagnostics.empty());
  CheckStillServes(rig);
  ShutdownCleanly(rig.plugin);
}

TEST_CASE("http: HTTPS_PROXY tunnels https with CONNECT, verified end to end with ca_file", "[faults][http][proxy]") {
  const std::string ca = std::filesystem::temp_directory_path() / ("jd-proxy-ca-" + std::to_string(getpid()) + ".pem");
  ForwardProxy proxy({{{kProxiedHost, "127.0.0.1"}}, ""});
  auto env = DoubleCredentials();
  env["HTTPS_PROXY"] = "127.0.0.1:" + std::to_string(proxy.port());  // no scheme: http://, as Go reads it
  {
    auto rig = StartRig("6", env, {"--https-ca-out", ca});
    const std::string port = std::to_string(rig.api->port());
    REQUIRE(rig.Configure({{"endpoint", Str(std::string("https://") + kProxiedHost + ":" + port)},
                           {"ca_file", Str(ca)}})
                .diagnostics.empty());
    CheckReadMatchesFixture(rig, RequireFixture(kImage));
    CheckReadMatchesFixture(rig, RequireFixture(kOther));
    CHECK(SawRequest(proxy, "CONNECT jdcloud-api.test:" + port + " "));
    ShutdownCleanly(rig.plugin);
  }
  std::filesystem::remove(ca);
}
