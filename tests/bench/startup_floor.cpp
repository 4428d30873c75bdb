// startup-floor: the floor under the provider's exec -> handshake time
// (reference: ../shared/reference/startup-floor.md). It does what any C++ gRPC
// provider must do before its handshake line, with the provider's own build and
// link settings and the same AutoMTLS set-up, and nothing more: a P-256 server
// identity (transport::GenerateServerIdentity, as the provider), gRPC SSL server
// credentials that require the client certificate from PLUGIN_CLIENT_CERT, a
// gRPC server listening on 127.0.0.1 with go-plugin's health and (empty)
// controller services (a gRPC server with no synchronous service does not
// start), and the go-plugin handshake line. No provider, no logging. What the
// provider does to start cheaply is done here too (transport/server.cpp and
// main.cpp say why): abseil's deadlock detection off, one completion queue
// with one poller to start with, at most two malloc arenas. provider-bench reports the provider's
// exec -> handshake as a ratio to this program's, measured in the same run.
#include <malloc.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include <absl/synchronization/mutex.h>
#include <grpcpp/grpcpp.h>
#include <grpcpp/security/server_credentials.h>

#include "grpc_controller.grpc.pb.h"
#include "transport/tls.h"

int main() {
  mallopt(M_ARENA_MAX, 2);
  const char* client_cert = std::getenv("PLUGIN_CLIENT_CERT");
  if (client_cert == nullptr) {
    std::fputs("startup-floor: PLUGIN_CLIENT_CERT is not set\n", stderr);
    return 1;
  }
  auto identity = transport::GenerateServerIdentity();
  if (!identity) {
    std::fprintf(stderr, "startup-floor: %s\n", identity.error().c_str());
    return 1;
  }
  grpc::SslServerCredentialsOptions options(GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
  options.pem_root_certs = client_cert;
  options.pem_key_cert_pairs.push_back({std::string(identity->key_pem.view()), identity->cert_pem});
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  grpc::EnableDefaultHealthCheckService(true);
  int port = 0;
  plugin::GRPCController::Service controller;
  grpc::ServerBuilder builder;
  builder.SetSyncServerOption(grpc::ServerBuilder::NUM_CQS, 1);
  builder.SetSyncServerOption(grpc::ServerBuilder::MIN_POLLERS, 1);
  builder.SetSyncServerOption(grpc::ServerBuilder::MAX_POLLERS, 16);
  builder.AddListeningPort("127.0.0.1:0", grpc::SslServerCredentials(options), &port);
  builder.RegisterService(&controller);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (!server || port <= 0) {
    std::fputs("startup-floor: could not listen on 127.0.0.1\n", stderr);
    return 1;
  }
  server->GetHealthCheckService()->SetServingStatus("plugin", true);
  std::printf("1|6|tcp|127.0.0.1:%d|grpc|%s\n", port, identity->cert_base64.c_str());
  std::fflush(stdout);
  server->Wait();  // until killed, as a provider waits for Terraform
}
