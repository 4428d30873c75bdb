// ReadDataSource through the provider against the API double, next to the
// same describeImage request made directly with jdcloud::Client, so the
// provider's overhead is the difference. The provider caches successful
// reads per process, so first reads use images created for the run
// (PUT /__double/images) and cached reads are measured separately.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <thread>

#include "api_double_process.h"
#include "benches.h"
#include "build_paths.h"
#include "config_object.h"
#include "cty/codec.h"
#include "jdcloud/client.h"
#include "plugin_controller.h"
#include "plugin_process.h"
#include "proc_status.h"
#include "provider_client.h"

namespace bench {
namespace {

using Clock = std::chrono::steady_clock;
double Us(Clock::duration d) { return std::chrono::duration<double, std::micro>(d).count(); }

constexpr const char* kTemplateId = "img-m5s0f7ss4c";
constexpr const char* kRegion = "cn-north-1";

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  for (size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size()) s.replace(pos, from.size(), to);
  return s;
}

std::string BenchId(int i) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "img-bench%08d", i);
  return buf;
}

jdcloud::ClientOptions DoubleOptions(const std::string& endpoint) {
  jdcloud::ClientOptions options;
  options.endpoint = endpoint;
  return options;
}

std::string EncodedConfig(const cty::Type& image_type, const std::string& id) {
  return cty::EncodeMsgpack(harness::ConfigObject(image_type, {{"image_id", cty::Value::String(id)}}), image_type);
}

bool ReadOk(const harness::ReadOutcome& r) { return r.ok() && !harness::HasError(r.diagnostics) && r.state; }

// Runs `total` calls of `call(i)` over `threads` callers; returns calls/s.
template <typename F>
double Throughput(int threads, int total, F call, std::atomic<int>& failures) {
  std::atomic<int> next{0};
  auto t0 = Clock::now();
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&] {
      for (int i; (i = next.fetch_add(1)) < total;) {
        if (!call(i)) failures.fetch_add(1);
      }
    });
  }
  for (auto& t : pool) t.join();
  return total / std::chrono::duration<double>(Clock::now() - t0).count();
}

}  // namespace

void BenchReads(const Options& o, Report& report) {
  harness::ApiDoubleProcess api;
  if (!api.error().empty()) {
    std::fprintf(stderr, "provider-bench: API double: %s\n", api.error().c_str());
    return;
  }
  const int concurrent_first = 1000;
  const int images = o.first_reads + concurrent_first;
  std::string fixture = ReadFile(harness::FixturesDir() + "/images/" + kTemplateId + ".json");
  for (int i = 0; i < images; ++i) {
    auto put = api.PutImage(BenchId(i), Replace(fixture, kTemplateId, BenchId(i)));
    if (!put) {
      std::fprintf(stderr, "provider-bench: PUT image: %s\n", put.error().c_str());
      return;
    }
  }

  harness::PluginOptions opts;
  opts.binary = o.provider;
  opts.extra_env = {{"JDCLOUD_ACCESS_KEY", harness::kDoubleAccessKey},
                    {"JDCLOUD_SECRET_KEY", harness::kDoubleSecretKey}};
  harness::PluginProcess plugin(opts);
  const auto& hs = plugin.Handshake();
  if (!hs) {
    std::fprintf(stderr, "provider-bench: %s\n", hs.error().c_str());
    return;
  }
  auto channel = plugin.Connect();
  auto client = harness::MakeProviderClient(hs->app_version, channel);
  if (!client->GetSchema().ok()) return;
  auto provider_type = *client->ProviderConfigType();
  auto image_type = *client->DataSourceType("jdcloud_image");
  auto configured = client->ConfigureProvider(
      harness::ConfigObject(provider_type, {{"endpoint", cty::Value::String(api.base_url())},
                                            {"region", cty::Value::String(kRegion)}}),
      "1.11.4");
  if (!configured.ok() || harness::HasError(configured.diagnostics)) {
    std::fprintf(stderr, "provider-bench: ConfigureProvider failed: %s\n",
                 harness::Describe(configured.diagnostics).c_str());
    return;
  }
  // Terraform encodes each data block's config once: so does the benchmark,
  // before timing, so the samples hold the provider's time and not ours.
  std::vector<std::string> configs;
  for (int i = 0; i < images; ++i) configs.push_back(EncodedConfig(image_type, BenchId(i)));
  const std::string template_config = EncodedConfig(image_type, kTemplateId);
  auto read_config = [&](const std::string& msgpack) { return client->ReadDataSourceRaw("jdcloud_image", msgpack); };
  auto read = [&](int i) { return read_config(configs[static_cast<size_t>(i)]); };

  // The floor under every read: one unary RPC over the same mTLS connection
  // that does no work (GetMetadata answers from constants).
  std::vector<double> floor_us;
  for (int i = 0; i < o.cached_reads / 4; ++i) {
    auto t0 = Clock::now();
    auto status = client->GetMetadata(nullptr, nullptr);
    auto t1 = Clock::now();
    if (status.ok()) floor_us.push_back(Us(t1 - t0));
  }
  report.Add({"rpc_floor_us", "gRPC mTLS round trip, no work (GetMetadata)", "us", Summarize(floor_us), 0, "",
              std::nullopt});

  auto direct = jdcloud::Client::Create(DoubleOptions(api.base_url()),
                                        {harness::kDoubleAccessKey, harness::kDoubleSecretKey});
  if (!direct) return;
  jdcloud::Cancellation cancel;
  // Warm both connections so neither side pays a TCP connect in the samples.
  (void)(*direct)->DescribeImage(kRegion, kTemplateId, cancel);
  (void)read_config(template_config);

  // First reads, interleaved with the same request made directly.
  std::vector<double> provider_us, double_us;
  int failures = 0;
  for (int i = 0; i < o.first_reads; ++i) {
    auto r = read(i);
    auto t1 = Clock::now();
    auto d = (*direct)->DescribeImage(kRegion, BenchId(i), cancel);
    auto t2 = Clock::now();
    if (!ReadOk(r) || !d) { ++failures; continue; }
    provider_us.push_back(Us(r.rpc_time));
    double_us.push_back(Us(t2 - t1));
  }
  auto p = Summarize(provider_us);
  auto d = Summarize(double_us);
  report.Add({"read_first_us", "ReadDataSource, first read of an image", "us", p, 0, "", std::nullopt});
  report.Add({"double_direct_us", "same describeImage via jdcloud::Client directly", "us", d, 0, "", std::nullopt});
  double overhead = p.median - d.median;
  report.Add({"read_overhead_us", "provider overhead (median difference)", "us", std::nullopt, overhead, "<= 150 us",
              p.n > 0 && d.n > 0 && overhead <= 150});

  std::vector<double> cached_us;
  for (int i = 0; i < o.cached_reads; ++i) {
    auto r = read(o.first_reads - 1);  // the latest image read: cached
    if (!ReadOk(r)) { ++failures; continue; }
    cached_us.push_back(Us(r.rpc_time));
  }
  report.Add({"read_cached_us", "ReadDataSource, cached image", "us", Summarize(cached_us), 0, "", std::nullopt});

  std::atomic<int> concurrent_failures{0};
  // The provider keeps its latest 128 reads: the cached phase cycles over the
  // last 100 images read, so every one of its reads is a cache hit.
  const int hot = std::min(o.first_reads, 100);
  double cached_rps = Throughput(10, o.concurrent_reads,
                                 [&](int i) { return ReadOk(read(o.first_reads - hot + i % hot)); },
                                 concurrent_failures);
  report.Add({"reads_per_s_cached_10", "reads/s, 10 callers, cached images", "reads/s", std::nullopt, cached_rps,
              ">= 5000", cached_rps >= 5000});
  double first_rps = Throughput(10, concurrent_first,
                                [&](int i) { return ReadOk(read(o.first_reads + i)); }, concurrent_failures);
  report.Add({"reads_per_s_first_10", "reads/s, 10 callers, first reads (API call each)", "reads/s", std::nullopt,
              first_rps, ">= 5000", first_rps >= 5000});
  failures += concurrent_failures.load();

  int total_reads = 1 + o.first_reads + o.cached_reads + o.concurrent_reads + concurrent_first;
  double hwm = VmMiB(plugin.process().pid(), "VmHWM");
  report.Add({"vmhwm_after_reads_mib", "provider VmHWM after " + std::to_string(total_reads) + " reads", "MiB",
              std::nullopt, hwm, "<= 20 MiB", hwm <= 20});
  // VmRSS counts the pages of the binary and shared libraries mapped from the
  // page cache too; RssAnon is the provider's own (heap, stacks) memory.
  const pid_t pid = plugin.process().pid();
  report.Add({"rss_anon_after_reads_mib", "  of which private memory now (RssAnon)", "MiB", std::nullopt,
              VmMiB(pid, "RssAnon"), "", std::nullopt});
  report.Add({"rss_file_after_reads_mib", "  and mapped program files now (RssFile)", "MiB", std::nullopt,
              VmMiB(pid, "RssFile"), "", std::nullopt});
  auto stats = api.Stats();
  if (stats) {
    // One call per distinct image (+1 warm-up of the template, +the direct client's calls).
    uint64_t provider_calls = stats->total - static_cast<uint64_t>(o.first_reads) - 1;
    report.Add({"api_calls_by_provider", "API calls by the provider for " + std::to_string(images + 1) +
                " distinct images", "calls", std::nullopt, static_cast<double>(provider_calls),
                "== distinct images", provider_calls == static_cast<uint64_t>(images + 1)});
  }
  report.Add({"read_failures", "failed reads (must be 0)", "count", std::nullopt, static_cast<double>(failures), "0",
              failures == 0});
  harness::ShutdownPlugin(channel);
  plugin.process().WaitExit(std::chrono::seconds(5));
}

void BenchClient(const Options& o, Report& report) {
  harness::ApiDoubleProcess api;
  if (!api.error().empty()) return;
  auto direct = jdcloud::Client::Create(DoubleOptions(api.base_url()),
                                        {harness::kDoubleAccessKey, harness::kDoubleSecretKey});
  if (!direct) return;
  jdcloud::Cancellation cancel;
  (void)(*direct)->DescribeImage(kRegion, kTemplateId, cancel);
  std::vector<double> us;
  int failures = 0;
  for (int i = 0; i < o.client_calls; ++i) {
    auto t0 = Clock::now();
    auto r = (*direct)->DescribeImage(kRegion, kTemplateId, cancel);
    auto t1 = Clock::now();
    if (!r) { ++failures; continue; }
    us.push_back(Us(t1 - t0));
  }
  report.Add({"client_describe_us", "jdcloud::Client DescribeImage, keep-alive, sequential", "us", Summarize(us), 0, "",
              std::nullopt});
  std::atomic<int> thread_failures{0};
  double rps = Throughput(10, o.client_calls * 2,
                          [&](int) { return (*direct)->DescribeImage(kRegion, kTemplateId, cancel).has_value(); },
                          thread_failures);
  report.Add({"client_calls_per_s_10", "jdcloud::Client calls/s, 10 threads", "calls/s", std::nullopt, rps, "",
              std::nullopt});
  auto stats = api.Stats();
  if (stats) {
    report.Note("client_connections", std::to_string(stats->total) + " requests over keep-alive; failures: " +
                                          std::to_string(failures + thread_failures.load()));
  }
}

}  // namespace bench
