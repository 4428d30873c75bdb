// Set-up for ReadDataSource tests: the API double plus a provider launched
// with the double's credentials in its environment (as a user exports them),
// configured like Terraform configures it.
#pragma once

#include <memory>
#include <optional>

#include "api_double_process.h"
#include "config_object.h"
#include "fixture_compare.h"
#include "test_support.h"

namespace harness {

struct ReadRig {
  std::unique_ptr<ApiDoubleProcess> api;
  RunningPlugin plugin;
  cty::Type provider_type;
  cty::Type image_type;

  // ConfigureProvider with endpoint = the double, region cn-north-1, then
  // `overrides` (a null Value unsets an attribute).
  RpcOutcome Configure(std::map<std::string, cty::Value> overrides = {}) {
    std::map<std::string, cty::Value> set = {{"endpoint", cty::Value::String(api->base_url())},
                                             {"region", cty::Value::String("cn-north-1")}};
    for (auto& [k, v] : overrides) set[k] = v;
    return plugin.client->ConfigureProvider(ConfigObject(provider_type, set), "1.11.4");
  }

  ReadOutcome Read(const std::string& image_id, std::optional<std::string> region = std::nullopt,
                   CallOptions opts = {}) {
    std::map<std::string, cty::Value> set = {{"image_id", cty::Value::String(image_id)}};
    if (region) set["region"] = cty::Value::String(*region);
    return plugin.client->ReadDataSource("jdcloud_image", ConfigObject(image_type, set), false, opts);
  }

  DoubleStats Stats() {
    auto s = api->Stats();
    REQUIRE(s.has_value());
    return *s;
  }
};

inline Environment DoubleCredentials() {
  return {{"JDCLOUD_ACCESS_KEY", kDoubleAccessKey}, {"JDCLOUD_SECRET_KEY", kDoubleSecretKey}};
}

inline ReadRig StartRig(const std::string& versions, Environment env = DoubleCredentials(),
                        std::vector<std::string> double_args = {}) {
  ReadRig rig;
  rig.api = std::make_unique<ApiDoubleProcess>(std::move(double_args));
  INFO(rig.api->error());
  REQUIRE(rig.api->error().empty());
  auto options = DefaultOptions(versions);
  options.extra_env = std::move(env);
  rig.plugin = Launch(options);
  auto schema = rig.plugin.client->GetSchema();
  REQUIRE(schema.ok());
  rig.provider_type = *rig.plugin.client->ProviderConfigType();
  rig.image_type = *rig.plugin.client->DataSourceType("jdcloud_image");
  return rig;
}

// A successful read of `fixture` through `rig`, compared attribute by attribute.
inline void CheckReadMatchesFixture(ReadRig& rig, const Fixture& fixture) {
  auto r = rig.Read(fixture.image_id, fixture.region);
  INFO("image " << fixture.image_id << " in " << fixture.region);
  INFO(r.status.error_message());
  REQUIRE(r.ok());
  INFO(Describe(r.diagnostics));
  REQUIRE_FALSE(HasError(r.diagnostics));
  INFO(r.state_error);
  REQUIRE(r.state.has_value());
  CHECK(r.state->IsWhollyKnown());
  auto diffs = CompareImageState(fixture.image(), *r.state);
  INFO(Catch::Detail::stringify(diffs));
  CHECK(diffs.empty());
  CHECK(r.state->GetAttr("image_id") == cty::Value::String(fixture.image_id));
  CHECK(r.state->GetAttr("region") == cty::Value::String(fixture.region));
}

// The read failed with exactly one error diagnostic and no state.
inline Diag RequireOneError(const ReadOutcome& r) {
  INFO(r.status.error_message());
  REQUIRE(r.ok());
  INFO(Describe(r.diagnostics));
  REQUIRE(r.diagnostics.size() == 1);
  REQUIRE(r.diagnostics[0].severity == Diag::Severity::Error);
  CHECK_FALSE(r.state.has_value());
  CHECK_FALSE(r.state_sent);
  CHECK(r.diagnostics[0].summary.find('\n') == std::string::npos);
  return r.diagnostics[0];
}

inline Fixture RequireFixture(const std::string& id) {
  auto f = LoadFixture(FixturesDir() + "/images/" + id + ".json");
  INFO((f ? "" : f.error()));
  REQUIRE(f.has_value());
  return std::move(*f);
}

}  // namespace harness
