// Serve: run this process as a go-plugin gRPC plugin, the way Terraform and
// OpenTofu start providers. Knows nothing of tfplugin or the provider: the
// caller supplies the provider service for the negotiated protocol version.
//
// Sequence: lifecycle (signals, parent death) -> take over stdout -> negotiate
// the version -> TLS identity when PLUGIN_CLIENT_CERT is set -> listen on
// 127.0.0.1 -> print the handshake line -> wait for Shutdown/SIGTERM/parent
// death -> stop the server within ~1 s -> return. The caller checks the magic
// cookie first.
//
// Debug/reattach mode (ServeOptions::debug) differs only in the steps: no
// cookie, no parent watch, SIGINT stops, plaintext, protocol 6, stdout left
// alone, and TF_REATTACH_PROVIDERS instructions for a person instead of the handshake.
#pragma once

#include <grpcpp/impl/service_type.h>

#include <functional>
#include <memory>
#include <string>

namespace transport {

// Returns the tfplugin service for `protocol_version` (5 or 6), or null on failure.
using ProviderServiceFactory = std::function<std::unique_ptr<grpc::Service>(int protocol_version)>;

struct ServeOptions {
  // Called once when the process is told to stop, before the server shuts
  // down, so that in-flight work can be cancelled and calls end promptly.
  std::function<void()> on_stop;

  // Reattach mode for a person with a debugger (reference §12): serve until
  // SIGINT/SIGTERM and print the TF_REATTACH_PROVIDERS value keyed by
  // `provider_address` (e.g. "terraform.local/jdcloud/jdcloud") on stdout.
  bool debug = false;
  std::string provider_address;
};

// Must be called before any thread is started (see lifecycle.h). Returns the
// process exit code: 0 after a clean stop, 1 when serving could not start
// (the reason is written to stderr).
int Serve(const ServeOptions& options, const ProviderServiceFactory& make_provider_service);

}  // namespace transport
