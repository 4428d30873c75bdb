// Process lifecycle as Terraform drives it (reference §4, §11): Shutdown,
// parent death, SIGINT, StopProvider, and the go-plugin auxiliary services.
#include <csignal>
#include <fstream>
#include <thread>

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <grpcpp/generic/generic_stub.h>

#include "grpc_broker.grpc.pb.h"
#include "grpc_stdio.grpc.pb.h"
#include "test_support.h"

using namespace harness;
using namespace std::chrono_literals;

namespace {

// True once `pid` is gone or a zombie (its parent died, so nobody of ours can
// reap it; init may or may not have yet).
bool ProcessGone(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  if (!stat) return true;
  std::string line;
  std::getline(stat, line);
  auto close_paren = line.rfind(')');
  return close_paren != std::string::npos && close_paren + 2 < line.size() &&
         (line[close_paren + 2] == 'Z' || line[close_paren + 2] == 'X');
}

// The provider started by an intermediate process (standing in for Terraform)
// that the test can kill, leaving the provider orphaned.
class PluginBehindIntermediate {
 public:
  explicit PluginBehindIntermediate(const PluginOptions& options) {
    Environment env = CleanEnvironment();
    env[kMagicCookieKey] = kMagicCookieValue;
    env["PLUGIN_PROTOCOL_VERSIONS"] = *options.protocol_versions;
    cert_ = ClientCertificate::Generate();
    env["PLUGIN_CLIENT_CERT"] = cert_.cert_pem;
    std::vector<std::string> env_strings;
    for (const auto& [k, v] : env) env_strings.push_back(k + "=" + v);
    std::vector<char*> c_env;
    for (auto& s : env_strings) c_env.push_back(s.data());
    c_env.push_back(nullptr);
    std::string binary = options.binary;
    char* c_argv[] = {binary.data(), nullptr};

    int out[2], pid_pipe[2];
    if (pipe2(out, O_CLOEXEC) != 0 || pipe2(pid_pipe, O_CLOEXEC) != 0) return;
    int devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
    intermediate_ = fork();
    if (intermediate_ == 0) {
      pid_t plugin = fork();
      if (plugin == 0) {
        dup2(devnull, 0);
        dup2(out[1], 1);
        dup2(devnull, 2);
        execve(c_argv[0], c_argv, c_env.data());
        _exit(127);
      }
      (void)!write(pid_pipe[1], &plugin, sizeof plugin);
      for (;;) pause();
    }
    close(out[1]);
    close(pid_pipe[1]);
    close(devnull);
    stdout_fd_ = out[0];
    if (read(pid_pipe[0], &plugin_, sizeof plugin_) != sizeof plugin_) plugin_ = -1;
    close(pid_pipe[0]);
  }

  ~PluginBehindIntermediate() {
    if (plugin_ > 0 && !ProcessGone(plugin_)) kill(plugin_, SIGKILL);
    KillIntermediate();
    if (stdout_fd_ >= 0) close(stdout_fd_);
  }

  pid_t plugin_pid() const { return plugin_; }

  // The handshake line, or "" when none came within `timeout`.
  std::string FirstLine(std::chrono::milliseconds timeout) {
    std::string line;
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (line.find('\n') == std::string::npos && std::chrono::steady_clock::now() < deadline) {
      pollfd pfd{stdout_fd_, POLLIN, 0};
      if (poll(&pfd, 1, 50) <= 0) continue;
      char c;
      if (read(stdout_fd_, &c, 1) != 1) break;
      line.push_back(c);
    }
    return line.find('\n') == std::string::npos ? "" : line;
  }

  void KillIntermediate() {
    if (intermediate_ <= 0) return;
    kill(intermediate_, SIGKILL);
    waitpid(intermediate_, nullptr, 0);
    intermediate_ = -1;
  }

 private:
  ClientCertificate cert_;
  pid_t intermediate_ = -1;
  pid_t plugin_ = -1;
  int stdout_fd_ = -1;
};

}  // namespace

TEST_CASE("GRPCController.Shutdown makes the process exit 0 within 2 s", "[lifecycle]") {
  auto versions = GENERATE(std::string("5"), std::string("6"));
  CAPTURE(versions);
  auto p = Launch(versions);
  REQUIRE(p.client->GetSchema().ok());
  // Terraform keeps these streams open while it talks to the plugin; they must
  // not hold the process up at Shutdown.
  auto stdio = plugin::GRPCStdio::NewStub(p.channel);
  grpc::ClientContext stdio_ctx;
  google::protobuf::Empty empty;
  auto stdio_reader = stdio->StreamStdio(&stdio_ctx, empty);

  auto started = std::chrono::steady_clock::now();
  auto status = ShutdownPlugin(p.channel);
  CHECK(status.ok());
  auto exit = p.process->process().WaitExit(3s);
  auto elapsed = std::chrono::steady_clock::now() - started;
  REQUIRE(exit.has_value());
  CHECK(exit->exited);
  CHECK(exit->code == 0);
  CHECK(elapsed < 2s);
  stdio_ctx.TryCancel();
  plugin::StdioData data;
  while (stdio_reader->Read(&data)) {
  }
  stdio_reader->Finish();
  p.process->process().WaitForOutputClosed(2s);
  CHECK(p.process->StdoutAfterHandshake() == "");
}

TEST_CASE("the provider exits within 3 s when its parent dies", "[lifecycle]") {
  PluginBehindIntermediate tree(DefaultOptions("5,6"));
  REQUIRE(tree.plugin_pid() > 0);
  auto line = tree.FirstLine(30s);
  REQUIRE_FALSE(line.empty());
  CHECK_FALSE(ProcessGone(tree.plugin_pid()));
  auto killed = std::chrono::steady_clock::now();
  tree.KillIntermediate();
  bool gone = false;
  while (std::chrono::steady_clock::now() - killed < 3s) {
    if (ProcessGone(tree.plugin_pid())) {
      gone = true;
      break;
    }
    std::this_thread::sleep_for(20ms);
  }
  CHECK(gone);
}

TEST_CASE("SIGINT is ignored: Terraform stops the provider through RPCs", "[lifecycle]") {
  auto p = Launch("6");
  REQUIRE(p.client->GetSchema().ok());
  p.process->process().Signal(SIGINT);
  std::this_thread::sleep_for(300ms);
  CHECK_FALSE(p.process->process().WaitExit(0ms).has_value());
  CHECK(p.client->GetSchema().ok());
  ShutdownCleanly(p);
}

TEST_CASE("StopProvider returns at once, may come twice, and does not stop the server", "[lifecycle]") {
  auto versions = GENERATE(std::string("5"), std::string("6"));
  CAPTURE(versions);
  auto p = Launch(versions);
  REQUIRE(p.client->GetSchema().ok());
  for (int i = 0; i < 2; ++i) {
    std::string error = "unset";
    auto started = std::chrono::steady_clock::now();
    auto status = p.client->StopProvider(&error);
    CHECK(status.ok());
    CHECK(error == "");
    CHECK(std::chrono::steady_clock::now() - started < 1s);
  }
  CHECK(p.client->GetSchema().ok());
  ShutdownCleanly(p);
}

TEST_CASE("the go-plugin auxiliary services are served", "[lifecycle]") {
  auto p = Launch("6");

  SECTION("grpc.health.v1.Health reports \"plugin\" SERVING") {
    grpc::GenericStub stub(p.channel);
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + 5s);
    // HealthCheckRequest{service: "plugin"}; SERVING is HealthCheckResponse{status: 1} = 08 01.
    std::string request = std::string("\x0a\x06", 2) + "plugin";
    grpc::Slice slice(request);
    grpc::ByteBuffer req(&slice, 1), resp;
    std::mutex mu;
    std::condition_variable cv;
    bool done = false;
    grpc::Status status;
    stub.UnaryCall(&ctx, "/grpc.health.v1.Health/Check", grpc::StubOptions(), &req, &resp,
                   [&](grpc::Status s) {
                     std::lock_guard lock(mu);
                     status = s;
                     done = true;
                     cv.notify_all();
                   });
    std::unique_lock lock(mu);
    cv.wait(lock, [&] { return done; });
    INFO(status.error_message());
    REQUIRE(status.ok());
    std::vector<grpc::Slice> slices;
    REQUIRE(resp.Dump(&slices).ok());
    std::string body;
    for (auto& s : slices) body.append(reinterpret_cast<const char*>(s.begin()), s.size());
    CHECK(body == std::string("\x08\x01", 2));
  }

  SECTION("GRPCStdio.StreamStdio stays open and sends nothing") {
    auto stub = plugin::GRPCStdio::NewStub(p.channel);
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + 500ms);
    google::protobuf::Empty empty;
    auto reader = stub->StreamStdio(&ctx, empty);
    plugin::StdioData data;
    CHECK_FALSE(reader->Read(&data));
    CHECK(reader->Finish().error_code() == grpc::StatusCode::DEADLINE_EXCEEDED);
  }

  SECTION("GRPCBroker.StartStream stays open") {
    auto stub = plugin::GRPCBroker::NewStub(p.channel);
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + 500ms);
    auto stream = stub->StartStream(&ctx);
    plugin::ConnInfo info;
    CHECK_FALSE(stream->Read(&info));
    CHECK(stream->Finish().error_code() == grpc::StatusCode::DEADLINE_EXCEEDED);
  }

  ShutdownCleanly(p);
}
