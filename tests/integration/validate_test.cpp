// ValidateProviderConfig / PrepareProviderConfig and ValidateDataResourceConfig /
// ValidateDataSourceConfig (SPEC: arguments, validation, unknown values).
#include "config_object.h"
#include "test_support.h"

using namespace harness;

namespace {

cty::Value Str(const char* s) { return cty::Value::String(s); }
cty::Value UnknownString() { return cty::Value::Unknown(cty::Type::String()); }

// The single error diagnostic of `diags`, which must point at `path`.
void RequireOneErrorAt(const std::vector<Diag>& diags, const std::string& path) {
  INFO(Describe(diags));
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].severity == Diag::Severity::Error);
  CHECK(diags[0].path == path);
  CHECK_FALSE(diags[0].summary.empty());
}

}  // namespace

TEST_CASE("provider configuration validation", "[validate]") {
  auto versions = GENERATE(std::string("5"), std::string("6"));
  CAPTURE(versions);
  auto p = Launch(versions);
  REQUIRE(p.client->GetSchema().ok());
  auto type = *p.client->ProviderConfigType();

  SECTION("an empty configuration is valid (everything may come from the environment)") {
    auto r = p.client->ValidateProviderConfig(ConfigObject(type, {}));
    REQUIRE(r.ok());
    CHECK(r.diagnostics.empty());
  }

  SECTION("a full, good configuration is valid") {
    auto r = p.client->ValidateProviderConfig(ConfigObject(
        type, {{"access_key", Str("AK")}, {"secret_key", Str("SK")}, {"region", Str("cn-north-1")},
               {"endpoint", Str("http://127.0.0.1:1")}, {"max_retries", cty::Value::Int(0)},
               {"request_timeout", cty::Value::Int(3600)}}));
    REQUIRE(r.ok());
    INFO(Describe(r.diagnostics));
    CHECK_FALSE(HasError(r.diagnostics));
  }

  SECTION("unknown values are never errors") {
    auto r = p.client->ValidateProviderConfig(ConfigObject(
        type, {{"endpoint", UnknownString()}, {"region", UnknownString()},
               {"max_retries", cty::Value::Unknown(cty::Type::Number())},
               {"request_timeout", cty::Value::Unknown(cty::Type::Number())}}));
    REQUIRE(r.ok());
    INFO(Describe(r.diagnostics));
    CHECK_FALSE(HasError(r.diagnostics));
  }

  SECTION("max_retries outside 0..20 is an error on max_retries") {
    auto bad = GENERATE(-1, 21, 1000);
    CAPTURE(bad);
    auto r = p.client->ValidateProviderConfig(ConfigObject(type, {{"max_retries", cty::Value::Int(bad)}}));
    REQUIRE(r.ok());
    RequireOneErrorAt(r.diagnostics, "max_retries");
  }

  SECTION("a fractional max_retries is an error on max_retries") {
    auto r = p.client->ValidateProviderConfig(ConfigObject(
        type, {{"max_retries", cty::Value::NumberVal(*cty::Number::Parse("1.5"))}}));
    REQUIRE(r.ok());
    RequireOneErrorAt(r.diagnostics, "max_retries");
  }

  SECTION("request_timeout outside 1..3600 is an error on request_timeout") {
    auto bad = GENERATE(0, -5, 3601);
    CAPTURE(bad);
    auto r = p.client->ValidateProviderConfig(
        ConfigObject(type, {{"request_timeout", cty::Value::Int(bad)}}));
    REQUIRE(r.ok());
    RequireOneErrorAt(r.diagnostics, "request_timeout");
  }

  SECTION("ConfigureProvider tolerates unknown values") {
    auto r = p.client->ConfigureProvider(
        ConfigObject(type, {{"endpoint", UnknownString()}, {"access_key", Str("AK")},
                            {"secret_key", Str("SK")}, {"region", Str("cn-north-1")}}),
        "1.11.4");
    REQUIRE(r.ok());
    INFO(Describe(r.diagnostics));
    CHECK_FALSE(HasError(r.diagnostics));
  }

  ShutdownCleanly(p);
}

TEST_CASE("data source configuration validation", "[validate]") {
  auto versions = GENERATE(std::string("5"), std::string("6"));
  CAPTURE(versions);
  auto p = Launch(versions);
  REQUIRE(p.client->GetSchema().ok());
  auto type = *p.client->DataSourceType("jdcloud_image");
  auto validate = [&](std::map<std::string, cty::Value> set) {
    auto r = p.client->ValidateDataSourceConfig("jdcloud_image", ConfigObject(type, set));
    REQUIRE(r.ok());
    return r.diagnostics;
  };

  SECTION("a good configuration passes") {
    auto image_id = GENERATE("img-m5s0f7ss4c", "img-12345678", "img-0123456789abcdefghijklmnopqrstuv");
    CAPTURE(image_id);
    auto diags = validate({{"image_id", Str(image_id)}});
    INFO(Describe(diags));
    CHECK(diags.empty());
    diags = validate({{"image_id", Str(image_id)}, {"region", Str("cn-north-1")}});
    INFO(Describe(diags));
    CHECK(diags.empty());
  }

  SECTION("a malformed image_id is an error on image_id") {
    auto image_id = GENERATE("ami-12345678", "img-ABCDEFGH", "img-1234567", "img-12345678 ", "",
                             "img-0123456789abcdefghijklmnopqrstuvw", "img-12345678/../x");
    CAPTURE(image_id);
    RequireOneErrorAt(validate({{"image_id", Str(image_id)}}), "image_id");
  }

  SECTION("a malformed region is an error on region") {
    auto region = GENERATE("cn-north", "CN-NORTH-1", "cn_north_1", "cn-north-1a", "c-north-1");
    CAPTURE(region);
    RequireOneErrorAt(validate({{"image_id", Str("img-m5s0f7ss4c")}, {"region", Str(region)}}), "region");
  }

  SECTION("unknown values are allowed") {
    auto diags = validate({{"image_id", UnknownString()}, {"region", UnknownString()}});
    INFO(Describe(diags));
    CHECK(diags.empty());
    diags = validate({{"image_id", UnknownString()}, {"region", Str("cn-north-1")}});
    INFO(Describe(diags));
    CHECK(diags.empty());
  }

  SECTION("an unknown data source type is an error, not a crash") {
    auto r = p.client->ValidateDataSourceConfig("jdcloud_nothing", ConfigObject(type, {}));
    if (r.ok()) CHECK(HasError(r.diagnostics));
    CHECK(p.client->GetSchema().ok());
  }

  ShutdownCleanly(p);
}

TEST_CASE("malformed requests get an error and the server keeps serving", "[validate]") {
  auto versions = GENERATE(std::string("5"), std::string("6"));
  CAPTURE(versions);
  auto p = Launch(versions);
  REQUIRE(p.client->GetSchema().ok());
  auto bytes = GENERATE(std::string("\xc1", 1), std::string("\x81\xa8image_id", 10), std::string("\x93\x01\x02\x03"),
                        std::string("\x81\xa8image_id\x2a", 11), std::string(""));
  auto r = p.client->ReadDataSourceRaw("jdcloud_image", bytes);
  INFO(Describe(r.diagnostics));
  if (r.ok()) {
    CHECK(HasError(r.diagnostics));
    CHECK_FALSE(r.state_sent);
  }
  CHECK(p.client->GetSchema().ok());
  ShutdownCleanly(p);
}
