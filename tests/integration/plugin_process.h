// The provider binary launched exactly as Terraform launches it (reference
// §2.1): magic cookie, PLUGIN_PROTOCOL_VERSIONS, port range and a fresh
// go-plugin style client certificate in PLUGIN_CLIENT_CERT. Reads and parses
// the handshake line, keeps draining stdout (anything after the handshake is
// a bug the tests can see) and stderr, and kills the process on destruction.
#pragma once

#include <chrono>
#include <expected>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <grpcpp/grpcpp.h>

#include "child_process.h"
#include "client_cert.h"
#include "handshake_line.h"

namespace harness {

inline constexpr const char* kMagicCookieKey = "TF_PLUGIN_MAGIC_COOKIE";
inline constexpr const char* kMagicCookieValue =
    "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";

struct PluginOptions {
  std::string binary;                                    // path to terraform-provider-jdcloud
  std::optional<std::string> protocol_versions = "5,6";  // nullopt: variable unset
  bool auto_mtls = true;     // false: no PLUGIN_CLIENT_CERT (TF_DISABLE_PLUGIN_TLS)
  bool magic_cookie = true;  // false: cookie variable unset
  Environment extra_env;     // e.g. JDCLOUD_ACCESS_KEY; applied last
  // true: start from CleanEnvironment() (tests); false: pass our whole
  // environment on, as Terraform does (tf-read).
  bool clean_environment = true;
  std::vector<std::string> args;
};

class PluginProcess {
 public:
  explicit PluginProcess(PluginOptions options);

  // The parsed handshake line, read once (waits up to `timeout` the first time).
  const std::expected<HandshakeLine, std::string>& Handshake(
      std::chrono::milliseconds timeout = std::chrono::seconds(30));

  // A channel as Terraform opens it: TLS with the handshake certificate as the
  // only root, our client certificate, server name "localhost", 256 MiB
  // message limits. Plaintext when the handshake printed no certificate.
  std::shared_ptr<grpc::Channel> Connect();
  // The same, presenting a different client certificate.
  std::shared_ptr<grpc::Channel> ConnectPresenting(const ClientCertificate& cert);
  // A plaintext channel to the same address.
  std::shared_ptr<grpc::Channel> ConnectPlaintext();

  const ClientCertificate& client_cert() const { return cert_; }
  ChildProcess& process() { return *process_; }
  std::string Stderr() { return process_->StderrSoFar(); }
  // Whatever appeared on stdout after the handshake line (should be nothing).
  std::string StdoutAfterHandshake();

 private:
  std::shared_ptr<grpc::Channel> MakeChannel(std::shared_ptr<grpc::ChannelCredentials> creds);

  PluginOptions options_;
  ClientCertificate cert_;
  std::unique_ptr<ChildProcess> process_;
  std::optional<std::expected<HandshakeLine, std::string>> handshake_;
};

// The environment Terraform would give the plugin, minus anything from our
// own environment that could change the provider's behaviour (JDCLOUD_*,
// TF_LOG*, PLUGIN_*, the cookie).
Environment CleanEnvironment();

}  // namespace harness
