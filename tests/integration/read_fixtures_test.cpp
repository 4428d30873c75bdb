// ReadDataSource of every fixture the API double serves, in both protocols,
// compared attribute by attribute with the fixture JSON (SPEC mapping).
#include <algorithm>
#include <cctype>

#include "build_paths.h"
#include "read_support.h"

using namespace harness;

namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

std::vector<Fixture> AllFixtures() {
  std::vector<Fixture> out;
  for (const auto& id : FixtureImageIds(FixturesDir())) out.push_back(RequireFixture(id));
  return out;
}

}  // namespace

TEST_CASE("every fixture reads back exactly, with SPEC's warnings", "[read]") {
  auto versions = GENERATE(std::string("5"), std::string("6"));
  CAPTURE(versions);
  auto fixtures = AllFixtures();
  REQUIRE(fixtures.size() >= 5);
  auto rig = StartRig(versions);
  auto configured = rig.Configure();
  REQUIRE(configured.ok());
  INFO(Describe(configured.diagnostics));
  REQUIRE(configured.diagnostics.empty());

  for (const auto& fixture : fixtures) {
    INFO("fixture " << fixture.image_id);
    CheckReadMatchesFixture(rig, fixture);
    auto r = rig.Read(fixture.image_id, fixture.region);
    REQUIRE(r.ok());
    // Unusable images get exactly one warning naming every reason; others none.
    if (fixture.unusable_reasons.empty()) {
      INFO(Describe(r.diagnostics));
      CHECK(r.diagnostics.empty());
    } else {
      INFO(Describe(r.diagnostics));
      REQUIRE(r.diagnostics.size() == 1);
      CHECK(r.diagnostics[0].severity == Diag::Severity::Warning);
      std::string text = Lower(r.diagnostics[0].summary + " " + r.diagnostics[0].detail);
      for (const auto& reason : fixture.unusable_reasons) {
        INFO("reason " << reason);
        if (reason == "status") {
          CHECK(text.find(Lower(fixture.image()["status"].GetString())) != std::string::npos);
        } else {
          CHECK(text.find(reason) != std::string::npos);
        }
      }
    }
  }

  // One API call per image, however often it was read (success is cached).
  auto stats = rig.Stats();
  CHECK(stats.total == fixtures.size());
  for (const auto& fixture : fixtures) CHECK(stats.ForImage(fixture.image_id) == 1);
  // The User-Agent names the provider, its version and Terraform's version.
  REQUIRE_FALSE(stats.user_agents.empty());
  for (const auto& [agent, count] : stats.user_agents) {
    CHECK_THAT(agent, Catch::Contains(std::string("terraform-provider-jdcloud/") + PROVIDER_VERSION));
    CHECK_THAT(agent, Catch::Contains("1.11.4"));
  }
  ShutdownCleanly(rig.plugin);
}

TEST_CASE("region comes from the data block, else from the provider", "[read]") {
  auto versions = GENERATE(std::string("5"), std::string("6"));
  CAPTURE(versions);
  auto rig = StartRig(versions);

  SECTION("no region in the block: the provider's region, echoed in state") {
    REQUIRE(rig.Configure().diagnostics.empty());
    auto r = rig.Read("img-m5s0f7ss4c");
    INFO(Describe(r.diagnostics));
    REQUIRE(r.state.has_value());
    CHECK(r.state->GetAttr("region") == cty::Value::String("cn-north-1"));
  }

  SECTION("the block's region overrides the provider's") {
    REQUIRE(rig.Configure().diagnostics.empty());
    auto fixture = RequireFixture("img-win2019uefi");
    REQUIRE(fixture.region != "cn-north-1");
    CheckReadMatchesFixture(rig, fixture);
    // Only served in its own region: the provider's region gives "not found".
    auto r = rig.Read("img-win2019uefi");
    CHECK(HasError(r.diagnostics));
  }

  SECTION("the region may come from JDCLOUD_REGION alone") {
    auto env = DoubleCredentials();
    env["JDCLOUD_REGION"] = "cn-north-1";
    env["JDCLOUD_ENDPOINT"] = rig.api->base_url();
    auto options = DefaultOptions(versions);
    options.extra_env = env;
    auto p = Launch(options);
    REQUIRE(p.client->GetSchema().ok());
    auto empty = ConfigObject(*p.client->ProviderConfigType(), {});
    auto c = p.client->ConfigureProvider(empty, "1.11.4");
    INFO(Describe(c.diagnostics));
    REQUIRE_FALSE(HasError(c.diagnostics));
    auto r = p.client->ReadDataSource(
        "jdcloud_image",
        ConfigObject(*p.client->DataSourceType("jdcloud_image"), {{"image_id", cty::Value::String("img-h8ly274zg9")}}));
    INFO(Describe(r.diagnostics));
    REQUIRE(r.state.has_value());
    CHECK(CompareImageState(RequireFixture("img-h8ly274zg9").image(), *r.state).empty());
    CHECK(r.state->GetAttr("region") == cty::Value::String("cn-north-1"));
    ShutdownCleanly(p);
  }

  ShutdownCleanly(rig.plugin);
}

TEST_CASE("configuration values beat environment values", "[read]") {
  auto versions = GENERATE(std::string("5"), std::string("6"));
  CAPTURE(versions);
  // The environment holds a wrong secret and a region the fixture is not in.
  Environment env = {{"JDCLOUD_ACCESS_KEY", kDoubleAccessKey},
                     {"JDCLOUD_SECRET_KEY", "wrong-secret-from-env"},
                     {"JDCLOUD_REGION", "cn-east-2"}};
  auto rig = StartRig(versions, env);
  auto c = rig.Configure({{"secret_key", cty::Value::String(kDoubleSecretKey)}});
  INFO(Describe(c.diagnostics));
  REQUIRE_FALSE(HasError(c.diagnostics));
  auto r = rig.Read("img-m5s0f7ss4c");
  INFO(Describe(r.diagnostics));
  REQUIRE(r.state.has_value());
  CHECK(r.state->GetAttr("region") == cty::Value::String("cn-north-1"));
  CHECK(CompareImageState(RequireFixture("img-m5s0f7ss4c").image(), *r.state).empty());
  ShutdownCleanly(rig.plugin);
}
