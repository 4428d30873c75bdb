// A search next to a lookup in the same run: each sample is a fresh provider
// (searches and lookups are cached per process) against the API double
// serving the generated catalog, timing the first jdcloud_images read of
// every public image (238 images, 3 pages), the first jdcloud_image lookup
// of one of them, and the same search made directly with jdcloud::Client
// (keep-alive) -- so the search's cost is a ratio to the lookup's, and the
// provider's share of it is the difference to the direct search.
#include <cstdio>

#include "api_double_process.h"
#include "benches.h"
#include "build_paths.h"
#include "config_object.h"
#include "jdcloud/client.h"
#include "plugin_process.h"
#include "provider_client.h"

namespace bench {
namespace {

using Clock = std::chrono::steady_clock;
double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

constexpr const char* kRegion = "cn-north-1";

struct Sample {
  double search_ms = 0;
  double lookup_ms = 0;
  std::size_t images = 0;
};

// One provider process: configure, one search, one lookup of the search's first image.
std::optional<Sample> MeasureOnce(const Options& o, const harness::ApiDoubleProcess& api) {
  harness::PluginOptions opts;
  opts.binary = o.provider;
  opts.extra_env = {{"JDCLOUD_ACCESS_KEY", harness::kDoubleAccessKey},
                    {"JDCLOUD_SECRET_KEY", harness::kDoubleSecretKey}};
  harness::PluginProcess plugin(opts);
  const auto& hs = plugin.Handshake();
  if (!hs) return std::nullopt;
  auto client = harness::MakeProviderClient(hs->app_version, plugin.Connect());
  if (!client->GetSchema().ok()) return std::nullopt;
  const cty::Type provider_type = *client->ProviderConfigType();
  const cty::Type images_type = *client->DataSourceType("jdcloud_images");
  const cty::Type image_type = *client->DataSourceType("jdcloud_image");
  auto configured = client->ConfigureProvider(
      harness::ConfigObject(provider_type, {{"endpoint", cty::Value::String(api.base_url())},
                                            {"region", cty::Value::String(kRegion)}}),
      "1.11.4");
  if (!configured.ok() || harness::HasError(configured.diagnostics)) return std::nullopt;
  const cty::Value filter =
      harness::ConfigObject(images_type.attributes().at("filter"), {{"image_source", cty::Value::String("public")}});
  auto search = client->ReadDataSource("jdcloud_images", harness::ConfigObject(images_type, {{"filter", filter}}));
  if (!search.ok() || !search.state || harness::HasError(search.diagnostics)) return std::nullopt;
  const auto& ids = search.state->GetAttr("ids").elements();
  if (ids.empty()) return std::nullopt;
  auto lookup = client->ReadDataSource("jdcloud_image", harness::ConfigObject(image_type, {{"image_id", ids.front()}}));
  if (!lookup.ok() || !lookup.state) return std::nullopt;
  return Sample{Ms(search.rpc_time), Ms(lookup.rpc_time), ids.size()};
}

}  // namespace

void BenchSearch(const Options& o, Report& report) {
  harness::ApiDoubleProcess api({"--fixtures", harness::FixturesDir() + "/catalog"});
  if (!api.error().empty()) {
    std::fprintf(stderr, "provider-bench: API double: %s\n", api.error().c_str());
    return;
  }
  auto direct = jdcloud::Client::Create(jdcloud::ClientOptions{.endpoint = api.base_url()},
                                        {harness::kDoubleAccessKey, harness::kDoubleSecretKey});
  if (!direct) return;
  jdcloud::ImageSearch public_images;
  public_images.image_source = "public";
  jdcloud::Cancellation cancel;
  (void)(*direct)->DescribeImages(kRegion, public_images, cancel);  // warm the connection

  std::vector<double> search_ms, lookup_ms, direct_ms;
  std::size_t images = 0;
  int calls = 0;
  for (int i = 0; i < o.searches; ++i) {
    auto sample = MeasureOnce(o, api);
    auto t0 = Clock::now();
    auto answer = (*direct)->DescribeImages(kRegion, public_images, cancel);
    auto t1 = Clock::now();
    if (!sample || !answer) continue;
    search_ms.push_back(sample->search_ms);
    lookup_ms.push_back(sample->lookup_ms);
    direct_ms.push_back(Ms(t1 - t0));
    images = sample->images;
    calls = answer->calls;
  }
  const Summary s = Summarize(search_ms), l = Summarize(lookup_ms), d = Summarize(direct_ms);
  report.Add({"search_first_ms", "jdcloud_images first read, " + std::to_string(images) + " images in " +
                                     std::to_string(calls) + " pages", "ms", s, 0, "", std::nullopt});
  report.Add({"lookup_first_ms", "jdcloud_image first read (same process, after the search)", "ms", l, 0, "",
              std::nullopt});
  report.Add({"search_direct_ms", "the same search via jdcloud::Client directly", "ms", d, 0, "", std::nullopt});
  report.Add({"search_to_lookup_ratio", "search / lookup (medians)", "x", std::nullopt,
              l.median > 0 ? s.median / l.median : 0, "", std::nullopt});
  report.Add({"search_overhead_ms", "provider overhead of the search (median difference)", "ms", std::nullopt,
              s.median - d.median, "", std::nullopt});
}

}  // namespace bench
