#include "transport/server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <absl/synchronization/mutex.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/resource_quota.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server_builder.h>

#include <random>

namespace transport {
namespace {

// Terraform's own client allows 256 MiB messages both ways (terraform-plugin-go does too).
constexpr int kMaxMessageBytes = 256 << 20;
// Sync threads serve the provider's unary calls, one thread per call in
// flight: Terraform runs -parallelism (default 10) reads at once, plus
// StopProvider and schema/validate calls, times a few connections in reattach
// mode. gRPC rejects calls beyond the cap (RESOURCE_EXHAUSTED) instead of
// queueing them, so the cap only guards against runaway growth; threads are
// created on demand and idle ones exit, so a high cap costs nothing.
constexpr int kMaxSyncThreads = 1024;
// Attempts to bind a port of the range that a probe found free.
constexpr int kMaxBindAttempts = 8;

std::shared_ptr<grpc::ServerCredentials> Credentials(const std::optional<MutualTls>& tls) {
  if (!tls) return grpc::InsecureServerCredentials();
  grpc::SslServerCredentialsOptions options(
      GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
  options.pem_root_certs = tls->client_cert_pem;
  options.pem_key_cert_pairs.push_back(
      {std::string(tls->identity->key_pem.view()), tls->identity->cert_pem});
  auto credentials = grpc::SslServerCredentials(options);
  // gRPC keeps its own copy (outside our control); this transient one must not linger.
  for (auto& pair : options.pem_key_cert_pairs) secret::WipeString(pair.private_key);
  return credentials;
}

// True when nothing listens on 127.0.0.1:port. SO_REUSEADDR like gRPC's own
// listener, so a port in TIME_WAIT counts as free, as it is for gRPC.
bool PortLooksFree(uint16_t port) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  const int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool free = bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(fd);
  return free;
}

// Where to start in the range: a random point, so that the several providers
// Terraform starts at once do not all race for the first port.
uint32_t RandomOffset(uint32_t count) { return std::random_device{}() % count; }

}  // namespace

PluginServer::PluginServer(std::unique_ptr<grpc::Service> provider_service,
                           std::function<void()> request_stop)
    : provider_service_(std::move(provider_service)),
      controller_(std::move(request_stop)),
      stdio_(idle_streams_),
      broker_(idle_streams_) {}

std::unique_ptr<PluginServer> PluginServer::TryStart(
    uint16_t port, const std::shared_ptr<grpc::ServerCredentials>& credentials,
    std::unique_ptr<grpc::Service> provider_service, const std::function<void()>& request_stop) {
  std::unique_ptr<PluginServer> plugin(new PluginServer(std::move(provider_service), request_stop));

  grpc::ResourceQuota quota("terraform-provider");
  quota.SetMaxThreads(kMaxSyncThreads);
  grpc::ServerBuilder builder;
  builder.SetResourceQuota(quota);
  builder.SetSyncServerOption(grpc::ServerBuilder::NUM_CQS, 1);
  builder.SetSyncServerOption(grpc::ServerBuilder::MIN_POLLERS, 1);
  // Idle threads beyond MAX_POLLERS exit; Terraform's default -parallelism is
  // 10, so keep that many (plus headroom) rather than creating a thread for
  // every burst of reads (measured: 10-caller throughput +30%).
  builder.SetSyncServerOption(grpc::ServerBuilder::MAX_POLLERS, 16);
  // gRPC core sets SO_REUSEPORT by default: a second process could then bind
  // our port and steal Terraform's connections (reference §13 #12).
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  builder.SetMaxReceiveMessageSize(kMaxMessageBytes);
  builder.SetMaxSendMessageSize(kMaxMessageBytes);
  builder.AddListeningPort("127.0.0.1:" + std::to_string(port), credentials, &plugin->port_);
  builder.RegisterService(plugin->provider_service_.get());
  builder.RegisterService(&plugin->controller_);
  builder.RegisterService(&plugin->stdio_);
  builder.RegisterService(&plugin->broker_);

  plugin->server_ = builder.BuildAndStart();
  if (!plugin->server_ || plugin->port_ <= 0) return nullptr;
  if (auto* health = plugin->server_->GetHealthCheckService()) {
    health->SetServingStatus("plugin", true);
  }
  return plugin;
}

std::expected<std::unique_ptr<PluginServer>, std::string> PluginServer::Start(
    const ServerConfig& config, const ServiceFactory& make_provider_service,
    std::function<void()> request_stop) {
  if (config.tls && config.tls->identity == nullptr) {
    return std::unexpected("TLS requested without a server identity");
  }
  // Debian builds abseil without NDEBUG, so every gRPC mutex operation also
  // updates abseil's global lock-order graph (under one global lock): a debug
  // aid that costs the provider throughput on every RPC.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  const auto credentials = Credentials(config.tls);
  grpc::EnableDefaultHealthCheckService(true);
  // One fresh service per attempt: a failed build may have registered the last one.
  auto attempt = [&](uint16_t port) -> std::expected<std::unique_ptr<PluginServer>, std::string> {
    auto service = make_provider_service();
    if (!service) return std::unexpected("no provider service to serve");
    return TryStart(port, credentials, std::move(service), request_stop);
  };
  if (config.ports.AnyPort()) {
    auto server = attempt(0);
    if (!server || *server) return server;
    return std::unexpected("could not listen on 127.0.0.1");
  }
  // go-plugin walks the range; the probe skips busy ports without building a server.
  const uint32_t count = uint32_t{config.ports.max} - config.ports.min + 1;
  const uint32_t start = RandomOffset(count);
  int attempts = 0;
  for (uint32_t i = 0; i < count && attempts < kMaxBindAttempts; ++i) {
    const auto port = static_cast<uint16_t>(config.ports.min + (start + i) % count);
    if (!PortLooksFree(port)) continue;
    ++attempts;
    auto server = attempt(port);
    if (!server || *server) return server;
  }
  return std::unexpected("could not listen on any port of 127.0.0.1:" +
                         std::to_string(config.ports.min) + "-" + std::to_string(config.ports.max));
}

void PluginServer::Shutdown(std::chrono::system_clock::time_point deadline) {
  if (shut_down_ || !server_) return;
  shut_down_ = true;
  idle_streams_.CloseAll();
  server_->Shutdown(deadline);
}

PluginServer::~PluginServer() {
  Shutdown(std::chrono::system_clock::now());
  if (server_) server_->Wait();
}

}  // namespace transport
