// Launches the transport test plugin exactly as go-plugin does and talks to it
// as Terraform would: handshake, mTLS with a P-521 client certificate, the
// go-plugin services, concurrency, and every way the process may end.
#include <catch2/catch.hpp>

#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <future>
#include <thread>
#include <vector>

#include "grpc_broker.grpc.pb.h"
#include "grpc_stdio.grpc.pb.h"
#include "plugin_child.h"
#include "plugin_client.h"
#include "transport/tls.h"

#ifndef TRANSPORT_TEST_PLUGIN
#error "TRANSPORT_TEST_PLUGIN must be the path of the transport_test_plugin binary"
#endif

using namespace std::chrono_literals;
using transport_test::LaunchOptions;
using transport_test::PluginChild;

namespace {

using Clock = std::chrono::steady_clock;

const transport::ServerIdentity& ClientIdentity() {
  // What go-plugin's client makes: ECDSA P-521, SHA-512, CA:TRUE.
  static const transport::ServerIdentity id = [] {
    auto generated = transport::GenerateSelfSignedIdentity({"P-521", "SHA512"});
    if (!generated) FAIL(generated.error());
    return std::move(*generated);
  }();
  return id;
}

LaunchOptions TlsLaunch(const std::string& versions = "5,6") {
  LaunchOptions options;
  options.env["PLUGIN_PROTOCOL_VERSIONS"] = versions;
  options.env["PLUGIN_MIN_PORT"] = "10000";
  options.env["PLUGIN_MAX_PORT"] = "25000";
  options.env["PLUGIN_CLIENT_CERT"] = ClientIdentity().cert_pem;
  return options;
}

// A launched plugin whose handshake line has been read.
struct Running {
  explicit Running(const LaunchOptions& options) : child(TRANSPORT_TEST_PLUGIN, options) {
    auto read = child.ReadLine(10s);
    if (!read) FAIL("no handshake line; stderr: " << child.Stderr());
    line = *read;
    handshake = transport_test::SplitHandshake(line);
    if (handshake.fields.size() == 6) server_pem = transport_test::CertPemFromHandshake(handshake.fields[5]);
  }
  std::shared_ptr<grpc::Channel> Connect(const transport::ServerIdentity* client) const {
    return transport_test::Connect(handshake.port, server_pem, client);
  }
  std::shared_ptr<grpc::Channel> Connect() const { return Connect(&ClientIdentity()); }

  PluginChild child;
  std::string line;
  transport_test::HandshakeFields handshake;
  std::string server_pem;
};

// A socket listening on 127.0.0.1:port, or -1.
int ListenOn(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || listen(fd, 1) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

// A port p where p and p + 1 are both free, from 25001-32000: above Terraform's
// 10000-25000 (other plugins on this machine) and below the kernel's ephemeral
// range (our own client connections), so neighbours are not taken by chance.
int FreePortPair() {
  std::srand(static_cast<unsigned>(getpid()));
  for (int i = 0; i < 200; ++i) {
    const int port = 25001 + std::rand() % 7000;
    const int a = ListenOn(port);
    const int b = ListenOn(port + 1);
    if (a >= 0) close(a);
    if (b >= 0) close(b);
    if (a >= 0 && b >= 0) return port;
  }
  FAIL("no free port pair");
  return 0;
}

bool ExitedCleanly(const std::optional<int>& status) {
  return status && WIFEXITED(*status) && WEXITSTATUS(*status) == 0;
}

// Open StreamStdio and StartStream the way Terraform does right after connecting.
struct OpenStreams {
  explicit OpenStreams(const std::shared_ptr<grpc::Channel>& channel)
      : stdio_stub(plugin::GRPCStdio::NewStub(channel)),
        broker_stub(plugin::GRPCBroker::NewStub(channel)) {
    google::protobuf::Empty empty;
    stdio = stdio_stub->StreamStdio(&stdio_context, empty);
    broker = broker_stub->StartStream(&broker_context);
  }
  std::unique_ptr<plugin::GRPCStdio::Stub> stdio_stub;
  std::unique_ptr<plugin::GRPCBroker::Stub> broker_stub;
  grpc::ClientContext stdio_context, broker_context;
  std::unique_ptr<grpc::ClientReader<plugin::StdioData>> stdio;
  std::unique_ptr<grpc::ClientReaderWriter<plugin::ConnInfo, plugin::ConnInfo>> broker;
};

}  // namespace

TEST_CASE("mTLS handshake line: fields, port range, unpadded cert", "[serve]") {
  Running plugin(TlsLaunch("5,6"));
  const auto& f = plugin.handshake.fields;
  INFO(plugin.line);
  REQUIRE(f.size() == 6);
  CHECK(f[0] == "1");
  CHECK(f[1] == "6");
  CHECK(f[2] == "tcp");
  CHECK(f[3].starts_with("127.0.0.1:"));
  CHECK(plugin.handshake.port >= 10000);
  CHECK(plugin.handshake.port <= 25000);
  CHECK(f[4] == "grpc");
  CHECK(f[5].find('=') == std::string::npos);
  CHECK_FALSE(plugin.server_pem.empty());
  CHECK(plugin.line.find('\r') == std::string::npos);
}

TEST_CASE("negotiated version reaches the provider service factory", "[serve]") {
  for (const auto& [offered, expected] : std::vector<std::pair<std::string, std::string>>{
           {"5", "5"}, {"6", "6"}, {"5,6", "6"}, {"6,5", "6"}}) {
    Running plugin(TlsLaunch(offered));
    INFO("offered " << offered << ": " << plugin.line);
    REQUIRE(plugin.handshake.fields.size() == 6);
    CHECK(plugin.handshake.fields[1] == expected);
    auto result = transport_test::CallSleep(plugin.Connect(), 0);
    REQUIRE(result.status.ok());
    CHECK(result.protocol_version == expected);
  }
}

TEST_CASE("the client certificate from PLUGIN_CLIENT_CERT is required and verified", "[serve]") {
  Running plugin(TlsLaunch());
  SECTION("the right client certificate is accepted") {
    CHECK(transport_test::CallSleep(plugin.Connect(), 0).status.ok());
    CHECK(transport_test::HealthCheck(plugin.Connect(), "plugin") == 1);  // SERVING
  }
  SECTION("a different client certificate is refused") {
    auto other = transport::GenerateSelfSignedIdentity({"P-521", "SHA512"});
    REQUIRE(other);
    auto result = transport_test::CallSleep(plugin.Connect(&*other), 0, false, 3s);
    CHECK(result.status.error_code() == grpc::StatusCode::UNAVAILABLE);
  }
  SECTION("no client certificate is refused") {
    auto result = transport_test::CallSleep(plugin.Connect(nullptr), 0, false, 3s);
    CHECK(result.status.error_code() == grpc::StatusCode::UNAVAILABLE);
  }
  SECTION("plaintext is refused") {
    auto channel = transport_test::Connect(plugin.handshake.port, "", nullptr);
    auto result = transport_test::CallSleep(channel, 0, false, 3s);
    CHECK_FALSE(result.status.ok());
  }
  // Whatever was refused, the server still serves the right client.
  CHECK(transport_test::CallSleep(plugin.Connect(), 0).status.ok());
}

TEST_CASE("without PLUGIN_CLIENT_CERT the plugin serves plaintext and prints no cert", "[serve]") {
  LaunchOptions options;
  options.env["PLUGIN_PROTOCOL_VERSIONS"] = "5";
  Running plugin(options);
  INFO(plugin.line);
  REQUIRE(plugin.handshake.fields.size() == 5);
  CHECK(plugin.line == "1|5|tcp|127.0.0.1:" + std::to_string(plugin.handshake.port) + "|grpc");
  auto channel = transport_test::Connect(plugin.handshake.port, "", nullptr);
  CHECK(transport_test::HealthCheck(channel, "plugin") == 1);
  CHECK(transport_test::CallSleep(channel, 0).protocol_version == "5");
}

TEST_CASE("health reports the plugin service as SERVING", "[serve]") {
  Running plugin(TlsLaunch());
  CHECK(transport_test::HealthCheck(plugin.Connect(), "plugin") == 1);
  CHECK(transport_test::HealthCheck(plugin.Connect(), "") == 1);
}

TEST_CASE("Shutdown replies and the process exits 0 quickly with streams open", "[serve]") {
  Running plugin(TlsLaunch());
  auto channel = plugin.Connect();
  auto streams = std::make_unique<OpenStreams>(channel);
  REQUIRE(transport_test::CallSleep(channel, 0).status.ok());  // streams are established by now
  const auto start = Clock::now();
  CHECK(transport_test::CallShutdown(channel).ok());
  // The server ended both streams cleanly.
  plugin::StdioData data;
  CHECK_FALSE(streams->stdio->Read(&data));
  CHECK(streams->stdio->Finish().ok());
  // Then go-plugin closes its connection, as Terraform does.
  streams.reset();
  channel.reset();
  const auto status = plugin.child.WaitExit(2s);
  const auto elapsed = Clock::now() - start;
  CHECK(ExitedCleanly(status));
  CHECK(elapsed < 500ms);  // streams are finished at once, not at the grace deadline
}

TEST_CASE("Shutdown exits within 2 s even if the client keeps its connection open", "[serve]") {
  Running plugin(TlsLaunch());
  auto channel = plugin.Connect();
  OpenStreams streams(channel);
  REQUIRE(transport_test::CallSleep(channel, 0).status.ok());
  const auto start = Clock::now();
  CHECK(transport_test::CallShutdown(channel).ok());
  CHECK(ExitedCleanly(plugin.child.WaitExit(2s)));
  CHECK(Clock::now() - start < 2s);
}

TEST_CASE("streams end when the client cancels them; the server keeps serving", "[serve]") {
  Running plugin(TlsLaunch());
  auto channel = plugin.Connect();
  {
    OpenStreams streams(channel);
    REQUIRE(transport_test::CallSleep(channel, 0).status.ok());
    streams.stdio_context.TryCancel();
    streams.broker->WritesDone();  // go-plugin's broker Close
    plugin::ConnInfo info;
    CHECK_FALSE(streams.broker->Read(&info));
    CHECK(streams.broker->Finish().ok());
  }
  CHECK(transport_test::CallSleep(channel, 0).status.ok());
  CHECK(transport_test::CallShutdown(channel).ok());
  CHECK(ExitedCleanly(plugin.child.WaitExit(2s)));
}

TEST_CASE("twelve calls run in parallel", "[serve]") {
  Running plugin(TlsLaunch());
  auto channel = plugin.Connect();
  OpenStreams streams(channel);
  const auto start = Clock::now();
  std::vector<std::future<grpc::Status>> calls;
  for (int i = 0; i < 12; ++i) {
    calls.push_back(std::async(std::launch::async, [&] {
      return transport_test::CallSleep(channel, 2000).status;
    }));
  }
  // Meanwhile a quick call (StopProvider's place) is not queued behind them.
  std::this_thread::sleep_for(100ms);
  const auto quick_start = Clock::now();
  CHECK(transport_test::CallSleep(channel, 0).status.ok());
  CHECK(Clock::now() - quick_start < 1s);  // queued behind a sleeper it would take ~1.9 s
  for (auto& call : calls) CHECK(call.get().ok());
  CHECK(Clock::now() - start < 4s);  // serial would take 24 s
}

TEST_CASE("a hundred concurrent calls are all served, none rejected", "[serve]") {
  // Terraform's -parallelism is the user's choice; gRPC's sync server rejects
  // calls beyond its thread cap rather than queueing them.
  Running plugin(TlsLaunch());
  auto channel = plugin.Connect();
  std::vector<std::future<grpc::Status>> calls;
  for (int i = 0; i < 100; ++i) {
    calls.push_back(std::async(std::launch::async, [&] {
      return transport_test::CallSleep(channel, 1000, false, 30s).status;
    }));
  }
  int ok = 0;
  for (auto& call : calls) {
    const grpc::Status status = call.get();
    INFO(status.error_message());
    CHECK(status.ok());
    ok += status.ok() ? 1 : 0;
  }
  CHECK(ok == 100);
}

TEST_CASE("Shutdown during running calls cancels them via on_stop and exits in time", "[serve]") {
  Running plugin(TlsLaunch());
  auto channel = plugin.Connect();
  auto running = std::async(std::launch::async, [&] {
    return transport_test::CallSleep(channel, 30000).status;
  });
  std::this_thread::sleep_for(200ms);
  const auto start = Clock::now();
  CHECK(transport_test::CallShutdown(channel).ok());
  CHECK(ExitedCleanly(plugin.child.WaitExit(2s)));
  CHECK(Clock::now() - start < 2s);
  running.wait();
}

TEST_CASE("a call that ignores the stop cannot keep the process past 2 s", "[serve]") {
  Running plugin(TlsLaunch());
  auto channel = plugin.Connect();
  auto stuck = std::async(std::launch::async, [&] {
    return transport_test::CallSleep(channel, 30000, /*ignore_stop=*/true).status;
  });
  std::this_thread::sleep_for(200ms);
  const auto start = Clock::now();
  CHECK(transport_test::CallShutdown(channel).ok());
  CHECK(ExitedCleanly(plugin.child.WaitExit(2500ms)));
  CHECK(Clock::now() - start < 2s);
  stuck.wait();
}

TEST_CASE("SIGINT is ignored, SIGTERM exits cleanly", "[serve]") {
  Running plugin(TlsLaunch());
  plugin.child.Signal(SIGINT);
  std::this_thread::sleep_for(200ms);
  CHECK_FALSE(plugin.child.WaitExit(0ms));
  CHECK(transport_test::HealthCheck(plugin.Connect(), "plugin") == 1);
  plugin.child.Signal(SIGTERM);
  CHECK(ExitedCleanly(plugin.child.WaitExit(2s)));
}

TEST_CASE("the plugin exits within 3 s of its parent's death", "[serve]") {
  transport_test::BecomeSubreaper();  // the orphan is re-parented to us, so we can reap it
  LaunchOptions options = TlsLaunch();
  options.via_intermediate = true;
  Running plugin(options);
  REQUIRE(plugin.handshake.fields.size() == 6);
  CHECK_FALSE(plugin.child.WaitExit(0ms));
  const auto start = Clock::now();
  plugin.child.KillIntermediate();
  CHECK(ExitedCleanly(plugin.child.WaitExit(3s)));
  CHECK(Clock::now() - start < 3s);
}

TEST_CASE("nothing but the handshake line ever reaches stdout", "[serve]") {
  LaunchOptions options = TlsLaunch();
  options.env["TRANSPORT_TEST_PRINT_JUNK"] = "1";  // printf and std::cout before the handshake
  options.env["TF_LOG"] = "trace";                 // and plenty of logging
  options.env["GRPC_VERBOSITY"] = "debug";
  Running plugin(options);
  CHECK(plugin.line.starts_with("1|6|tcp|127.0.0.1:"));
  auto channel = plugin.Connect();
  CHECK(transport_test::CallSleep(channel, 0).status.ok());
  CHECK(transport_test::CallShutdown(channel).ok());
  CHECK(ExitedCleanly(plugin.child.WaitExit(2s)));
  CHECK(plugin.child.ReadRestOfStdout(1s).empty());
  const std::string err = plugin.child.Stderr();
  CHECK(err.find("junk from printf") != std::string::npos);  // went to stderr instead
  CHECK(err.find("\"@message\":\"plugin serving\"") != std::string::npos);
}

TEST_CASE("PLUGIN_MIN_PORT..MAX_PORT is honoured and busy ports are skipped", "[serve]") {
  // Occupy a port, then offer a range that starts there.
  const int busy_port = FreePortPair();
  const int busy = ListenOn(busy_port);
  REQUIRE(busy >= 0);

  for (int i = 0; i < 4; ++i) {  // the start point in the range is random: try a few times
    LaunchOptions options = TlsLaunch();
    options.env["PLUGIN_MIN_PORT"] = std::to_string(busy_port);
    options.env["PLUGIN_MAX_PORT"] = std::to_string(busy_port + 1);
    Running plugin(options);
    INFO(plugin.line);
    CHECK(plugin.handshake.port == busy_port + 1);
    CHECK(transport_test::CallShutdown(plugin.Connect()).ok());
    CHECK(ExitedCleanly(plugin.child.WaitExit(2s)));
  }
  close(busy);
}

TEST_CASE("a second plugin cannot share a port the first one listens on", "[serve]") {
  // gRPC core would set SO_REUSEPORT, letting an orphan steal connections (reference §13 #12).
  const std::string port = std::to_string(FreePortPair());

  LaunchOptions options = TlsLaunch();
  options.env["PLUGIN_MIN_PORT"] = port;
  options.env["PLUGIN_MAX_PORT"] = port;
  Running first(options);
  REQUIRE(std::to_string(first.handshake.port) == port);

  PluginChild second(TRANSPORT_TEST_PLUGIN, options);
  CHECK_FALSE(second.ReadLine(5s));
  const auto status = second.WaitExit(2s);
  REQUIRE(status);
  CHECK(WEXITSTATUS(*status) == 1);
  CHECK(second.Stderr().find("could not listen") != std::string::npos);
  // The first still owns its port and serves.
  CHECK(transport_test::HealthCheck(first.Connect(), "plugin") == 1);
}

TEST_CASE("start-up failures exit 1 with a reason on stderr and no handshake", "[serve]") {
  auto expect_failure = [](LaunchOptions options, const std::string& reason) {
    PluginChild child(TRANSPORT_TEST_PLUGIN, options);
    CHECK_FALSE(child.ReadLine(5s));  // EOF, not a handshake
    const auto status = child.WaitExit(2s);
    REQUIRE(status);
    CHECK(WIFEXITED(*status));
    CHECK(WEXITSTATUS(*status) == 1);
    INFO(child.Stderr());
    CHECK(child.Stderr().find(reason) != std::string::npos);
  };
  SECTION("bad port range") {
    LaunchOptions options = TlsLaunch();
    options.env["PLUGIN_MIN_PORT"] = "banana";
    expect_failure(options, "PLUGIN_MIN_PORT");
  }
  SECTION("garbage client certificate") {
    LaunchOptions options = TlsLaunch();
    options.env["PLUGIN_CLIENT_CERT"] = "-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----\n";
    expect_failure(options, "PLUGIN_CLIENT_CERT");
  }
  SECTION("the provider service cannot be made") {
    LaunchOptions options = TlsLaunch();
    options.env["TRANSPORT_TEST_NO_SERVICE"] = "1";
    expect_failure(options, "no provider service");
  }
  SECTION("no magic cookie") {
    LaunchOptions options = TlsLaunch();
    options.with_cookie = false;
    expect_failure(options, "This binary is a plugin");
  }
}
