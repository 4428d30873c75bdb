#include "transport/serve.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <thread>

#include "log/log.h"
#include "secret/secret.h"
#include "transport/grpc_log_bridge.h"
#include "transport/handshake.h"
#include "transport/lifecycle.h"
#include "transport/port_range.h"
#include "transport/reattach.h"
#include "transport/server.h"
#include "transport/stdout_channel.h"
#include "transport/tls.h"

namespace transport {
namespace {

// go-plugin's client waits 2 s for the process to exit after Shutdown, then
// SIGKILLs it. on_stop has cancelled provider work, so calls end within the
// grace period; it also bounds the wait for clients that keep their connection
// open. The watchdog covers anything that would still hang (a stuck handler).
constexpr auto kShutdownGrace = std::chrono::milliseconds(500);
constexpr auto kExitWatchdog = std::chrono::milliseconds(1800);

int Fail(const std::string& message) {
  // Written even when logging is off: the process exits before the handshake,
  // and this line is the only clue for Terraform's log or a person.
  if (logging::Enabled(logging::Level::Error)) {
    logging::Error("plugin could not start", {{"error", message}});
  } else {
    std::fprintf(stderr, "[ERROR] plugin could not start: %s\n", message.c_str());
  }
  return 1;
}

const char* EnvOrEmpty(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
}

void StartExitWatchdog() {
  std::thread([] {
    std::this_thread::sleep_for(kExitWatchdog);
    logging::Warn("shutdown did not finish in time; exiting");
    secret::WipeAll();  // _Exit runs no destructors
    std::_Exit(0);
  }).detach();
}

// A fresh identity when the client sent its certificate (AutoMTLS), none for plaintext.
std::expected<std::optional<ServerIdentity>, std::string> IdentityFor(const std::string& client_cert) {
  if (client_cert.empty()) return std::nullopt;
  auto identity = GenerateServerIdentity();
  if (!identity) return std::unexpected(identity.error());
  return std::move(*identity);
}

// Serves until told to stop, then stops the server within the grace period.
void ServeUntilStopped(const Lifecycle& lifecycle, std::unique_ptr<PluginServer> server,
                       const ServeOptions& options) {
  const StopReason reason = lifecycle.WaitForStop();
  logging::Info("plugin stopping", {{"reason", StopReasonName(reason)}});
  StartExitWatchdog();
  if (options.on_stop) options.on_stop();
  server->Shutdown(std::chrono::system_clock::now() + kShutdownGrace);
  server.reset();
  // Every stop (Shutdown, SIGTERM, the parent's death, SIGINT in debug mode)
  // ends here. The provider's secrets would be wiped by their destructors
  // once main returns, but a detached thread or a cache may still hold a copy:
  // wipe them all now, explicitly, before the process exits.
  secret::WipeAll();
  logging::Debug("plugin stopped");
}

// Debug mode: plaintext on any free port, protocol 6, nobody to hand-shake with.
int ServeDebug(const ServeOptions& options, const ProviderServiceFactory& make_provider_service) {
  auto lifecycle = Lifecycle::Install(/*watch_parent=*/false, /*stop_on_interrupt=*/true);
  if (!lifecycle) return Fail(lifecycle.error());
  RouteGrpcLogsToHclog();

  const int version = kHighestProtocolVersion;
  auto server = PluginServer::Start(
      ServerConfig{PortRange{}, std::nullopt}, [&] { return make_provider_service(version); },
      [&lifecycle] { lifecycle->RequestStop(); });
  if (!server) return Fail(server.error());

  const std::string address = (*server)->address();
  const std::string text =
      FormatReattachInstructions(options.provider_address, version, static_cast<long>(getpid()), address);
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fflush(stdout);
  logging::Info("plugin serving in debug mode", {{"address", address},
                                                 {"protocol_version", std::to_string(version)}});
  ServeUntilStopped(*lifecycle, std::move(*server), options);
  return 0;
}

}  // namespace

int Serve(const ServeOptions& options, const ProviderServiceFactory& make_provider_service) {
  if (options.debug) return ServeDebug(options, make_provider_service);
  auto lifecycle = Lifecycle::Install(/*watch_parent=*/true);
  if (!lifecycle) return Fail(lifecycle.error());
  auto out = StdoutChannel::TakeOver();
  if (!out) return Fail(out.error());
  RouteGrpcLogsToHclog();

  const int version = NegotiateProtocolVersion(EnvOrEmpty("PLUGIN_PROTOCOL_VERSIONS"));
  auto ports = PortRangeFromEnvironment();
  if (!ports) return Fail(ports.error());
  const std::string client_cert = EnvOrEmpty("PLUGIN_CLIENT_CERT");
  auto identity = IdentityFor(client_cert);
  if (!identity) return Fail(identity.error());

  ServerConfig config{*ports, std::nullopt};
  if (*identity) config.tls = MutualTls{&**identity, client_cert};
  auto server = PluginServer::Start(
      config, [&] { return make_provider_service(version); },
      [&lifecycle] { lifecycle->RequestStop(); });
  if (!server) {
    // Checked only now: parsing it up front would cost start-up time on every
    // launch, and gRPC rejects a bad one when it builds the TLS context.
    if (auto ok = CheckCertificatePem(client_cert); !client_cert.empty() && !ok) {
      return Fail(ok.error());
    }
    return Fail(server.error());
  }
  const std::string cert_base64 = *identity ? (*identity)->cert_base64 : "";
  config.tls.reset();
  identity->reset();  // gRPC holds the key now; wipe ours

  const std::string address = (*server)->address();
  if (auto written = out->Write(FormatHandshakeLine(version, address, cert_base64)); !written) {
    return Fail(written.error());
  }
  logging::Info("plugin serving", {{"address", address},
                                   {"protocol_version", std::to_string(version)},
                                   {"tls", cert_base64.empty() ? "false" : "true"}});
  ServeUntilStopped(*lifecycle, std::move(*server), options);
  return 0;
}

}  // namespace transport
