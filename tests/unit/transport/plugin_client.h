// The client side of a go-plugin connection, as Terraform's go-plugin does it:
// parse the handshake line, trust only the certificate it carries (for
// "localhost"), present a client certificate, call the go-plugin services.
#pragma once

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "transport/tls.h"

namespace transport_test {

struct HandshakeFields {
  std::vector<std::string> fields;
  int port = 0;
};

// Splits the line on '|' and extracts the port of a "127.0.0.1:PORT" address.
HandshakeFields SplitHandshake(const std::string& line);

// Standard base64 without padding -> bytes (padding is added back here).
std::optional<std::string> DecodeBase64NoPadding(const std::string& text);
// The handshake cert field as a PEM certificate (empty if it does not parse).
std::string CertPemFromHandshake(const std::string& base64_der);

// `server_cert_pem` empty = plaintext. `client` null = no client certificate.
std::shared_ptr<grpc::Channel> Connect(int port, const std::string& server_cert_pem,
                                       const transport::ServerIdentity* client);

struct SleepResult {
  grpc::Status status;
  std::string protocol_version;  // from trailing metadata
};
SleepResult CallSleep(const std::shared_ptr<grpc::Channel>& channel, int sleep_ms,
                      bool ignore_stop = false,
                      std::chrono::milliseconds deadline = std::chrono::seconds(10));

// grpc.health.v1.Health/Check: the ServingStatus number, or nullopt on RPC failure.
std::optional<int> HealthCheck(const std::shared_ptr<grpc::Channel>& channel,
                               const std::string& service);

grpc::Status CallShutdown(const std::shared_ptr<grpc::Channel>& channel);

}  // namespace transport_test
