// tf-read, the demo's stand-in for Terraform: its JSON is the whole state,
// its failures are Terraform-worded diagnostics and exit status 1.
#include "api_double_process.h"
#include "cty/codec.h"
#include "fixture_compare.h"
#include "image_mapping.h"
#include "read_support.h"

using namespace harness;
using namespace std::chrono_literals;

namespace {

struct TfReadRun {
  ExitStatus exit;
  std::string out, err;
};

TfReadRun RunTfRead(ApiDoubleProcess& api, std::vector<std::string> args, Environment extra = {}) {
  Environment env = CleanEnvironment();
  env["JDCLOUD_ACCESS_KEY"] = kDoubleAccessKey;
  env["JDCLOUD_SECRET_KEY"] = kDoubleSecretKey;
  env["JDCLOUD_REGION"] = "cn-north-1";
  env["JDCLOUD_ENDPOINT"] = api.base_url();
  for (auto& [k, v] : extra) env[k] = v;
  std::vector<std::string> argv{TfReadBinary(), "--provider", ProviderBinary()};
  argv.insert(argv.end(), args.begin(), args.end());
  ChildProcess p(argv, env);
  TfReadRun run;
  auto exit = p.WaitExit(60s);
  REQUIRE(exit.has_value());
  p.WaitForOutputClosed(5s);
  run.exit = *exit;
  run.out = p.StdoutSoFar();
  run.err = p.StderrSoFar();
  return run;
}

}  // namespace

TEST_CASE("tf-read prints the whole state of an image as JSON", "[tf-read]") {
  ApiDoubleProcess api;
  REQUIRE(api.error().empty());
  auto id = GENERATE(std::string("img-m5s0f7ss4c"), std::string("img-unicode001"), std::string("img-win2019uefi"));
  auto fixture = RequireFixture(id);
  auto protocols = GENERATE(std::string("5"), std::string("6"));
  auto run = RunTfRead(api, {"--image-id", id, "--region", fixture.region, "--protocols", protocols});
  INFO("stderr: " << run.err);
  CHECK(run.exit.exited);
  CHECK(run.exit.code == 0);
  auto state = cty::DecodeJson(run.out, ImageStateType());
  INFO("stdout: " << run.out);
  REQUIRE(state.has_value());
  auto diffs = CompareImageState(fixture.image(), *state);
  INFO(Catch::Detail::stringify(diffs));
  CHECK(diffs.empty());
  CHECK(state->GetAttr("region") == cty::Value::String(fixture.region));
  CHECK(api.Stats()->total == 1);
}

TEST_CASE("tf-read words failures as Terraform does and exits 1", "[tf-read]") {
  ApiDoubleProcess api;
  REQUIRE(api.error().empty());

  SECTION("a missing image") {
    auto run = RunTfRead(api, {"--image-id", "img-doesnotexist1"});
    CHECK(run.exit.code == 1);
    CHECK(run.out == "");
    CHECK_THAT(run.err, Catch::Contains("│ Error: "));
    CHECK_THAT(run.err, Catch::Contains("with data.jdcloud_image.image"));
    CHECK_THAT(run.err, Catch::Contains("image not found", Catch::CaseSensitive::No));
  }
  SECTION("a malformed image_id, caught by validation before any request") {
    auto run = RunTfRead(api, {"--image-id", "ami-12345"});
    CHECK(run.exit.code == 1);
    CHECK_THAT(run.err, Catch::Contains("on attribute image_id"));
    CHECK(api.Stats()->total == 0);
  }
  SECTION("missing credentials") {
    auto run = RunTfRead(api, {"--image-id", "img-m5s0f7ss4c"}, {{"JDCLOUD_ACCESS_KEY", ""}});
    CHECK(run.exit.code == 1);
    CHECK_THAT(run.err, Catch::Contains("JDCLOUD_ACCESS_KEY"));
  }
  SECTION("usage errors exit 2") {
    auto run = RunTfRead(api, {});
    CHECK(run.exit.code == 2);
    CHECK_THAT(run.err, Catch::Contains("--image-id"));
  }
}
