// The fault matrix at the protocol level (issue 6 item 3): each fault is
// injected into the REAL provider process, launched as Terraform launches it
// and pointed at the API double; the outcome (diagnostic wording per SPEC.md,
// attempts, elapsed time on the steady clock) is asserted, and then the SAME
// process must still serve a correct read of a fixture -- except after
// GRPCController.Shutdown, where the follow-up read needs a new process.
//
// Faults that other files already cover exactly are not repeated here:
// read_errors_test.cpp (a drop before any response byte, a slow response vs
// request_timeout, every HTTP error status), read_concurrency_test.cpp
// (StopProvider during a slow response / a jittered backoff sleep),
// lifecycle_test.cpp (Shutdown and StopProvider twice on an idle provider),
// validate_test.cpp (garbage msgpack config bytes in ReadDataSource).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <thread>

#include "proto_conversion.h"
#include "read_support.h"
#include "tfplugin5.grpc.pb.h"
#include "tfplugin6.grpc.pb.h"
#include "versioned_provider_client.h"

using namespace harness;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

constexpr const char* kImage = "img-m5s0f7ss4c";  // the image the faults hit
constexpr const char* kOther = "img-h8ly274zg9";  // read afterwards, never faulted

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

std::string Text(const Diag& d) { return d.summary + "\n" + d.detail; }

void CheckContains(const std::string& text, const std::string& needle) {
  INFO("diagnostic text: " << text);
  CHECK_THAT(Lower(text), Catch::Contains(Lower(needle)));
}

// A malformed request is refused (SPEC: "gRPC error or diagnostic") and
// answers no state.
void CheckRefused(const ReadOutcome& r) {
  INFO("status " << r.status.error_code() << " " << r.status.error_message() << "; " << Describe(r.diagnostics));
  // UNAVAILABLE or a deadline would mean the process died or hung.
  CHECK(r.status.error_code() != grpc::StatusCode::UNAVAILABLE);
  CHECK(r.status.error_code() != grpc::StatusCode::DEADLINE_EXCEEDED);
  if (!r.ok()) return;
  CHECK(HasError(r.diagnostics));
  CHECK_FALSE(r.state_sent);
}

void AddFault(ReadRig& rig, const std::string& json) {
  auto added = rig.api->AddFaults(json);
  INFO((added ? "" : added.error()));
  REQUIRE(added.has_value());
}

// The process is healthy: with no fault left, a never-read image reads
// correctly, attribute by attribute.
void CheckStillServes(ReadRig& rig) {
  REQUIRE(rig.api->ClearFaults().has_value());
  CheckReadMatchesFixture(rig, RequireFixture(kOther));
}

cty::Value Num(int v) { return cty::Value::Int(v); }
cty::Value Str(std::string s) { return cty::Value::String(std::move(s)); }

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

// A loopback port that nobody listens on: the kernel picks a free one for a
// bound socket, which is then closed without ever listening.
int ClosedLoopbackPort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  REQUIRE(fd >= 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  const bool bound = ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
                     ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0;
  ::close(fd);
  REQUIRE(bound);
  return ntohs(addr.sin_port);
}

// Waits until the double has received at least `n` describeImage requests.
bool WaitForRequests(ReadRig& rig, std::uint64_t n, std::chrono::milliseconds timeout = 5s) {
  const auto deadline = Clock::now() + timeout;
  while (Clock::now() < deadline) {
    if (auto s = rig.api->Stats(); s && s->total >= n) return true;
    std::this_thread::sleep_for(10ms);
  }
  return false;
}

// A read on its own thread, timed from the moment it ends.
class BackgroundRead {
 public:
  BackgroundRead(ReadRig& rig, CallOptions opts = {}) {
    thread_ = std::thread([this, &rig, opts] {
      outcome_ = rig.Read(kImage, std::nullopt, opts);
      done_ = Clock::now();
    });
  }
  ~BackgroundRead() { Join(); }
  void Join() {
    if (thread_.joinable()) thread_.join();
  }
  const ReadOutcome& outcome() const { return outcome_; }
  Clock::time_point done() const { return done_; }

 private:
  ReadOutcome outcome_;
  Clock::time_point done_;
  std::thread thread_;
};

// ReadDataSource with a raw DynamicValue (msgpack or JSON bytes) and any
// type name, straight through the generated stub: the harness client only
// ever sends well-formed msgpack.
template <class Service>
ReadOutcome RawReadAs(const std::shared_ptr<grpc::Channel>& channel, const std::string& type_name,
                      const std::string& msgpack, const std::string& json,
                      const std::optional<cty::Type>& state_type) {
  using Rpc = MessagesOf<&Service::Stub::ReadDataSource>;
  auto stub = Service::NewStub(channel);
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + 20s);
  typename Rpc::Request req;
  typename Rpc::Response resp;
  req.set_type_name(type_name);
  if (!msgpack.empty()) req.mutable_config()->set_msgpack(msgpack);
  if (!json.empty()) req.mutable_config()->set_json(json);
  ReadOutcome out;
  out.status = stub->ReadDataSource(&ctx, req, &resp);
  if (!out.ok()) return out;
  out.diagnostics = proto_conversion::Diagnostics(resp.diagnostics());
  proto_conversion::DecodeState(resp.state(), state_type, &out);
  return out;
}

struct RawConfig {
  std::string msgpack, json;
};
RawConfig Msgpack(std::string bytes) { return RawConfig{std::move(bytes), ""}; }
RawConfig Json(std::string text) { return RawConfig{"", std::move(text)}; }

ReadOutcome RawRead(ReadRig& rig, const std::string& type_name, const RawConfig& config) {
  if (rig.plugin.protocol == 5)
    return RawReadAs<tfplugin5::Provider>(rig.plugin.channel, type_name, config.msgpack, config.json, rig.image_type);
  return RawReadAs<tfplugin6::Provider>(rig.plugin.channel, type_name, config.msgpack, config.json, rig.image_type);
}

// ConfigureProvider with a raw DynamicValue.
template <class Service, auto Method>
grpc::Status RawConfigureAs(const std::shared_ptr<grpc::Channel>& channel, const RawConfig& config,
                            std::vector<Diag>* diags) {
  using Rpc = MessagesOf<Method>;
  auto stub = Service::NewStub(channel);
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + 20s);
  typename Rpc::Request req;
  typename Rpc::Response resp;
  req.set_terraform_version("1.11.4");
  if (!config.msgpack.empty()) req.mutable_config()->set_msgpack(config.msgpack);
  if (!config.json.empty()) req.mutable_config()->set_json(config.json);
  auto status = std::invoke(Method, *stub, &ctx, req, &resp);
  *diags = proto_conversion::Diagnostics(resp.diagnostics());
  return status;
}

RpcOutcome RawConfigure(ReadRig& rig, const RawConfig& config) {
  RpcOutcome out;
  if (rig.plugin.protocol == 5)
    out.status = RawConfigureAs<tfplugin5::Provider, &tfplugin5::Provider::Stub::Configure>(rig.plugin.channel,
                                                                                             config, &out.diagnostics);
  else
    out.status = RawConfigureAs<tfplugin6::Provider, &tfplugin6::Provider::Stub::ConfigureProvider>(
        rig.plugin.channel, config, &out.diagnostics);
  return out;
}

void CheckConfigureRefused(const RpcOutcome& r) {
  INFO("status " << r.status.error_code() << " " << r.status.error_message() << "; " << Describe(r.diagnostics));
  CHECK(r.status.error_code() != grpc::StatusCode::UNAVAILABLE);
  CHECK(r.status.error_code() != grpc::StatusCode::DEADLINE_EXCEEDED);
  if (r.ok()) CHECK(HasError(r.diagnostics));
}

// A msgpack fixstr/str8/str16 header and bytes.
std::string MsgpackString(const std::string& s) {
  std::string out;
  if (s.size() < 32) {
    out.push_back(static_cast<char>(0xa0 | s.size()));
  } else if (s.size() < 256) {
    out += '\xd9';
    out.push_back(static_cast<char>(s.size()));
  } else {
    out += '\xda';
    out.push_back(static_cast<char>(s.size() >> 8));
    out.push_back(static_cast<char>(s.size() & 0xff));
  }
  return out + s;
}

std::string Repeat(const std::string& s, size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

}  // namespace

// ---- 1. the API dying mid-response --------------------------------------

TEST_CASE("faults: the API closes the connection half way through the body", "[faults]") {
  auto rig = StartRig("5");

  // Once: retried, and the second answer is read correctly.
  REQUIRE(rig.Configure().diagnostics.empty());
  AddFault(rig, R"({"image_id":"img-m5s0f7ss4c","kind":"drop","drop":"mid_body","times":1})");
  CheckReadMatchesFixture(rig, RequireFixture(kImage));
  CHECK(rig.Stats().ForImage(kImage) == 2);
  CHECK(rig.Stats().Outcome("dropped") == 1);
  CHECK(rig.Stats().Outcome("200") == 1);

  // On every attempt: SPEC's error naming the attempts and the last cause.
  // (Another region: the first read's success is cached for the process.)
  REQUIRE(rig.Configure({{"max_retries", Num(1)}}).diagnostics.empty());
  AddFault(rig, R"({"image_id":"img-m5s0f7ss4c","kind":"drop","drop":"mid_body"})");
  const auto started = Clock::now();
  const Diag d = RequireOneError(rig.Read(kImage, "cn-east-2"));
  const auto elapsed = Clock::now() - started;
  CHECK(d.summary == "JD Cloud API request failed after 2 attempts");
  CheckContains(d.detail, "failed after 2 attempts (retries exhausted)");
  CheckContains(d.detail, kImage);
  CheckContains(d.detail, "network error");
  CHECK(d.path == "");
  CHECK(elapsed < 3s);
  CHECK(rig.Stats().ForImage(kImage) == 4);
  CHECK(rig.Stats().Outcome("dropped") == 3);

  CheckStillServes(rig);
  ShutdownCleanly(rig.plugin);
}

// ---- 2. connection refused ----------------------------------------------

TEST_CASE("faults: connection refused by a closed loopback port", "[faults]") {
  auto rig = StartRig("6");
  const int port = ClosedLoopbackPort();
  const std::string endpoint = "http://127.0.0.1:" + std::to_string(port);
  REQUIRE(rig.Configure({{"endpoint", Str(endpoint)}, {"max_retries", Num(2)}}).diagnostics.empty());

  const auto started = Clock::now();
  const Diag d = RequireOneError(rig.Read(kImage));
  const auto elapsed = Clock::now() - started;
  CHECK(d.summary == "JD Cloud API request failed after 3 attempts");
  CheckContains(d.detail, "failed after 3 attempts (retries exhausted)");
  CheckContains(d.detail, "network error talking to 127.0.0.1:" + std::to_string(port));
  // Two jittered waits of at most 250 ms and 500 ms; a refusal is immediate.
  INFO("elapsed " << Seconds(elapsed) << " s");
  CHECK(elapsed < 2s);

  // Pointed back at the double, the same process reads correctly.
  REQUIRE(rig.Configure().diagnostics.empty());
  CheckStillServes(rig);
  CHECK(rig.Stats().total == 1);
  ShutdownCleanly(rig.plugin);
}

// ---- 3. DNS failure -------------------------------------------------------

TEST_CASE("faults: an endpoint host that does not resolve fails fast and names the host", "[faults]") {
  auto rig = StartRig("5");
  // .invalid is reserved (RFC 2606): it never resolves, with or without a network.
  REQUIRE(rig.Configure({{"endpoint", Str("http://jdcloud.invalid")}, {"max_retries", Num(1)}}).diagnostics.empty());

  const auto started = Clock::now();
  const Diag d = RequireOneError(rig.Read(kImage));
  const auto elapsed = Clock::now() - started;
  CHECK(d.summary == "JD Cloud API request failed after 2 attempts");
  CheckContains(d.detail, "jdcloud.invalid");
  CheckContains(d.detail, "resolve");
  INFO("elapsed " << Seconds(elapsed) << " s");
  CHECK(elapsed < 3s);

  REQUIRE(rig.Configure().diagnostics.empty());
  CheckStillServes(rig);
  ShutdownCleanly(rig.plugin);
}

// ---- 4. slow loris ----------------------------------------------------------

TEST_CASE("faults: a body trickled slower than request_timeout times out", "[faults]") {
  auto rig = StartRig("6");

  {
    INFO("one byte every 200 ms: each attempt ends at its deadline, not at the body's end");
    REQUIRE(rig.Configure({{"request_timeout", Num(1)}, {"max_retries", Num(1)}}).diagnostics.empty());
    AddFault(rig, R"({"image_id":"img-m5s0f7ss4c","kind":"trickle","trickle_bytes":1,"interval_ms":200})");
    const auto started = Clock::now();
    const Diag d = RequireOneError(rig.Read(kImage));
    const auto elapsed = Clock::now() - started;
    CHECK(d.summary == "JD Cloud API request timed out");
    CheckContains(d.detail, "timed out after 2 attempts");
    CheckContains(d.detail, "request_timeout");
    // 2 attempts x 1 s, one wait of at most 250 ms, slack for a loaded machine.
    INFO("elapsed " << Seconds(elapsed) << " s");
    CHECK(elapsed >= 1900ms);
    CHECK(elapsed < 3500ms);
    CHECK(rig.Stats().ForImage(kImage) == 2);
  }
  {
    INFO("headers, then nothing: one attempt ends at request_timeout");
    REQUIRE(rig.api->ClearFaults().has_value());
    REQUIRE(rig.Configure({{"request_timeout", Num(1)}, {"max_retries", Num(0)}}).diagnostics.empty());
    AddFault(rig, R"({"image_id":"img-m5s0f7ss4c","kind":"trickle","trickle_bytes":0,"interval_ms":50})");
    const auto started = Clock::now();
    const Diag d = RequireOneError(rig.Read(kImage));
    const auto elapsed = Clock::now() - started;
    CHECK(d.summary == "JD Cloud API request timed out");
    CheckContains(d.detail, "timed out after 1 attempt;");
    INFO("elapsed " << Seconds(elapsed) << " s");
    CHECK(elapsed >= 900ms);
    CHECK(elapsed < 2s);
    CHECK(rig.Stats().ForImage(kImage) == 3);
  }

  CheckStillServes(rig);
  ShutdownCleanly(rig.plugin);
}

// ---- 5. StopProvider during a backoff sleep --------------------------------

TEST_CASE("faults: StopProvider (twice) during a 30 s Retry-After wait cancels the read at once", "[faults]") {
  auto versions = GENERATE(std::string("5"), std::string("6"));
  CAPTURE(versions);
  auto rig = StartRig(versions);
  REQUIRE(rig.Configure({{"max_retries", Num(3)}}).diagnostics.empty());
  // Retry-After 30 (the most SPEC honours): after the first answer the read
  // is certainly asleep, not in an HTTP attempt.
  AddFault(rig, R"({"image_id":"img-m5s0f7ss4c","kind":"status","status":503,"retry_after":30})");

  BackgroundRead read(rig, CallOptions{.deadline = 20s});
  REQUIRE(WaitForRequests(rig, 1));
  std::this_thread::sleep_for(200ms);

  const auto stop_started = Clock::now();
  for (int i = 0; i < 2; ++i) {
    CAPTURE(i);
    std::string error = "unset";
    const auto started = Clock::now();
    auto status = rig.plugin.client->StopProvider(&error);
    CHECK(status.ok());
    CHECK(error == "");
    CHECK(Clock::now() - started < 1s);
  }
  read.Join();
  INFO("read ended " << Seconds(read.done() - stop_started) << " s after StopProvider");
  CHECK(read.done() - stop_started < 1s);
  const Diag d = RequireOneError(read.outcome());
  CHECK(d.summary == "Read cancelled");
  CheckContains(d.detail, "cancelled because Terraform asked the provider to stop");
  CHECK(rig.Stats().ForImage(kImage) == 1);  // no attempt after the stop

  // The same process still reads, and still retries: the stop cancelled the
  // reads in flight, not the ones after it.
  REQUIRE(rig.api->ClearFaults().has_value());
  AddFault(rig, R"({"image_id":"img-h8ly274zg9","kind":"status","status":503,"retry_after":0,"times":1})");
  CheckReadMatchesFixture(rig, RequireFixture(kOther));
  CHECK(rig.Stats().ForImage(kOther) == 2);
  ShutdownCleanly(rig.plugin);
}

// ---- 6. GRPCController.Shutdown during a read -----------------------------

TEST_CASE("faults: GRPCController.Shutdown during a read in flight exits promptly", "[faults]") {
  auto rig = StartRig("6");
  REQUIRE(rig.Configure().diagnostics.empty());
  AddFault(rig, R"({"image_id":"img-m5s0f7ss4c","kind":"delay","delay_ms":20000})");

  BackgroundRead read(rig, CallOptions{.deadline = 10s});
  REQUIRE(WaitForRequests(rig, 1));

  const auto started = Clock::now();
  auto shutdown = ShutdownPlugin(rig.plugin.channel, 5s);
  INFO("Shutdown: " << shutdown.error_code() << " " << shutdown.error_message());
  auto exit = rig.plugin.process->process().WaitExit(3s);
  const auto exited = Clock::now();
  INFO("stderr: " << rig.plugin.process->Stderr());
  REQUIRE(exit.has_value());
  CHECK(exited - started < 2s);
  CHECK(exit->exited);
  CHECK(exit->code == 0);

  // The RPC in flight ends -- with whatever status -- instead of hanging.
  read.Join();
  INFO("read ended " << Seconds(read.done() - started) << " s after Shutdown: "
                     << read.outcome().status.error_code() << " " << read.outcome().status.error_message());
  CHECK(read.done() - started < 2s);
  if (read.outcome().ok()) CHECK_FALSE(read.outcome().state.has_value());
  rig.plugin.process->process().WaitForOutputClosed(2s);
  CHECK(rig.plugin.process->StdoutAfterHandshake() == "");

  // The follow-up read needs a NEW provider process (this one has exited),
  // against the same double.
  auto options = DefaultOptions("6");
  options.extra_env = DoubleCredentials();
  rig.plugin = Launch(options);
  REQUIRE(rig.plugin.client->GetSchema().ok());
  REQUIRE(rig.Configure().diagnostics.empty());
  CheckStillServes(rig);
  ShutdownCleanly(rig.plugin);
}

// ---- 7. malformed requests (beyond validate_test.cpp's garbage msgpack) ---

TEST_CASE("faults: malformed ReadDataSource and ConfigureProvider requests", "[faults]") {
  auto versions = GENERATE(std::string("5"), std::string("6"));
  CAPTURE(versions);
  auto rig = StartRig(versions);
  REQUIRE(rig.Configure().diagnostics.empty());
  const std::string good_config = cty::EncodeMsgpack(
      ConfigObject(rig.image_type, {{"image_id", Str(kImage)}}), rig.image_type);

  // Garbage JSON DynamicValues.
  for (const std::string& json :
       {std::string("{"), std::string("[1,2,3]"), std::string("\"img-m5s0f7ss4c\""), std::string("{\"image_id\":42}"),
        std::string("{\"image_id\":\"img-m5s0f7ss4c\",\"bogus\":1}"),
        std::string("{\"image_id\":\"img-m5s0f7ss4c\"} trailing"), std::string("\xff\xfe{}", 4),
        std::string("{\"image_id\":{\"nested\":[]}}")}) {
    CAPTURE(json);
    CheckRefused(RawRead(rig, "jdcloud_image", Json(json)));
  }

  // A wrong type_name with a good config.
  for (const std::string& type_name : {std::string("jdcloud_nothing"), std::string(""), std::string("jdcloud_image "),
                                       std::string("JDCLOUD_IMAGE"), std::string("jdcloud_image\0x", 15)}) {
    CAPTURE(type_name);
    const auto r = RawRead(rig, type_name, Msgpack(good_config));
    CheckRefused(r);
    if (r.ok()) CheckContains(Describe(r.diagnostics), "data source");
  }

  // A config missing attributes, or with one too many.
  for (const std::string& msgpack : {std::string("\x80", 1),  // {}
                                     std::string("\x81\xa8image_id\xaeimg-m5s0f7ss4c", 25),
                                     std::string("\x82\xa8image_id\xaeimg-m5s0f7ss4c\xa6region\xc0", 33)}) {
    CAPTURE(msgpack.size());
    CheckRefused(RawRead(rig, "jdcloud_image", Msgpack(msgpack)));
  }
  {
    // The full object plus an attribute the schema lacks: bump the map's
    // 16-bit count (the data source has more than 15 attributes).
    std::string extra = good_config;
    REQUIRE(static_cast<unsigned char>(extra[0]) == 0xde);
    extra[2] = static_cast<char>(extra[2] + 1);
    extra += "\xa5" "bogus" "\xc3";
    CheckRefused(RawRead(rig, "jdcloud_image", Msgpack(extra)));
  }

  // A null or wholly unknown config: never an API call, never a known state.
  for (const std::string& msgpack : {std::string("\xc0", 1), std::string("\xd4\x00\x00", 3)}) {
    CAPTURE(msgpack.size());
    const auto r = RawRead(rig, "jdcloud_image", Msgpack(msgpack));
    INFO(r.status.error_message() << " " << Describe(r.diagnostics));
    if (r.ok() && !HasError(r.diagnostics)) CHECK((!r.state.has_value() || !r.state->IsWhollyKnown()));
  }
  CHECK(rig.Stats().total == 0);

  // Garbage provider configuration; a refused one must not leave the
  // provider half-configured.
  for (const RawConfig& config :
       {Msgpack(std::string("\xc1", 1)), Msgpack("\x93\x01\x02\x03"),
        Msgpack("\x81\xa6region\x2a"), Json("{"),
        Json("{\"region\":[\"cn-north-1\"]}"), Json("[]")}) {
    CAPTURE(config.msgpack, config.json);
    CheckConfigureRefused(RawConfigure(rig, config));
  }
  REQUIRE(rig.Configure().diagnostics.empty());

  CheckStillServes(rig);
  ShutdownCleanly(rig.plugin);
}

// ---- 8. 1 MiB strings ----------------------------------------------------------

TEST_CASE("faults: 1 MiB strings are attribute errors, fast, with no API call", "[faults]") {
  auto versions = GENERATE(std::string("5"), std::string("6"));
  CAPTURE(versions);
  auto rig = StartRig(versions);
  REQUIRE(rig.Configure().diagnostics.empty());
  const std::string mib(1 << 20, 'a');

  {
    INFO("image_id");
    const auto started = Clock::now();
    const Diag d = RequireOneError(rig.Read("img-" + mib));
    CHECK(d.path == "image_id");
    CHECK(d.summary == "Invalid image_id");
    CHECK(d.detail.size() < 1024);  // the value is quoted cut short, not echoed whole
    auto v = rig.plugin.client->ValidateDataSourceConfig(
        "jdcloud_image", ConfigObject(rig.image_type, {{"image_id", Str("img-" + mib)}}));
    REQUIRE(v.ok());
    REQUIRE(v.diagnostics.size() == 1);
    CHECK(v.diagnostics[0].path == "image_id");
    CHECK(Clock::now() - started < 2s);
  }
  {
    INFO("region of the data source");
    const auto started = Clock::now();
    const Diag d = RequireOneError(rig.Read(kImage, mib));
    CHECK(d.path == "region");
    CHECK(d.summary == "Invalid region");
    CHECK(d.detail.size() < 1024);
    CHECK(Clock::now() - started < 2s);
  }
  CHECK(rig.Stats().total == 0);
  {
    // SPEC's region pattern has no length bound: "cn-<1 MiB>-1" matches it,
    // so the read is sent, and the API's refusal is the error.
    INFO("a 1 MiB region that matches SPEC's pattern");
    const auto started = Clock::now();
    const auto r = rig.Read(kImage, "cn-" + mib + "-1");
    INFO(r.status.error_message() << " " << Describe(r.diagnostics).substr(0, 500));
    REQUIRE(r.ok());
    CHECK(HasError(r.diagnostics));
    CHECK_FALSE(r.state_sent);
    CHECK(Clock::now() - started < 2s);
  }

  // Provider arguments of 1 MiB. A wrong key reaches the double as a 401;
  // a bad region or endpoint never leaves the process.
  for (const std::string attribute : {"region", "endpoint", "access_key", "secret_key"}) {
    CAPTURE(attribute);
    const std::string value = attribute == "endpoint" ? "http://" + mib : mib;
    const auto total_before = rig.Stats().total;
    const auto started = Clock::now();
    auto validated = rig.plugin.client->ValidateProviderConfig(ConfigObject(rig.provider_type, {{attribute, Str(value)}}));
    REQUIRE(validated.ok());
    auto configured = rig.Configure({{attribute, Str(value)}});
    REQUIRE(configured.ok());
    std::vector<Diag> diags = validated.diagnostics;
    diags.insert(diags.end(), configured.diagnostics.begin(), configured.diagnostics.end());
    if (!HasError(configured.diagnostics)) {
      auto r = rig.Read(kImage, "cn-south-1");
      if (!r.ok()) {
        auto exit = rig.plugin.process->process().WaitExit(1s);
        INFO("status " << r.status.error_code() << " " << r.status.error_message());
        INFO("exited " << (exit ? exit->exited : -1) << " code " << (exit ? exit->code : -1) << " signal "
                       << (exit ? exit->signal : -1));
        FAIL("the provider did not answer");
      }
      CHECK_FALSE(r.state_sent);
      diags.insert(diags.end(), r.diagnostics.begin(), r.diagnostics.end());
    }
    INFO(Describe(diags).substr(0, 2000));
    CHECK(HasError(diags));
    CHECK(Clock::now() - started < 3s);
    if (attribute == "region" || attribute == "endpoint") CHECK(rig.Stats().total == total_before);
    if (attribute == "secret_key") {
      for (const auto& d : diags) CHECK(Text(d).find(mib) == std::string::npos);  // never echoed
    }
    REQUIRE(rig.Configure().diagnostics.empty());
  }

  CheckStillServes(rig);
  ShutdownCleanly(rig.plugin);
}

// ---- 9. deeply nested values -------------------------------------------------

TEST_CASE("faults: 100k-deep nested config values are clean errors", "[faults]") {
  auto versions = GENERATE(std::string("5"), std::string("6"));
  CAPTURE(versions);
  auto rig = StartRig(versions);
  REQUIRE(rig.Configure().diagnostics.empty());
  constexpr size_t kDepth = 100'000;
  const std::string image_id_key = MsgpackString("image_id");

  const std::vector<std::pair<std::string, RawConfig>> configs = {
      {"msgpack arrays", Msgpack(Repeat("\x91", kDepth) + "\xc0")},
      {"msgpack maps", Msgpack(Repeat("\x81\xa1k", kDepth) + "\xc0")},
      {"msgpack arrays in image_id", Msgpack("\x81" + image_id_key + Repeat("\x91", kDepth) + "\xc0")},
      {"msgpack maps in image_id", Msgpack("\x81" + image_id_key + Repeat("\x81\xa1k", kDepth) + "\xc0")},
      {"JSON arrays", Json(Repeat("[", kDepth) + Repeat("]", kDepth))},
      {"JSON objects", Json(Repeat("{\"k\":", kDepth) + "null" + Repeat("}", kDepth))},
      {"JSON arrays in image_id", Json("{\"image_id\":" + Repeat("[", kDepth) + Repeat("]", kDepth) + "}")},
      {"JSON unclosed", Json(Repeat("[{\"a\":", kDepth))},
  };
  for (const auto& [what, config] : configs) {
    CAPTURE(what);
    const auto started = Clock::now();
    CheckRefused(RawRead(rig, "jdcloud_image", config));
    CheckConfigureRefused(RawConfigure(rig, config));
    CHECK(Clock::now() - started < 3s);
  }

  REQUIRE(rig.Configure().diagnostics.empty());
  CHECK(rig.Stats().total == 0);
  CheckStillServes(rig);
  ShutdownCleanly(rig.plugin);
}
