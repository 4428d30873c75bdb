// Shared set-up for the integration tests: a provider launched as Terraform
// launches it, connected, with a protocol client ready.
#pragma once

#include <catch2/catch.hpp>

#include <memory>
#include <string>

#include "build_paths.h"
#include "plugin_controller.h"
#include "plugin_process.h"
#include "provider_client.h"

namespace harness {

struct RunningPlugin {
  std::unique_ptr<PluginProcess> process;
  std::shared_ptr<grpc::Channel> channel;
  std::unique_ptr<ProviderClient> client;
  int protocol = 0;
};

inline PluginOptions DefaultOptions(std::string versions = "5,6") {
  PluginOptions o;
  o.binary = ProviderBinary();
  o.protocol_versions = std::move(versions);
  return o;
}

// Launches, requires a well-formed handshake, connects. Fails the test (REQUIRE)
// when the plugin does not come up.
inline RunningPlugin Launch(PluginOptions options) {
  RunningPlugin p;
  p.process = std::make_unique<PluginProcess>(std::move(options));
  const auto& hs = p.process->Handshake();
  INFO("stderr: " << p.process->Stderr());
  REQUIRE(hs.has_value());
  p.protocol = hs->app_version;
  p.channel = p.process->Connect();
  p.client = MakeProviderClient(p.protocol, p.channel);
  return p;
}

inline RunningPlugin Launch(std::string versions = "5,6") { return Launch(DefaultOptions(versions)); }

// Shuts the plugin down as Terraform does and checks it exited cleanly with
// nothing on stdout but the handshake line.
inline void ShutdownCleanly(RunningPlugin& p) {
  auto status = ShutdownPlugin(p.channel);
  CHECK(status.ok());
  auto exit = p.process->process().WaitExit(std::chrono::seconds(5));
  INFO("stderr: " << p.process->Stderr());
  REQUIRE(exit.has_value());
  CHECK(exit->exited);
  CHECK(exit->code == 0);
  p.process->process().WaitForOutputClosed(std::chrono::seconds(2));
  CHECK(p.process->StdoutAfterHandshake() == "");
}

}  // namespace harness
