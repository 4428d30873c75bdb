// The gRPC server a go-plugin client connects to: the provider service plus
// go-plugin's controller, stdio, broker and health services, listening on
// 127.0.0.1 with AutoMTLS or plaintext (reference §3, §4, §13).
#pragma once

#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server.h>

#include <chrono>
#include <expected>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "transport/goplugin_services.h"
#include "transport/idle_streams.h"
#include "transport/port_range.h"
#include "transport/tls.h"

namespace transport {

// Mutual TLS: our identity, and the client's certificate as the only trust root.
struct MutualTls {
  const ServerIdentity* identity = nullptr;
  std::string client_cert_pem;
};

struct ServerConfig {
  PortRange ports;                // {0,0}: any free port
  std::optional<MutualTls> tls;   // unset: plaintext (no client cert was given)
};

// Builds the provider service. Called once per listen attempt: normally once,
// again only if another process took the chosen port between probe and bind.
using ServiceFactory = std::function<std::unique_ptr<grpc::Service>()>;

class PluginServer {
 public:
  // Listens and starts serving. `request_stop` is called by GRPCController/Shutdown.
  static std::expected<std::unique_ptr<PluginServer>, std::string> Start(
      const ServerConfig& config, const ServiceFactory& make_provider_service,
      std::function<void()> request_stop);

  ~PluginServer();

  int port() const { return port_; }
  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }

  // Ends the idle streams at once, lets other calls finish until `deadline`,
  // then cancels what still runs. Must not be called from a handler.
  void Shutdown(std::chrono::system_clock::time_point deadline);

 private:
  PluginServer(std::unique_ptr<grpc::Service> provider_service, std::function<void()> request_stop);
  // Builds and starts a server on 127.0.0.1:port (0 = any); null if it cannot listen.
  static std::unique_ptr<PluginServer> TryStart(
      uint16_t port, const std::shared_ptr<grpc::ServerCredentials>& credentials,
      std::unique_ptr<grpc::Service> provider_service, const std::function<void()>& request_stop);

  // Declared before server_ so that they outlive it.
  IdleStreams idle_streams_;
  std::unique_ptr<grpc::Service> provider_service_;
  ControllerService controller_;
  StdioService stdio_;
  BrokerService broker_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
  bool shut_down_ = false;
};

}  // namespace transport
