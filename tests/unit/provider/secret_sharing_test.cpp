// The secret key is decoded once into a secret::Secret, and every copy of the
// config — and the client built from it — shares that one region.
#include <catch2/catch.hpp>

#include "provider/configured_state.h"
#include "provider/provider_config.h"
#include "fake_client.h"
#include "test_values.h"

using cty::Value;
using provider_test::Env;
using provider_test::ProviderConfigValue;

TEST_CASE("copies of a provider config share one secret region") {
  auto decoded = provider::DecodeProviderConfig(
      ProviderConfigValue({{"access_key", Value::String("AK")}, {"secret_key", Value::String("SK-shared-1")}}),
      Env());
  REQUIRE(decoded.diagnostics.empty());
  const provider::ProviderConfig copy = decoded.config;
  provider::ProviderConfig assigned;
  assigned = copy;
  const auto& original = decoded.config.settings.secret_key;
  CHECK(original == "SK-shared-1");
  CHECK(copy.settings.secret_key.view().data() == original.view().data());
  CHECK(assigned.settings.secret_key.view().data() == original.view().data());
  CHECK(copy.settings.secret_key.SharesRegionWith(original));
}

TEST_CASE("a secret key from the environment is decoded into a Secret too") {
  auto decoded = provider::DecodeProviderConfig(ProviderConfigValue({{"access_key", Value::String("AK")}}),
                                                Env({{"JDCLOUD_SECRET_KEY", "SK-env-shared"}}));
  REQUIRE(decoded.diagnostics.empty());
  CHECK(decoded.config.settings.secret_key == "SK-env-shared");
  const provider::ProviderConfig copy = decoded.config;
  CHECK(copy.settings.secret_key.SharesRegionWith(decoded.config.settings.secret_key));
}

TEST_CASE("the client is built with the config's secret region, not a copy") {
  provider_test::FakeApi api;
  auto outcome = provider::Configure(
      ProviderConfigValue({{"access_key", Value::String("AK")}, {"secret_key", Value::String("SK-to-client")}}),
      "1.11.4", Env(), api.Factory());
  REQUIRE(outcome.state->client);
  const secret::Secret& configured = outcome.state->config.settings.secret_key;
  CHECK(configured == "SK-to-client");
  CHECK(api.last_credentials().secret_key.view().data() == configured.view().data());
}
