// exec -> handshake line, and handshake -> first GetProviderSchema answer,
// with the provider launched exactly as Terraform launches it.
#include <chrono>
#include <cstdio>
#include <optional>
#include <string>

#include "benches.h"
#include "child_process.h"
#include "client_cert.h"
#include "plugin_controller.h"
#include "plugin_process.h"
#include "proc_status.h"
#include "provider_client.h"

namespace bench {
namespace {

using Clock = std::chrono::steady_clock;

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

harness::Environment TerraformEnvironment(const harness::ClientCertificate& cert) {
  auto env = harness::CleanEnvironment();
  env[harness::kMagicCookieKey] = harness::kMagicCookieValue;
  env["PLUGIN_PROTOCOL_VERSIONS"] = "5,6";
  env["PLUGIN_MIN_PORT"] = "10000";
  env["PLUGIN_MAX_PORT"] = "25000";
  env["PLUGIN_CLIENT_CERT"] = cert.cert_pem;
  return env;
}

}  // namespace

void BenchStartup(const Options& o, Report& report) {
  // One client certificate for every launch: generating it is Terraform's
  // cost, not the provider's, so it stays outside the timed region.
  auto cert = harness::ClientCertificate::Generate();
  auto env = TerraformEnvironment(cert);
  // exec -> first stdout line of one launch, and VmHWM then; nullopt when no line came.
  auto launch = [&](const std::string& binary, double& hwm_mib) -> std::optional<double> {
    auto t0 = Clock::now();
    harness::ChildProcess child({binary}, env);
    auto line = child.FirstStdoutLine(std::chrono::seconds(10));
    auto t1 = Clock::now();
    if (!line) {
      std::fprintf(stderr, "provider-bench: no handshake line from %s: %s\n", binary.c_str(),
                   child.StderrSoFar().c_str());
      return std::nullopt;
    }
    hwm_mib = VmMiB(child.pid(), "VmHWM");
    child.Kill();
    return Ms(t1 - t0);
  };
  // The provider and the floor take turns, each going first every other time,
  // so both see the same machine load and the ratio of their medians compares
  // like with like.
  std::vector<double> exec_ms, hwm, floor_ms, floor_hwm;
  auto launch_floor = [&] {
    double mib = 0;
    if (auto ms = launch(o.floor, mib)) floor_ms.push_back(*ms), floor_hwm.push_back(mib);
  };
  auto launch_provider = [&] {
    double mib = 0;
    if (auto ms = launch(o.provider, mib)) exec_ms.push_back(*ms), hwm.push_back(mib);
  };
  for (int i = 0; i < o.launches; ++i) {
    if (i % 2 == 0) launch_floor(), launch_provider();
    else launch_provider(), launch_floor();
  }
  auto s = Summarize(exec_ms);
  auto floor = Summarize(floor_ms);
  report.Add({"exec_to_handshake_ms", "exec -> handshake line (AutoMTLS)", "ms", s, 0, "<= 5 ms", s.n > 0 && s.median <= 5});
  report.Add({"floor_exec_to_handshake_ms", "startup-floor: exec -> handshake line (same gRPC + TLS set-up)", "ms", floor, 0,
              "", std::nullopt});
  const bool have_ratio = s.n > 0 && floor.n > 0 && floor.median > 0;
  const double ratio = have_ratio ? s.median / floor.median : 0;
  report.Add({"startup_ratio_to_floor", "exec -> handshake, provider median / floor median", "x", std::nullopt, ratio,
              "<= 1.25", have_ratio && ratio <= 1.25});
  report.Add({"vmhwm_at_handshake_mib", "VmHWM at handshake", "MiB", Summarize(hwm), 0, "", std::nullopt});
  report.Add({"floor_vmhwm_at_handshake_mib", "startup-floor: VmHWM at handshake", "MiB", Summarize(floor_hwm), 0, "",
              std::nullopt});

  std::vector<double> first_schema, warm_schema, rss_after_schema;
  for (int i = 0; i < o.schema_launches; ++i) {
    harness::PluginOptions opts;
    opts.binary = o.provider;
    harness::PluginProcess plugin(opts);
    const auto& hs = plugin.Handshake();
    if (!hs) {
      std::fprintf(stderr, "provider-bench: %s\n", hs.error().c_str());
      continue;
    }
    auto t1 = Clock::now();
    auto channel = plugin.Connect();
    auto client = harness::MakeProviderClient(hs->app_version, channel);
    auto schema = client->GetSchema();
    auto t2 = Clock::now();
    if (!schema.ok()) {
      std::fprintf(stderr, "provider-bench: GetProviderSchema: %s\n", schema.status.error_message().c_str());
      continue;
    }
    first_schema.push_back(Ms(t2 - t1));
    for (int k = 0; k < 5; ++k) {
      auto t3 = Clock::now();
      auto again = client->GetSchema();
      if (again.ok()) warm_schema.push_back(Ms(Clock::now() - t3));
    }
    rss_after_schema.push_back(VmMiB(plugin.process().pid(), "VmRSS"));
    harness::ShutdownPlugin(channel);
    plugin.process().WaitExit(std::chrono::seconds(5));
  }
  auto f = Summarize(first_schema);
  report.Add({"handshake_to_first_schema_ms", "handshake -> first GetProviderSchema (incl. mTLS connect)", "ms", f, 0,
              "", std::nullopt});
  auto w = Summarize(warm_schema);
  report.Add({"get_provider_schema_ms", "GetProviderSchema on an open connection", "ms", w, 0, "<= 1 ms",
              w.n > 0 && w.median <= 1});
  report.Add({"vmrss_after_schema_mib", "VmRSS after GetProviderSchema", "MiB", Summarize(rss_after_schema), 0, "",
              std::nullopt});
}

}  // namespace bench
